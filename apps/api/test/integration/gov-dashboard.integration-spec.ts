import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { needBlockers, type FailureCode } from '@lianrong/matching';
import { shanghaiMonth } from '../../src/common/china-time';
import { demoIds } from '../../src/database/seeds/demo';
import { DashboardFactsService } from '../../src/modules/dashboards/dashboard-facts.service';
import { loadNeedEntries, loadProducts } from '../../src/modules/matching/matching-inputs';
import { WorkingCalendar } from '../../src/modules/matches/response-clock';
import { WORKING_CAPITAL_NEED } from './fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';
import { siblingDatabaseUrl } from './test-env';
import { eventually, matchingDrained, startWorker, type WorkerProcess } from './worker-process';

// Issue 11, item 10: every figure of the government dashboard recomputed here in plain SQL,
// straight from the records — timestamps against the period's China-time bounds, EXISTS and
// DISTINCT instead of the facts' month runs — under several filter sets, for a province, a
// city and a county agency; and an agency of another province sees none of these firms.

type Json = Record<string, unknown>;
type Figures = Record<string, unknown>;

interface Filters {
  from?: string;
  to?: string;
  tier?: string;
  city?: string;
  bank?: string;
}

const FIGURES = [
  'firms',
  'firmsByTier',
  'firmsWithOpenNeeds',
  'openNeeds',
  'amountAsked',
  'matchedNeeds',
  'applications',
  'answered',
  'overdue',
  'medianResponseDays',
  'approvedCount',
  'approvedAmount',
  'declinedCount',
  'approvalRateBps',
  'disbursedCount',
  'disbursedAmount',
  'firstTimeBorrowers',
  'creditLoanShareBps',
  'averageRateBps',
  'coveredFirms',
  'coverageBps',
] as const;

const WORKDAYS_TABLE = 'test_gov_dashboard_workdays';

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

const bps = (num: number, den: number) => (den > 0 ? Math.round((num * 10_000) / den) : null);

describe('government dashboard: every figure against plain SQL', () => {
  let t: TestApp;
  let facts: DashboardFactsService;
  let province: Session;
  let city: Session;
  let county: Session;
  let foreign: Session;
  let now: string;
  const calendar = new WorkingCalendar();

  const api = (s: Session) => ({
    get: (path: string) => t.http().get(`/api/v1${path}`).set(bearer(s)),
  });
  const qs = (f: Filters & Record<string, string | undefined>) => {
    const entries = Object.entries(f).filter(([, v]) => v !== undefined) as [string, string][];
    return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
  };

  async function agencyUser(admin: Session, name: string, regionCode: string): Promise<Session> {
    const org = await t
      .http()
      .post('/api/v1/admin/orgs')
      .set(bearer(admin))
      .send({ kind: 'gov_agency', name: `${name}${Date.now()}`, regionCode })
      .expect(201);
    const email = `gov-${regionCode}-${Date.now()}@gov.test`;
    await t
      .http()
      .post('/api/v1/admin/users')
      .set(bearer(admin))
      .send({
        email,
        password: 'Agency#2026xx',
        displayName: `${name}处长`,
        role: 'gov',
        organizationId: org.body.id,
      })
      .expect(201);
    return t.login(email, 'Agency#2026xx');
  }

  // Its own freshly seeded database and queues: the demo's blocked needs and settled figures
  // must not move because another suite published a product or posted a need.
  const ownEnv = {
    DATABASE_URL: siblingDatabaseUrl('dashboard'),
    TEST_DATABASE_URL: siblingDatabaseUrl('dashboard'),
    BULL_PREFIX: `{lianrong-dashboard-${process.pid}}`,
  };
  const savedEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    for (const command of ['reset', 'seed'])
      execFileSync(
        process.execPath,
        ['tools/run-ts.mjs', 'apps/api/src/database/cli.ts', command],
        {
          cwd: path.resolve(__dirname, '../../../..'),
          env: { ...process.env, ...ownEnv, SEED_DEMO: 'true' },
          stdio: 'ignore',
        },
      );
    for (const [key, value] of Object.entries(ownEnv)) {
      savedEnv[key] = process.env[key];
      process.env[key] = value;
    }
    t = await createTestApp();
    facts = t.app.get(DashboardFactsService);
    // The demo's rematch (and whatever earlier suites queued) done, so stored matches are settled.
    const worker = await startWorker();
    await matchingDrained(t.db, 180_000);
    await worker.stop();
    const admin = await t.login('admin@lianrong.demo');
    province = await t.login('gov@lianrong.demo');
    city = await t.login('changsha-gov@lianrong.demo');
    county = await agencyUser(admin, '株洲市天元区工业和信息化局', '430211');
    // A province where no suite registers firms: whatever it sees came from elsewhere.
    foreign = await agencyUser(admin, '西藏自治区经济和信息化厅', '540000');
    // China's working days as the response clock counts them, as a plain list for the SQL.
    await t.db.query(`DROP TABLE IF EXISTS ${WORKDAYS_TABLE}`);
    await t.db.query(`CREATE TABLE ${WORKDAYS_TABLE} (day date PRIMARY KEY)`);
    const days: string[] = [];
    for (let d = Date.UTC(2024, 0, 1); d <= Date.UTC(2027, 11, 31); d += 86_400_000) {
      const iso = new Date(d).toISOString().slice(0, 10);
      if (calendar.isWorkday(iso)) days.push(iso);
    }
    await t.db.query(`INSERT INTO ${WORKDAYS_TABLE} SELECT unnest($1::date[])`, [days]);
    const built = await facts.refresh();
    expect(built.refreshed).toBe(true);
    now = (await facts.state()).refreshedAt!.toISOString();
  }, 300_000);

  afterAll(async () => {
    await t?.db.query(`DROP TABLE IF EXISTS ${WORKDAYS_TABLE}`);
    await t?.close();
    for (const [key, value] of Object.entries(savedEnv)) process.env[key] = value;
  });

  /**
   * The figures of every group (a chain, or 'all' for every firm of the region) and of every
   * city within it, straight from the records. Keys: `${group}|${city ?? ''}`.
   */
  async function sqlFigures(prefix: string, f: Filters): Promise<Map<string, Figures>> {
    const current = shanghaiMonth(new Date(now));
    const to = f.to ?? (f.from && f.from > current ? f.from : current);
    const from = f.from ?? addMonths(to, -11);
    const scope = f.city
      ? f.city.slice(0, 4).startsWith(prefix)
        ? f.city.slice(0, 4)
        : prefix
      : prefix;
    const params = [
      `${scope}%`,
      f.tier ?? null,
      new Date(now).getUTCFullYear() - 2,
      `${from}-01`,
      `${addMonths(to, 1)}-01`,
      f.bank ?? null,
      now,
    ];
    // $1 region, $2 tier, $3 first certification year that still counts, $4/$5 the period's
    // first day and the day after it (China dates), $6 bank, $7 now.
    const base = `
      WITH typed AS (SELECT $6::uuid AS bank, $7::timestamptz AS now),
      bounds AS (
        SELECT ($4::date::timestamp AT TIME ZONE 'Asia/Shanghai') AS t0,
               ($5::date::timestamp AT TIME ZONE 'Asia/Shanghai') AS t1
      ),
      firms_in AS (
        SELECT f.id, left(o.region_code, 4) || '00' AS city,
               CASE WHEN f.tier <> 'none' AND f.tier_year >= $3 THEN f.tier::text ELSE 'none' END AS tier
          FROM firms f JOIN organizations o ON o.id = f.id
         WHERE o.region_code LIKE $1
      ),
      chosen AS (SELECT * FROM firms_in WHERE $2::text IS NULL OR tier = $2::text),
      grp AS (
        SELECT 'all' AS g, id AS firm_id, city, tier FROM chosen
        UNION ALL
        SELECT cm.chain_id::text, c.id, c.city, c.tier FROM chosen c JOIN chain_members cm ON cm.firm_id = c.id
      ),
      standing AS (
        SELECT m.* FROM matches m WHERE m.status IN ('approved', 'disbursed')
      ),
      drawdowns AS (
        SELECT m.firm_id, m.bank_id, m.id AS match_id, e.amount, e.occurred_on, e.at, e.id
          FROM match_events e JOIN matches m ON m.id = e.match_id
         WHERE m.status = 'disbursed' AND e.to_status = 'disbursed' AND e.amount IS NOT NULL AND e.occurred_on IS NOT NULL
      )`;
    const rows = async (select: string): Promise<(Json & { g: string; city: string | null })[]> =>
      t.db.query(`${base} ${select}`, params);
    const out = new Map<string, Figures>();
    const at = (g: string, c: string | null) => {
      const key = `${g}|${c ? c.slice(0, 4) : ''}`;
      let v = out.get(key);
      if (!v) out.set(key, (v = {}));
      return v;
    };
    const sets = 'GROUPING SETS ((g), (g, city))';
    const cityOf = `CASE WHEN GROUPING(city) = 0 THEN city END AS city`;

    for (const r of await rows(
      `SELECT g, ${cityOf}, count(*)::int AS firms,
              count(*) FILTER (WHERE tier = 'none')::int AS none, count(*) FILTER (WHERE tier = 'innovative')::int AS innovative,
              count(*) FILTER (WHERE tier = 'srdi')::int AS srdi, count(*) FILTER (WHERE tier = 'little_giant')::int AS little_giant,
              count(*) FILTER (WHERE tier = 'champion')::int AS champion
         FROM grp GROUP BY ${sets}`,
    )) {
      Object.assign(at(r.g, r.city), {
        firms: r.firms,
        firmsByTier: {
          none: r.none,
          innovative: r.innovative,
          srdi: r.srdi,
          little_giant: r.little_giant,
          champion: r.champion,
        },
      });
    }
    // Needs open at any time in the period: posted before it ended, not closed before it began.
    for (const r of await rows(
      `, open_needs AS (
          SELECT n.* FROM funding_needs n, bounds b
           WHERE n.created_at < b.t1 AND (n.closed_at IS NULL OR n.closed_at >= b.t0))
       SELECT g, ${cityOf}, count(DISTINCT grp.firm_id)::int AS firms_with, count(n.id)::int AS needs,
              COALESCE(sum(n.amount), 0)::bigint AS amount,
              count(n.id) FILTER (WHERE EXISTS (SELECT 1 FROM matches m WHERE m.need_id = n.id AND NOT m.ineligible))::int AS matched
         FROM grp JOIN open_needs n ON n.firm_id = grp.firm_id GROUP BY ${sets}`,
    )) {
      Object.assign(at(r.g, r.city), {
        firmsWithOpenNeeds: r.firms_with,
        openNeeds: r.needs,
        amountAsked: Number(r.amount),
        matchedNeeds: r.matched,
      });
    }
    // Applications in the period; answered; overdue now on the official calendar; response days.
    for (const r of await rows(
      `, apps AS (
          SELECT m.*, (m.applied_at AT TIME ZONE 'Asia/Shanghai')::date AS applied_day,
                 (m.first_response_at AT TIME ZONE 'Asia/Shanghai')::date AS response_day
            FROM matches m, bounds b
           WHERE m.applied_at >= b.t0 AND m.applied_at < b.t1 AND ($6::uuid IS NULL OR m.bank_id = $6::uuid))
       SELECT g, ${cityOf}, count(a.id)::int AS applications,
              count(a.id) FILTER (WHERE a.first_response_at IS NOT NULL)::int AS answered,
              count(a.id) FILTER (WHERE a.status = 'applied' AND a.first_response_at IS NULL
                AND (SELECT count(*) FROM ${WORKDAYS_TABLE} w
                      WHERE w.day > a.applied_day AND w.day <= ($7::timestamptz AT TIME ZONE 'Asia/Shanghai')::date)
                    > (SELECT response_days FROM organizations WHERE id = a.bank_id))::int AS overdue,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY (SELECT count(*) FROM ${WORKDAYS_TABLE} w
                WHERE w.day > a.applied_day AND w.day <= a.response_day)) FILTER (WHERE a.first_response_at IS NOT NULL) AS median
         FROM grp JOIN apps a ON a.firm_id = grp.firm_id GROUP BY ${sets}`,
    )) {
      Object.assign(at(r.g, r.city), {
        applications: r.applications,
        answered: r.answered,
        overdue: r.overdue,
        medianResponseDays: r.median === null ? null : Number(r.median),
      });
    }
    // Standing credit approved in the period; declines in it.
    for (const r of await rows(
      `, approvals AS (
          SELECT s.*, n.collateral FROM standing s JOIN funding_needs n ON n.id = s.need_id, bounds b
           WHERE s.approved_at >= b.t0 AND s.approved_at < b.t1 AND ($6::uuid IS NULL OR s.bank_id = $6::uuid))
       SELECT g, ${cityOf}, count(a.id)::int AS n, COALESCE(sum(a.approved_amount), 0)::bigint AS amount,
              COALESCE(sum(a.approved_amount) FILTER (WHERE a.collateral = 'none'), 0)::bigint AS unsecured,
              COALESCE(sum(a.approved_amount::numeric * a.approved_rate_bps), 0) AS rate_amount
         FROM grp JOIN approvals a ON a.firm_id = grp.firm_id GROUP BY ${sets}`,
    )) {
      Object.assign(at(r.g, r.city), {
        approvedCount: r.n,
        approvedAmount: Number(r.amount),
        unsecured: Number(r.unsecured),
        rateAmount: Number(r.rate_amount),
      });
    }
    for (const r of await rows(
      `, declines AS (
          SELECT m.firm_id, e.id FROM match_events e JOIN matches m ON m.id = e.match_id, bounds b
           WHERE e.to_status = 'declined' AND e.kind = 'transition' AND e.at >= b.t0 AND e.at < b.t1
             AND ($6::uuid IS NULL OR m.bank_id = $6::uuid))
       SELECT g, ${cityOf}, count(d.id)::int AS n FROM grp JOIN declines d ON d.firm_id = grp.firm_id GROUP BY ${sets}`,
    )) {
      at(r.g, r.city).declinedCount = r.n;
    }
    // Drawdowns by value date; disbursed matches by their first drawdown.
    for (const r of await rows(
      `, in_period AS (
          SELECT d.* FROM drawdowns d WHERE d.occurred_on >= $4::date AND d.occurred_on < $5::date
             AND ($6::uuid IS NULL OR d.bank_id = $6::uuid))
       SELECT g, ${cityOf}, COALESCE(sum(x.amount), 0)::bigint AS amount
         FROM grp JOIN in_period x ON x.firm_id = grp.firm_id GROUP BY ${sets}`,
    )) {
      at(r.g, r.city).disbursedAmount = Number(r.amount);
    }
    for (const r of await rows(
      `, firsts AS (
          SELECT DISTINCT ON (d.match_id) d.match_id, d.firm_id, d.bank_id, d.occurred_on FROM drawdowns d
           ORDER BY d.match_id, d.occurred_on, d.at, d.id)
       SELECT g, ${cityOf}, count(x.match_id)::int AS n
         FROM grp JOIN firsts x ON x.firm_id = grp.firm_id
        WHERE x.occurred_on >= $4::date AND x.occurred_on < $5::date AND ($6::uuid IS NULL OR x.bank_id = $6::uuid)
        GROUP BY ${sets}`,
    )) {
      at(r.g, r.city).disbursedCount = r.n;
    }
    // 首贷户: the firm's first standing approval anywhere, in the period (at the filtered bank).
    for (const r of await rows(
      `, first_credit AS (
          SELECT DISTINCT ON (s.firm_id) s.firm_id, s.bank_id, s.approved_at FROM standing s ORDER BY s.firm_id, s.approved_at, s.id)
       SELECT g, ${cityOf}, count(*)::int AS n
         FROM grp JOIN first_credit x ON x.firm_id = grp.firm_id, bounds b
        WHERE x.approved_at >= b.t0 AND x.approved_at < b.t1 AND ($6::uuid IS NULL OR x.bank_id = $6::uuid)
        GROUP BY ${sets}`,
    )) {
      at(r.g, r.city).firstTimeBorrowers = r.n;
    }
    // Firms with an approval or a drawdown in the period.
    for (const r of await rows(
      `SELECT g, ${cityOf}, count(DISTINCT grp.firm_id)::int AS n FROM grp, bounds b
        WHERE EXISTS (SELECT 1 FROM standing s WHERE s.firm_id = grp.firm_id AND s.approved_at >= b.t0 AND s.approved_at < b.t1
                        AND ($6::uuid IS NULL OR s.bank_id = $6::uuid))
           OR EXISTS (SELECT 1 FROM drawdowns d WHERE d.firm_id = grp.firm_id AND d.occurred_on >= $4::date AND d.occurred_on < $5::date
                        AND ($6::uuid IS NULL OR d.bank_id = $6::uuid))
        GROUP BY ${sets}`,
    )) {
      at(r.g, r.city).coveredFirms = r.n;
    }

    for (const v of out.values()) {
      const g = (k: string) => Number(v[k] ?? 0);
      v.firmsByTier ??= { none: 0, innovative: 0, srdi: 0, little_giant: 0, champion: 0 };
      for (const k of FIGURES) if (k !== 'medianResponseDays' && k !== 'firmsByTier') v[k] ??= 0;
      v.medianResponseDays ??= null;
      v.approvalRateBps = bps(g('approvedCount'), g('approvedCount') + g('declinedCount'));
      v.creditLoanShareBps = bps(g('unsecured'), g('approvedAmount'));
      v.averageRateBps =
        g('approvedAmount') > 0 ? Math.round(g('rateAmount') / g('approvedAmount')) : null;
      v.coverageBps = bps(g('coveredFirms'), g('firmsWithOpenNeeds'));
    }
    return out;
  }

  /** Chains an agency of `prefix` sees (set up within it, or with members in it), and the others. */
  async function chainsSeenFrom(prefix: string): Promise<{ seen: string[]; unseen: string[] }> {
    const rows: { id: string; name: string; seen: boolean }[] = await t.db.query(
      `SELECT c.id, c.name,
              (c.region_code LIKE $1 OR EXISTS (SELECT 1 FROM chain_members cm JOIN organizations o ON o.id = cm.firm_id
                                                WHERE cm.chain_id = c.id AND o.region_code LIKE $1)) AS seen
         FROM chains c`,
      [`${prefix}%`],
    );
    return {
      seen: rows
        .filter((r) => r.seen)
        .map((r) => r.name)
        .sort(),
      unseen: rows.filter((r) => !r.seen).map((r) => r.id),
    };
  }

  const pick = (f: Figures) => Object.fromEntries(FIGURES.map((k) => [k, f[k]]));
  const empty = () =>
    pick({
      ...Object.fromEntries(FIGURES.map((k) => [k, 0])),
      firmsByTier: { none: 0, innovative: 0, srdi: 0, little_giant: 0, champion: 0 },
      medianResponseDays: null,
      approvalRateBps: null,
      creditLoanShareBps: null,
      averageRateBps: null,
      coverageBps: null,
    });

  /** The API's overview against the SQL, figure by figure: totals, each chain, each city. */
  async function checkOverview(s: Session, prefix: string, f: Filters): Promise<Json> {
    const res = await api(s)
      .get(`/gov/chains${qs({ ...f })}`)
      .expect(200);
    const body = res.body as {
      freshness: Json;
      totals: Figures;
      cities: { code: string; figures: Figures }[];
      items: {
        id: string;
        name: string;
        leadBank: { id: string } | null;
        leadBankShareBps: number | null;
        figures: Figures;
        cities: { code: string; figures: Figures }[];
      }[];
    };
    expect(body.freshness).toMatchObject({ source: 'facts', asOf: now });
    const expected = await sqlFigures(prefix, f);
    const want = (g: string, c: string | null) =>
      pick(expected.get(`${g}|${c ? c.slice(0, 4) : ''}`) ?? empty());
    expect({ totals: pick(body.totals) }).toEqual({ totals: want('all', null) });
    for (const c of body.cities)
      expect({ city: c.code, ...pick(c.figures) }).toEqual({
        city: c.code,
        ...want('all', c.code),
      });
    for (const chain of body.items) {
      expect({ chain: chain.name, ...pick(chain.figures) }).toEqual({
        chain: chain.name,
        ...want(chain.id, null),
      });
      for (const c of chain.cities) {
        expect({ chain: chain.name, city: c.code, ...pick(c.figures) }).toEqual({
          chain: chain.name,
          city: c.code,
          ...want(chain.id, c.code),
        });
      }
      // Cities listed are exactly those with member firms under the filters.
      const sqlCities = [...expected.keys()].filter(
        (k) => k.startsWith(`${chain.id}|`) && !k.endsWith('|'),
      );
      expect(chain.cities.map((c) => c.code.slice(0, 4)).sort()).toEqual(
        sqlCities.map((k) => k.split('|')[1]).sort(),
      );
    }
    return body as unknown as Json;
  }

  // Filter sets are listed before the suite runs: relative to the month it runs in.
  const current = () => shanghaiMonth(new Date());
  const filterSets = (): [string, Filters][] => [
    ['the default twelve months', {}],
    ['the last three months', { from: addMonths(current(), -2), to: current() }],
    [
      'a window in the past (needs open before and after it)',
      { from: addMonths(current(), -5), to: addMonths(current(), -3) },
    ],
    ['a single past month', { from: addMonths(current(), -4), to: addMonths(current(), -4) }],
    ['little giants only', { tier: 'little_giant' }],
    ['中国银行 only', { bank: demoIds.orgId('bank', 'boc') }],
    [
      '长沙银行 over six months',
      { bank: demoIds.orgId('bank', 'cssb'), from: addMonths(current(), -5) },
    ],
  ];

  describe('a province agency (湖南省工业和信息化厅)', () => {
    it.each([
      ...filterSets(),
      ['株洲 only', { city: '430200' }] as [string, Filters],
      ['长沙, srdi firms', { city: '430100', tier: 'srdi' }] as [string, Filters],
    ])('overview under %s', async (_name, f) => {
      const body = await checkOverview(province, '43', f);
      expect((body.items as unknown[]).length).toBeGreaterThan(0);
    });

    it('has demo history to check: credit, drawdowns, declines, overdue and first-time borrowers all occur', async () => {
      const body = (await checkOverview(province, '43', {})) as { totals: Figures };
      for (const k of [
        'approvedCount',
        'disbursedAmount',
        'declinedCount',
        'overdue',
        'firstTimeBorrowers',
        'coveredFirms',
        'matchedNeeds',
      ])
        expect({ k, v: body.totals[k] }).toEqual({ k, v: expect.any(Number) });
      expect(Number(body.totals.approvedCount)).toBeGreaterThan(0);
      expect(Number(body.totals.disbursedAmount)).toBeGreaterThan(0);
      expect(Number(body.totals.declinedCount)).toBeGreaterThan(0);
      expect(Number(body.totals.overdue)).toBeGreaterThan(0);
      expect(Number(body.totals.firstTimeBorrowers)).toBeGreaterThan(0);
      expect(body.totals.medianResponseDays).not.toBeNull();
    });

    it("names each chain's lead bank and its share of the chain's credit", async () => {
      const { body } = await api(province).get('/gov/chains').expect(200);
      const f = { from: body.filters.period.from, to: body.filters.period.to };
      const rows: { chain_id: string; lead: string; lead_amount: string; all_amount: string }[] =
        await t.db.query(
          `SELECT c.id AS chain_id, c.lead_bank_id AS lead,
                COALESCE(sum(m.approved_amount) FILTER (WHERE m.bank_id = c.lead_bank_id), 0) AS lead_amount,
                COALESCE(sum(m.approved_amount), 0) AS all_amount
           FROM chains c
           LEFT JOIN chain_members cm ON cm.chain_id = c.id
           LEFT JOIN organizations o ON o.id = cm.firm_id AND o.region_code LIKE '43%'
           LEFT JOIN matches m ON m.firm_id = o.id AND m.status IN ('approved', 'disbursed')
                AND m.approved_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')
                AND m.approved_at < ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')
          GROUP BY c.id, c.lead_bank_id`,
          [`${f.from}-01`, `${addMonths(f.to, 1)}-01`],
        );
      for (const item of body.items as {
        id: string;
        leadBank: { id: string };
        leadBankApprovedAmount: number;
        leadBankShareBps: number | null;
      }[]) {
        const r = rows.find((x) => x.chain_id === item.id)!;
        expect(item.leadBank.id).toBe(r.lead);
        expect(item.leadBankApprovedAmount).toBe(Number(r.lead_amount));
        expect(item.leadBankShareBps).toBe(bps(Number(r.lead_amount), Number(r.all_amount)));
      }
      expect(
        (body.items as { leadBankApprovedAmount: number }[]).some(
          (i) => i.leadBankApprovedAmount > 0,
        ),
      ).toBe(true);
    });

    it('draws the monthly trend of the region from the same records', async () => {
      const { body } = await api(province).get('/gov/chains').expect(200);
      const rows: { month: string; approved: string; disbursed: string; applications: number }[] =
        await t.db.query(
          `SELECT m.month,
                (SELECT COALESCE(sum(approved_amount), 0) FROM matches x JOIN organizations o ON o.id = x.firm_id
                  WHERE o.region_code LIKE '43%' AND x.status IN ('approved', 'disbursed')
                    AND to_char(x.approved_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = m.month) AS approved,
                (SELECT COALESCE(sum(e.amount), 0) FROM match_events e JOIN matches x ON x.id = e.match_id JOIN organizations o ON o.id = x.firm_id
                  WHERE o.region_code LIKE '43%' AND x.status = 'disbursed' AND e.to_status = 'disbursed' AND e.amount IS NOT NULL
                    AND to_char(e.occurred_on, 'YYYY-MM') = m.month) AS disbursed,
                (SELECT count(*)::int FROM matches x JOIN organizations o ON o.id = x.firm_id
                  WHERE o.region_code LIKE '43%' AND to_char(x.applied_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') = m.month) AS applications
           FROM unnest($1::text[]) AS m(month)`,
          [(body.trend as { month: string }[]).map((p) => p.month)],
        );
      expect(body.trend).toHaveLength(12);
      expect(
        (
          body.trend as {
            month: string;
            approvedAmount: number;
            disbursedAmount: number;
            applications: number;
          }[]
        ).map((p) => [p.month, p.approvedAmount, p.disbursedAmount, p.applications]),
      ).toEqual(
        rows.map((r) => [r.month, Number(r.approved), Number(r.disbursed), r.applications]),
      );
    });

    it('lists bank responsiveness per bank as the SQL counts it', async () => {
      const { body } = await api(province).get('/gov/banks/response-times').expect(200);
      const f = body.filters.period as { from: string; to: string };
      const rows: Json[] = await t.db.query(
        `WITH apps AS (
           SELECT m.*, (m.applied_at AT TIME ZONE 'Asia/Shanghai')::date AS aday, (m.first_response_at AT TIME ZONE 'Asia/Shanghai')::date AS rday
             FROM matches m JOIN organizations o ON o.id = m.firm_id
            WHERE o.region_code LIKE '43%' AND m.applied_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai')
              AND m.applied_at < ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai'))
         SELECT b.id, b.response_days,
                (SELECT count(*)::int FROM apps a WHERE a.bank_id = b.id) AS applications,
                (SELECT count(*)::int FROM apps a WHERE a.bank_id = b.id AND a.first_response_at IS NOT NULL) AS answered,
                (SELECT count(*)::int FROM apps a WHERE a.bank_id = b.id AND a.status = 'applied' AND a.first_response_at IS NULL
                    AND (SELECT count(*) FROM ${WORKDAYS_TABLE} w WHERE w.day > a.aday AND w.day <= ($3::timestamptz AT TIME ZONE 'Asia/Shanghai')::date) > b.response_days) AS overdue,
                (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (SELECT count(*) FROM ${WORKDAYS_TABLE} w WHERE w.day > a.aday AND w.day <= a.rday))
                   FROM apps a WHERE a.bank_id = b.id AND a.first_response_at IS NOT NULL) AS median,
                (SELECT count(*)::int FROM matches m JOIN organizations o ON o.id = m.firm_id
                  WHERE o.region_code LIKE '43%' AND m.bank_id = b.id AND m.status IN ('approved', 'disbursed')
                    AND m.approved_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND m.approved_at < ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')) AS approved,
                (SELECT count(*)::int FROM match_events e JOIN matches m ON m.id = e.match_id JOIN organizations o ON o.id = m.firm_id
                  WHERE o.region_code LIKE '43%' AND m.bank_id = b.id AND e.to_status = 'declined' AND e.kind = 'transition'
                    AND e.at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND e.at < ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai')) AS declined
           FROM organizations b WHERE b.kind = 'bank'`,
        [`${f.from}-01`, `${addMonths(f.to, 1)}-01`, now],
      );
      const expected = rows
        .filter((r) => Number(r.applications) + Number(r.approved) + Number(r.declined) > 0)
        .map((r) => ({
          bank: r.id,
          responseDays: r.response_days,
          applications: r.applications,
          answered: r.answered,
          overdue: r.overdue,
          medianResponseDays: r.median === null ? null : Number(r.median),
          approvedCount: r.approved,
          declinedCount: r.declined,
          approvalRateBps: bps(Number(r.approved), Number(r.approved) + Number(r.declined)),
        }));
      const got = (body.items as Json[]).map((i) => ({
        bank: (i.bank as { id: string }).id,
        responseDays: i.responseDays,
        applications: i.applications,
        answered: i.answered,
        overdue: i.overdue,
        medianResponseDays: i.medianResponseDays,
        approvedCount: i.approvedCount,
        declinedCount: i.declinedCount,
        approvalRateBps: i.approvalRateBps,
      }));
      expect(got.sort((a, b) => String(a.bank).localeCompare(String(b.bank)))).toEqual(
        expected.sort((a, b) => String(a.bank).localeCompare(String(b.bank))),
      );
      expect(got.length).toBeGreaterThan(0);
    });

    it('drills into 轨道交通: member firms with their stage, core enterprises with suppliers and their financing', async () => {
      const rail = demoIds.chainId('rail');
      const { body } = await api(province).get(`/gov/chains/${rail}?limit=200`).expect(200);
      expect(body.name).toBe('轨道交通');
      const f = body.filters.period as { from: string; to: string };
      const members: {
        id: string;
        open: number;
        matched: number;
        live: number;
        approvals: number;
        drawn: string;
      }[] = await t.db.query(
        `SELECT o.id,
                (SELECT count(*)::int FROM funding_needs n WHERE n.firm_id = o.id AND n.status = 'open') AS open,
                (SELECT count(*)::int FROM funding_needs n WHERE n.firm_id = o.id AND n.status = 'open'
                   AND EXISTS (SELECT 1 FROM matches m WHERE m.need_id = n.id AND NOT m.ineligible)) AS matched,
                (SELECT count(*)::int FROM matches m WHERE m.firm_id = o.id AND m.status IN ('applied', 'contacted', 'in_review', 'pending_approval')) AS live,
                (SELECT count(*)::int FROM matches m WHERE m.firm_id = o.id AND m.status IN ('approved', 'disbursed')
                   AND m.approved_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND m.approved_at < ($3::date::timestamp AT TIME ZONE 'Asia/Shanghai')) AS approvals,
                (SELECT COALESCE(sum(e.amount), 0) FROM match_events e JOIN matches m ON m.id = e.match_id
                  WHERE m.firm_id = o.id AND m.status = 'disbursed' AND e.to_status = 'disbursed' AND e.amount IS NOT NULL
                    AND e.occurred_on >= $2::date AND e.occurred_on < $3::date) AS drawn
           FROM chain_members cm JOIN organizations o ON o.id = cm.firm_id
          WHERE cm.chain_id = $1 AND o.region_code LIKE '43%'`,
        [rail, `${f.from}-01`, `${addMonths(f.to, 1)}-01`],
      );
      expect(body.firms.total).toBe(members.length);
      const stage = (m: (typeof members)[number]) =>
        Number(m.drawn) > 0
          ? 'disbursed'
          : m.approvals > 0
            ? 'approved'
            : m.live > 0
              ? 'in_progress'
              : m.matched > 0
                ? 'matched'
                : m.open > 0
                  ? 'blocked'
                  : 'no_open_need';
      expect(
        (body.firms.items as { id: string; stage: string; disbursedAmount: number }[])
          .map((i) => [i.id, i.stage, i.disbursedAmount])
          .sort(),
      ).toEqual(members.map((m) => [m.id, stage(m), Number(m.drawn)]).sort());

      const crrc = (
        body.coreEnterprises as {
          id: string;
          suppliers: { id: string; approvedAmount: number; disbursedAmount: number }[];
        }[]
      ).find((c) => c.id === demoIds.orgId('firm', 'crrc'));
      const suppliers: { id: string; approved: string; drawn: string }[] = await t.db.query(
        `SELECT sl.supplier_id AS id,
                (SELECT COALESCE(sum(m.approved_amount), 0) FROM matches m WHERE m.firm_id = sl.supplier_id AND m.status IN ('approved', 'disbursed')
                   AND m.approved_at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND m.approved_at < ($3::date::timestamp AT TIME ZONE 'Asia/Shanghai')) AS approved,
                (SELECT COALESCE(sum(e.amount), 0) FROM match_events e JOIN matches m ON m.id = e.match_id
                  WHERE m.firm_id = sl.supplier_id AND m.status = 'disbursed' AND e.to_status = 'disbursed' AND e.amount IS NOT NULL
                    AND e.occurred_on >= $2::date AND e.occurred_on < $3::date) AS drawn
           FROM supply_links sl JOIN organizations o ON o.id = sl.supplier_id
          WHERE sl.core_firm_id = $1 AND sl.status = 'confirmed' AND o.region_code LIKE '43%'`,
        [demoIds.orgId('firm', 'crrc'), `${f.from}-01`, `${addMonths(f.to, 1)}-01`],
      );
      expect(
        crrc?.suppliers.map((s) => [s.id, s.approvedAmount, s.disbursedAmount]).sort(),
      ).toEqual(suppliers.map((s) => [s.id, Number(s.approved), Number(s.drawn)]).sort());
      expect(crrc?.suppliers.map((s) => s.id)).toContain(demoIds.orgId('firm', 'checheng'));
    });

    it('explains blockers with the matching library’s failure codes of the nearest products', async () => {
      const { body } = await api(province).get('/gov/blockers').expect(200);
      // Independently: every open need of the region without a stored eligible match, judged
      // rule by rule against every active product; its nearest products' codes counted once each.
      const open: { id: string; unmatched: boolean }[] = await t.db.query(
        `SELECT n.id, NOT EXISTS (SELECT 1 FROM matches m WHERE m.need_id = n.id AND NOT m.ineligible) AS unmatched
           FROM funding_needs n JOIN organizations o ON o.id = n.firm_id WHERE n.status = 'open' AND o.region_code LIKE '43%'`,
      );
      const products = (await loadProducts(t.db.manager)).filter((p) => p.status === 'active');
      const entries = await loadNeedEntries(t.db.manager, {
        kind: 'ids',
        ids: open.filter((o) => o.unmatched).map((o) => o.id),
      });
      const codes = new Map<FailureCode, number>();
      let blocked = 0;
      let oneAway = 0;
      for (const { firm, need } of entries) {
        const verdict = needBlockers(firm, need, products);
        if (verdict.eligible) continue;
        blocked++;
        if (verdict.fewestFailures === 1) oneAway++;
        for (const c of verdict.codes) codes.set(c, (codes.get(c) ?? 0) + 1);
      }
      expect(body.totals).toMatchObject({
        openNeeds: open.length,
        blockedNeeds: blocked,
        oneRuleAway: oneAway,
      });
      expect(
        Object.fromEntries(
          (body.totals.codes as { code: string; needs: number }[]).map((c) => [c.code, c.needs]),
        ),
      ).toEqual(Object.fromEntries(codes));
      // The demo's 崇德科技 line (60M for 60 months at 3.8%) is more, longer and cheaper than
      // any product (other suites add products, which may take 湘江智芯's need meanwhile).
      expect(blocked).toBeGreaterThanOrEqual(1);
      for (const c of body.totals.codes as {
        code: FailureCode;
        needs: number;
        shareBps: number;
      }[]) {
        expect({ code: c.code, shareBps: c.shareBps }).toEqual({
          code: c.code,
          shareBps: bps(c.needs, blocked),
        });
      }
      const byTier = await api(province)
        .get(`/gov/blockers?chain=${demoIds.chainId('aero')}&tier=little_giant`)
        .expect(200);
      expect(byTier.body.totals.blockedNeeds).toBeGreaterThanOrEqual(1);
      expect(byTier.body.byTier).toHaveLength(1);
    });

    it('exports the same numbers as the page: XLSX with a sheet per table, and CSV per table', async () => {
      const { body: page } = await api(province).get('/gov/chains').expect(200);
      const res = await api(province)
        .get('/gov/export.xlsx')
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body as ExcelJS.Buffer);
      expect(book.worksheets.map((s) => s.name)).toEqual([
        '说明',
        '产业链',
        '市州',
        '融资阻碍',
        '银行响应',
        '路演',
      ]);
      const sheet = book.getWorksheet('产业链')!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      const col = (h: string) => headers.indexOf(h) + 1;
      for (const item of page.items as { name: string; figures: Figures }[]) {
        let row: ExcelJS.Row | undefined;
        sheet.eachRow((r) => {
          if (r.getCell(1).value === item.name) row = r;
        });
        expect(row).toBeDefined();
        expect(row!.getCell(col('授信金额（元）')).value).toBe(item.figures.approvedAmount);
        expect(row!.getCell(col('放款金额（元）')).value).toBe(item.figures.disbursedAmount);
        expect(row!.getCell(col('融资需求数')).value).toBe(item.figures.openNeeds);
        expect(row!.getCell(col('首贷户')).value).toBe(item.figures.firstTimeBorrowers);
      }
      const roadshows = book.getWorksheet('路演')!;
      expect(roadshows.rowCount).toBeGreaterThan(1);

      for (const table of ['chains', 'cities', 'blockers', 'banks', 'roadshows']) {
        const csv = await api(province).get(`/gov/export.csv?table=${table}`).expect(200);
        expect(csv.headers['content-type']).toContain('text/csv');
        expect(csv.text.startsWith('\uFEFF')).toBe(true);
        expect(csv.text.split('\r\n').length).toBeGreaterThan(2);
      }
      const csv = await api(province).get('/gov/export.csv?table=chains').expect(200);
      const lines = csv.text
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n')
        .map((l) => l.split(','));
      const amountCol = lines[0].indexOf('授信金额（元）');
      for (const item of page.items as { name: string; figures: Figures }[]) {
        const line = lines.find((l) => l[0] === item.name);
        expect(Number(line?.[amountCol])).toBe(item.figures.approvedAmount);
      }
      await api(province).get('/gov/export.csv?table=firms').expect(400);
    });

    it('refuses bad filters, naming the field', async () => {
      const cases: [string, string][] = [
        ['?from=2026-13', 'from'],
        ['?to=26-01', 'to'],
        ['?from=2026-06&to=2026-01', 'to'],
        ['?tier=unicorn', 'tier'],
        ['?city=440300', 'city'],
        ['?city=430000', 'city'],
        ['?bank=not-a-uuid', 'bank'],
        [`?bank=${demoIds.orgId('firm', 'bojiang')}`, 'bank'],
        ['?from=2010-01&to=2026-01', 'from'],
      ];
      for (const [query, field] of cases) {
        const res = await api(province).get(`/gov/chains${query}`).expect(400);
        expect({ query, fields: res.body.details.map((d: { field: string }) => d.field) }).toEqual({
          query,
          fields: [field],
        });
      }
      await api(province).get('/gov/chains/not-a-uuid').expect(400);
      await api(province)
        .get(`/gov/blockers?chain=${demoIds.orgId('firm', 'bojiang')}`)
        .expect(400);
      await api(province).get('/gov/chains?limit=5').expect(400);
    });
  });

  describe('a city agency (长沙市工业和信息化局, 430100)', () => {
    it.each(filterSets())('overview under %s counts 长沙 firms only', async (_name, f) => {
      await checkOverview(city, '4301', f);
    });

    it('sees the chains with members in 长沙, and no other', async () => {
      const { body } = await api(city).get('/gov/chains').expect(200);
      const names = (body.items as { name: string }[]).map((c) => c.name).sort();
      const expected = await chainsSeenFrom('4301');
      expect(names).toEqual(expected.seen);
      // The demo's: 博匠, 微算, 湘江智芯 (电子信息), 星邦 (工程机械), 爱威, 圣湘 (生物医药).
      expect(names).toEqual(expect.arrayContaining(['工程机械', '生物医药', '电子信息']));
      for (const id of expected.unseen) await api(city).get(`/gov/chains/${id}`).expect(404);
      const electronics = await api(city)
        .get(`/gov/chains/${demoIds.chainId('electronics')}`)
        .expect(200);
      expect(
        (electronics.body.firms.items as { regionCode: string }[]).every((f) =>
          f.regionCode.startsWith('4301'),
        ),
      ).toBe(true);
      await api(city).get('/gov/chains?city=430200').expect(400);
      // Its own city as a filter changes nothing.
      const same = await api(city).get('/gov/chains?city=430100').expect(200);
      expect(same.body.totals).toEqual(body.totals);
    });

    it('counts blockers and bank responsiveness for 长沙 firms only', async () => {
      const { body } = await api(city).get('/gov/blockers').expect(200);
      const [{ n }] = await t.db.query(
        `SELECT count(*)::int AS n FROM funding_needs n JOIN organizations o ON o.id = n.firm_id WHERE n.status = 'open' AND o.region_code LIKE '4301%'`,
      );
      expect(body.totals.openNeeds).toBe(n);
      const banks = await api(city).get('/gov/banks/response-times').expect(200);
      const total = (banks.body.items as { applications: number }[]).reduce(
        (s, b) => s + b.applications,
        0,
      );
      const { body: overview } = await api(city).get('/gov/chains').expect(200);
      expect(total).toBe(overview.totals.applications);
    });
  });

  describe('a county agency (株洲市天元区, 430211)', () => {
    it.each(filterSets())('overview under %s counts 天元区 firms only', async (_name, f) => {
      await checkOverview(county, '430211', f);
    });

    it('sees 轨道交通 and 新材料 through its firms; naming its own city narrows nothing', async () => {
      const { body } = await api(county).get('/gov/chains').expect(200);
      const names = (body.items as { name: string }[]).map((c) => c.name).sort();
      const expected = await chainsSeenFrom('430211');
      expect(names).toEqual(expected.seen);
      // The demo's: 车城, 中车株洲所, 时代新材 (轨道交通), 金为, 时代新材 (新材料).
      expect(names).toEqual(expect.arrayContaining(['新材料', '轨道交通']));
      const narrowed = await api(county).get('/gov/chains?city=430200').expect(200);
      expect(narrowed.body.totals).toEqual(body.totals);
      await api(county).get('/gov/chains?city=430100').expect(400);
      for (const id of expected.unseen) await api(county).get(`/gov/chains/${id}`).expect(404);
    });
  });

  describe('an agency of another province (西藏)', () => {
    it('counts only its own region (nothing here) under every filter set', async () => {
      for (const [, f] of filterSets()) await checkOverview(foreign, '54', f);
    });

    it('sees none of these firms: no chains, nothing counted, 404 for a Hunan chain', async () => {
      const { body } = await api(foreign).get('/gov/chains').expect(200);
      expect(body.items).toEqual([]);
      expect(body.totals).toEqual(empty());
      for (const key of ['rail', 'machinery', 'electronics']) {
        await api(foreign)
          .get(`/gov/chains/${demoIds.chainId(key)}`)
          .expect(404);
      }
      const blockers = await api(foreign).get('/gov/blockers').expect(200);
      expect(blockers.body.totals).toEqual({
        openNeeds: 0,
        blockedNeeds: 0,
        oneRuleAway: 0,
        codes: [],
      });
      expect(blockers.body.byChain).toEqual([]);
      const banks = await api(foreign).get('/gov/banks/response-times').expect(200);
      expect(banks.body.items).toEqual([]);
      const csv = await api(foreign).get('/gov/export.csv?table=chains').expect(200);
      for (const name of ['轨道交通', '工程机械', '湖南']) expect(csv.text).not.toContain(name);
      await api(foreign)
        .get(`/gov/blockers?chain=${demoIds.chainId('rail')}`)
        .expect(400);
    });

    it('other roles may not read the dashboard', async () => {
      const bank = await t.login('bank@lianrong.demo');
      await t.http().get('/api/v1/gov/chains').set(bearer(bank)).expect(403);
      await t.http().get('/api/v1/gov/export.xlsx').set(bearer(bank)).expect(403);
    });
  });

  describe('blockers between builds', () => {
    const kuaidai = demoIds.productId('ccb-kuaidai');
    let needId: string;
    let amount: string;

    afterAll(async () => {
      await t.db.query(`UPDATE loan_products SET rate_max_bps = 600 WHERE id = $1`, [kuaidai]);
      if (needId)
        await t.db.query(`UPDATE funding_needs SET amount = $2 WHERE id = $1`, [needId, amount]);
      await facts.refresh();
      now = (await facts.state()).refreshedAt!.toISOString();
    });

    it('judges a need again only when what the rules read for it changed', async () => {
      // Nothing changed since the suite's build: every verdict is reused.
      expect((await facts.refresh()).blockerNeeds).toBe(0);
      const unmatched: { id: string; amount: string }[] = await t.db.query(
        `SELECT n.id, n.amount FROM funding_needs n
          WHERE n.status = 'open' AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.need_id = n.id AND NOT m.ineligible)
          ORDER BY n.id`,
      );
      expect(unmatched.length).toBeGreaterThan(0);
      [{ id: needId, amount }] = unmatched;
      // A touch the rules do not read: no need is judged again.
      await t.db.query(`UPDATE funding_needs SET updated_at = now() WHERE id = $1`, [needId]);
      expect((await facts.refresh()).blockerNeeds).toBe(0);
      // Its amount is: that need, and only that one, is judged again.
      await t.db.query(`UPDATE funding_needs SET amount = amount + 10000 WHERE id = $1`, [needId]);
      expect((await facts.refresh()).blockerNeeds).toBe(1);
      // A product changes: every need without a match is judged against the products again.
      await t.db.query(`UPDATE loan_products SET rate_max_bps = 601 WHERE id = $1`, [kuaidai]);
      expect((await facts.refresh()).blockerNeeds).toBe(unmatched.length);
    });

    it('answers from the newest build, not from what it answered for the build before', async () => {
      const before = (await api(province).get('/gov/blockers').expect(200)).body;
      // The need no product takes leaves the open needs: the next build counts one fewer.
      await t.db.query(`UPDATE funding_needs SET status = 'withdrawn' WHERE id = $1`, [needId]);
      try {
        await facts.refresh();
        const after = (await api(province).get('/gov/blockers').expect(200)).body;
        expect(after.freshness.asOf > before.freshness.asOf).toBe(true);
        expect(after.totals.openNeeds).toBe(before.totals.openNeeds - 1);
        expect(after.totals.blockedNeeds).toBe(before.totals.blockedNeeds - 1);
      } finally {
        await t.db.query(`UPDATE funding_needs SET status = 'open' WHERE id = $1`, [needId]);
      }
    });
  });

  describe('freshness: the worker rebuilds the facts when the summed records change', () => {
    let worker: WorkerProcess;

    beforeAll(async () => {
      worker = await startWorker({ GOV_FACTS_DEBOUNCE_MS: '200', GOV_FACTS_MIN_INTERVAL_MS: '0' });
    }, 60_000);
    afterAll(async () => {
      await worker?.stop();
    });

    it('a firm’s new need reaches the figures without anyone asking, and the page says as of when', async () => {
      const firm = await registerFirm(t, { regionCode: '430104' });
      await t.db.query('INSERT INTO chain_members (chain_id, firm_id) VALUES ($1, $2)', [
        demoIds.chainId('electronics'),
        firm.user.organization.id,
      ]);
      const before = (await api(province).get('/gov/chains').expect(200)).body;
      const chainBefore = (before.items as { id: string; figures: Figures }[]).find(
        (c) => c.id === demoIds.chainId('electronics'),
      )!;
      await t.http().post('/api/v1/needs').set(bearer(firm)).send(WORKING_CAPITAL_NEED).expect(201);
      const after = await eventually(
        async () => {
          const { body } = await api(province).get('/gov/chains').expect(200);
          return body.freshness.asOf > before.freshness.asOf && !body.freshness.pendingChanges
            ? body
            : undefined;
        },
        60_000,
        250,
      );
      const chainAfter = (after.items as { id: string; figures: Figures }[]).find(
        (c) => c.id === demoIds.chainId('electronics'),
      )!;
      expect(chainAfter.figures.openNeeds).toBe(Number(chainBefore.figures.openNeeds) + 1);
      expect(chainAfter.figures.amountAsked).toBe(
        Number(chainBefore.figures.amountAsked) + WORKING_CAPITAL_NEED.amount,
      );
      expect(after.freshness).toMatchObject({ source: 'facts', refreshEveryMinutes: 30 });
      await t.db.query('DELETE FROM chain_members WHERE firm_id = $1', [firm.user.organization.id]);
    });
  });
});
