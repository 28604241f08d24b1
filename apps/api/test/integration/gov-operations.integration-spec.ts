import { evaluateWorkedMatch } from '@lianrong/matching';
import { Queue } from 'bullmq';
import { demoIds } from '../../src/database/seeds/demo';
import {
  loadMatchContext,
  loadNeedEntries,
  loadProducts,
} from '../../src/modules/matching/matching-inputs';
import { WorkingCalendar } from '../../src/modules/matches/response-clock';
import { median } from '../../src/modules/chains/lead-banks.service';
import { MATCHING_QUEUE } from '../../src/queue/queue.constants';
import { redisConnection } from '../../src/queue/queue.module';
import { WORKING_CAPITAL_NEED } from './fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';
import { matchingDrained, startWorker, type WorkerProcess } from './worker-process';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Short, so the suite is quick; long enough that three requests in a row fall inside it. */
const DELAY_MS = '3000';
const HUNAN = '43%';

type Json = Record<string, unknown>;

/**
 * Issue 11, items 5, 6 and 8: what an agency does besides watching — names lead banks, keeps
 * the white list, runs roadshows. Every figure is checked against plain SQL, and an agency of
 * another province sees none of it.
 */
describe('government operations (real worker): lead banks, white list, roadshows', () => {
  let t: TestApp;
  let worker: WorkerProcess;
  let gov: Session;
  let foreignGov: Session;

  const api = (s: Session) => ({
    get: (path: string) => t.http().get(`/api/v1${path}`).set(bearer(s)),
    put: (path: string, body: object) => t.http().put(`/api/v1${path}`).set(bearer(s)).send(body),
    post: (path: string, body: object) => t.http().post(`/api/v1${path}`).set(bearer(s)).send(body),
    delete: (path: string) => t.http().delete(`/api/v1${path}`).set(bearer(s)),
  });

  const drained = () => matchingDrained(t.db, 120_000);

  beforeAll(async () => {
    process.env.CHAIN_REMATCH_DELAY_MS = DELAY_MS;
    t = await createTestApp();
    worker = await startWorker({ CHAIN_REMATCH_DELAY_MS: DELAY_MS });
    gov = await t.login('gov@lianrong.demo');
    const admin = await t.login('admin@lianrong.demo');
    // An agency of another province, with its own officer: a province no other suite's
    // fixtures use (the isolation matrix puts chains and roadshows in 440000), so what it
    // sees does not depend on which suites ran first.
    const agency = await api(admin)
      .post('/admin/orgs', {
        kind: 'gov_agency',
        name: `贵州省工业和信息化厅${Date.now()}`,
        regionCode: '520000',
      })
      .expect(201);
    const email = `gz-${Date.now()}@gov.test`;
    await api(admin)
      .post('/admin/users', {
        email,
        password: 'Guangdong#2026x',
        displayName: '贵州测试处长',
        role: 'gov',
        organizationId: agency.body.id,
      })
      .expect(201);
    foreignGov = await t.login(email, 'Guangdong#2026x');
    // Earlier suites queued changes that no worker ran; start from a quiet pipeline.
    await drained();
  }, 180_000);

  afterAll(async () => {
    delete process.env.CHAIN_REMATCH_DELAY_MS;
    await worker?.stop();
    await t?.close();
  });

  describe('lead bank (一链一行)', () => {
    const machinery = demoIds.chainId('machinery');
    const bank = (key: string) => demoIds.orgId('bank', key);

    /** Stored scores of the chain's open needs against the library with the current lead banks. */
    const scoresAgreeWithLibrary = async (): Promise<{ stale: number; checked: number }> => {
      const rows: { need_id: string; product_id: string; score: number }[] = await t.db.query(
        `SELECT m.need_id, m.product_id, m.score FROM matches m
           JOIN funding_needs n ON n.id = m.need_id AND n.status = 'open'
           JOIN chain_members cm ON cm.firm_id = m.firm_id AND cm.chain_id = $1
          WHERE NOT m.ineligible`,
        [machinery],
      );
      const entries = new Map(
        (
          await loadNeedEntries(t.db.manager, {
            kind: 'ids',
            ids: [...new Set(rows.map((r) => r.need_id))],
          })
        ).map((e) => [e.need.id, e]),
      );
      const products = new Map((await loadProducts(t.db.manager)).map((p) => [p.id, p]));
      const ctx = await loadMatchContext(t.db.manager);
      let stale = 0;
      for (const r of rows) {
        const entry = entries.get(r.need_id);
        const product = products.get(r.product_id);
        if (!entry || !product) continue;
        const expected = evaluateWorkedMatch(entry.firm, entry.need, product, ctx).score;
        if (Math.abs((expected ?? -1) - r.score) > 1e-9) stale++;
      }
      return { stale, checked: rows.length };
    };

    it('three changes in a row are audited and re-match the chain once, scored for the last bank', async () => {
      await drained();
      const before = await scoresAgreeWithLibrary();
      expect(before).toMatchObject({ stale: 0 });
      expect(before.checked).toBeGreaterThan(0);
      const since = Date.now();
      const [{ max: auditBefore }] = await t.db.query(
        'SELECT COALESCE(max(id), 0) AS max FROM audit_events',
      );

      const sequence = ['boc', 'cssb', 'boc'];
      for (const key of sequence) {
        const res = await api(gov)
          .put(`/gov/chains/${machinery}/lead-bank`, { bankId: bank(key) })
          .expect(200);
        expect(res.body.leadBank.id).toBe(bank(key));
      }
      // Naming the bank that already leads changes nothing.
      await api(gov)
        .put(`/gov/chains/${machinery}/lead-bank`, { bankId: bank('boc') })
        .expect(409);

      const audit: { actor_user_id: string; data: { fromBankId: string; toBankId: string } }[] =
        await t.db.query(
          `SELECT actor_user_id, data FROM audit_events
            WHERE id > $1 AND entity_type = 'chain' AND entity_id = $2 AND action = 'chain.lead_bank.set' ORDER BY id`,
          [auditBefore, machinery],
        );
      expect(audit.map((a) => [a.data.fromBankId, a.data.toBankId])).toEqual([
        [bank('ccb'), bank('boc')],
        [bank('boc'), bank('cssb')],
        [bank('cssb'), bank('boc')],
      ]);
      expect(new Set(audit.map((a) => a.actor_user_id))).toEqual(new Set([gov.user.id]));
      await drained();
      const queue = new Queue(MATCHING_QUEUE, {
        connection: redisConnection(REDIS_URL),
        prefix: process.env.BULL_PREFIX,
      });
      const jobs = await queue.getJobs(['completed', 'failed', 'active', 'waiting', 'delayed']);
      const runs = jobs.filter(
        (j) => j.name === 'chain.changed' && j.data.entityId === machinery && j.timestamp >= since,
      );
      const states = await Promise.all(runs.map((j) => j.getState()));
      await queue.close();
      expect(states).toEqual(['completed']);
      const [{ n: members }] = await t.db.query(
        'SELECT count(*)::int AS n FROM chain_members WHERE chain_id = $1',
        [machinery],
      );
      expect(runs[0].returnvalue).toMatchObject({ firms: members });
      expect(jobs.some((j) => j.name === 'rematch.all' && j.timestamp >= since)).toBe(false);

      // The stored scores are the library's with 中国银行 leading the chain.
      expect(await scoresAgreeWithLibrary()).toMatchObject({ stale: 0 });
      const [{ n: withBonus }] = await t.db.query(
        `SELECT count(*)::int AS n FROM matches m JOIN chain_members cm ON cm.firm_id = m.firm_id AND cm.chain_id = $1
          WHERE m.bank_id = $2`,
        [machinery, bank('boc')],
      );
      expect(withBonus).toBeGreaterThan(0);

      // Back to the seeded lead bank, for the suites that follow.
      await api(gov)
        .put(`/gov/chains/${machinery}/lead-bank`, { bankId: bank('ccb') })
        .expect(200);
      await drained();
      expect(await scoresAgreeWithLibrary()).toMatchObject({ stale: 0 });
    }, 180_000);

    it("reports each lead bank's record on its chain as plain SQL counts it", async () => {
      // A firm of another province in the chain: its applications must not count for Hunan.
      const outsider = await registerFirm(t, { regionCode: '440300' });
      const aero = demoIds.chainId('aero');
      await t.db.query('INSERT INTO chain_members (chain_id, firm_id) VALUES ($1, $2)', [
        aero,
        outsider.user.organization.id,
      ]);
      try {
        const res = await api(gov).get('/gov/lead-banks').expect(200);
        const calendar = new WorkingCalendar();
        const now = new Date();
        type Chain = { chainId: string; leadBank: { id: string } | null; performance: Json | null };
        const chains = res.body.chains as Chain[];
        const [{ n: hunanChains }] = await t.db.query(
          `SELECT count(*)::int AS n FROM chains WHERE region_code LIKE $1`,
          [HUNAN],
        );
        expect(chains).toHaveLength(hunanChains);
        expect(res.body.banks.length).toBeGreaterThanOrEqual(4);
        expect(res.body.rematchDelaySeconds).toBe(3);
        let nonZero = 0;
        for (const chain of chains) {
          const rows: {
            applied_at: Date | null;
            first_response_at: Date | null;
            status: string;
            approved_amount: string | null;
            disbursed_amount: string | null;
            response_days: number;
          }[] = await t.db.query(
            `SELECT m.applied_at, m.first_response_at, m.status, m.approved_amount, m.disbursed_amount, b.response_days
               FROM chains c
               JOIN chain_members cm ON cm.chain_id = c.id
               JOIN organizations f ON f.id = cm.firm_id
               JOIN matches m ON m.firm_id = f.id AND m.bank_id = c.lead_bank_id
               JOIN organizations b ON b.id = m.bank_id
              WHERE c.id = $1 AND f.region_code LIKE $2`,
            [chain.chainId, HUNAN],
          );
          const applied = rows.filter((r) => r.applied_at);
          const answered = applied.filter((r) => r.first_response_at);
          const credited = rows.filter((r) => ['approved', 'disbursed'].includes(r.status));
          const [{ sum: chainApproved }] = await t.db.query(
            `SELECT COALESCE(sum(m.approved_amount), 0)::bigint AS sum FROM matches m
              WHERE m.status IN ('approved', 'disbursed')
                AND m.firm_id IN (SELECT cm.firm_id FROM chain_members cm JOIN organizations f ON f.id = cm.firm_id
                                   WHERE cm.chain_id = $1 AND f.region_code LIKE $2)`,
            [chain.chainId, HUNAN],
          );
          expect({ chain: chain.chainId, performance: chain.performance }).toEqual({
            chain: chain.chainId,
            performance: {
              applications: applied.length,
              answered: answered.length,
              overdue: applied.filter(
                (r) =>
                  !r.first_response_at &&
                  r.status === 'applied' &&
                  calendar.workingDaysBetween(r.applied_at as Date, now) > r.response_days,
              ).length,
              medianResponseDays: median(
                answered.map((r) =>
                  calendar.workingDaysBetween(r.applied_at as Date, r.first_response_at as Date),
                ),
              ),
              approvedCount: credited.length,
              approvedAmount: credited.reduce((s, r) => s + Number(r.approved_amount), 0),
              disbursedAmount: credited.reduce((s, r) => s + Number(r.disbursed_amount ?? 0), 0),
              chainApprovedAmount: Number(chainApproved),
            },
          });
          if (applied.length > 0) nonZero++;
        }
        // The demo's history gives some lead banks a record to show.
        expect(nonZero).toBeGreaterThan(0);
        const changed = chains.find((c) => c.chainId === machinery) as Chain & {
          changes: { to: { id: string }; by: string }[];
          leadSince: string | null;
        };
        expect(changed.changes[0]).toMatchObject({
          to: { id: bank('ccb') },
          by: '王强（中小企业处）',
        });
        expect(changed.leadSince).not.toBeNull();
      } finally {
        await t.db.query('DELETE FROM chain_members WHERE firm_id = $1', [
          outsider.user.organization.id,
        ]);
      }
    });

    it("another region's agency neither sees nor changes the chain", async () => {
      // Other suites may set up chains of that province in the shared database: what counts
      // is that none of this region's chains reach it.
      const ids = async (who: Session) =>
        (
          (await api(who).get('/gov/lead-banks').expect(200)).body.chains as { chainId: string }[]
        ).map((c) => c.chainId);
      const ours = await ids(gov);
      expect(ours).toContain(machinery);
      expect((await ids(foreignGov)).filter((id) => ours.includes(id))).toEqual([]);
      const refused = await api(foreignGov)
        .put(`/gov/chains/${machinery}/lead-bank`, { bankId: bank('boc') })
        .expect(404);
      expect(refused.body.message).toBe('chain not found');
    });
  });

  describe('white list (白名单)', () => {
    const xingbang = demoIds.orgId('firm', 'xingbang');
    const shanxin = demoIds.productId('ccb-shanxin');

    const firmMatches = async () =>
      (await api(gov).get(`/gov/firms/${xingbang}/matches`).expect(200)).body as {
        whitelisted: boolean;
        needs: { matches: { product: { id: string } }[] }[];
      };
    const offersShanxin = (m: Awaited<ReturnType<typeof firmMatches>>) =>
      m.needs.some((n) => n.matches.some((x) => x.product.id === shanxin));

    it("lists the region's white list with reason, officer and date, as the table holds it", async () => {
      const res = await api(gov).get('/gov/whitelist').expect(200);
      const expected: { id: string; reason: string; at: Date; agency: string | null }[] =
        await t.db.query(
          `SELECT f.id, f.whitelist_reason AS reason, f.whitelisted_at AS at, f.whitelisted_by AS agency
             FROM firms f JOIN organizations o ON o.id = f.id
            WHERE f.whitelisted AND o.region_code LIKE $1`,
          [HUNAN],
        );
      expect(res.body.total).toBe(expected.length);
      const items = res.body.items as {
        firm: { id: string };
        reason: string;
        whitelistedAt: string;
        agency: { id: string } | null;
        by: string | null;
      }[];
      expect(items.map((i) => i.firm.id).sort()).toEqual(expected.map((e) => e.id).sort());
      for (const e of expected) {
        const item = items.find((i) => i.firm.id === e.id);
        expect(item).toMatchObject({
          reason: e.reason,
          // Firms other suites put on the list straight in the table have no date.
          whitelistedAt: e.at ? new Date(e.at).toISOString() : null,
          agency: e.agency ? { id: e.agency } : null,
        });
      }
      // The demo's list came from the demo agency's officer.
      expect(items.find((i) => i.firm.id === demoIds.orgId('firm', 'feiwo'))?.by).toBe(
        '王强（中小企业处）',
      );
    });

    it('finds a firm by name, whitelists it with a reason, says what it opens, and the worker re-matches it', async () => {
      const found = await api(gov)
        .get(`/gov/firms?q=${encodeURIComponent('星邦')}`)
        .expect(200);
      expect(found.body.items).toEqual([
        expect.objectContaining({ id: xingbang, whitelisted: false, tier: 'little_giant' }),
      ]);
      await drained();
      expect(offersShanxin(await firmMatches())).toBe(false);

      const reason = '2025年度省级专精特新白名单（第二批）';
      const added = await api(gov).put(`/gov/whitelist/${xingbang}`, { reason }).expect(200);
      expect(added.body).toMatchObject({
        firm: { id: xingbang, name: '湖南星邦智能装备股份有限公司' },
        whitelisted: true,
        reason,
      });
      // 善新贷 requires the list; the rest of the firm's products stay.
      const { effect } = added.body;
      expect(effect.eligibleAfter).toBe(effect.eligibleBefore + 1);
      expect(effect.opened).toEqual([
        { id: shanxin, name: '善新贷', bankName: '中国建设银行湖南省分行' },
      ]);
      expect(effect.closed).toEqual([]);
      const [audit] = await t.db.query(
        `SELECT actor_user_id, actor_org_id, data FROM audit_events
          WHERE entity_type = 'firm' AND entity_id = $1 AND action = 'whitelist.added' ORDER BY id DESC LIMIT 1`,
        [xingbang],
      );
      expect(audit).toEqual({
        actor_user_id: gov.user.id,
        actor_org_id: gov.user.organization.id,
        data: { reason },
      });
      const listed = await api(gov).get('/gov/whitelist').expect(200);
      expect(listed.body.items[0]).toMatchObject({
        firm: { id: xingbang },
        reason,
        by: '王强（中小企业处）',
        chains: ['工程机械'],
      });
      expect(listed.body.changes[0]).toMatchObject({
        action: 'added',
        firm: { id: xingbang },
        reason,
        by: '王强（中小企业处）',
      });
      await api(gov).put(`/gov/whitelist/${xingbang}`, { reason }).expect(409);

      // The firm's own view gains the product once the worker has run.
      await drained();
      const after = await firmMatches();
      expect(after.whitelisted).toBe(true);
      expect(offersShanxin(after)).toBe(true);
    }, 180_000);

    it('takes a firm off only with a reason (?reason=), closing what the list opened', async () => {
      const missing = await api(gov).delete(`/gov/whitelist/${xingbang}`).expect(400);
      expect(missing.body.details.map((d: { field: string }) => d.field)).toContain('reason');
      await api(gov)
        .delete(`/gov/whitelist/${xingbang}?reason=${encodeURIComponent(' ')}`)
        .expect(400);
      const reason = '企业主动申请退出白名单';
      const removed = await api(gov)
        .delete(`/gov/whitelist/${xingbang}?reason=${encodeURIComponent(reason)}`)
        .expect(200);
      expect(removed.body).toMatchObject({ whitelisted: false, reason });
      expect(removed.body.effect.closed.map((p: { id: string }) => p.id)).toEqual([shanxin]);
      const [audit] = await t.db.query(
        `SELECT actor_user_id, data FROM audit_events
          WHERE entity_type = 'firm' AND entity_id = $1 AND action = 'whitelist.removed' ORDER BY id DESC LIMIT 1`,
        [xingbang],
      );
      expect(audit).toEqual({ actor_user_id: gov.user.id, data: { reason } });
      const [row] = await t.db.query(
        'SELECT whitelisted, whitelist_reason, whitelisted_by_user FROM firms WHERE id = $1',
        [xingbang],
      );
      expect(row).toEqual({
        whitelisted: false,
        whitelist_reason: null,
        whitelisted_by_user: null,
      });
      await drained();
      expect(offersShanxin(await firmMatches())).toBe(false);
    }, 180_000);

    it("another region's agency sees none of these firms", async () => {
      // Other suites may register firms of that province: none of this region's may show.
      const whitelisted = async (who: Session) =>
        ((await api(who).get('/gov/whitelist').expect(200)).body.items as { id: string }[]).map(
          (f) => f.id,
        );
      const ours = await whitelisted(gov);
      expect(ours.length).toBeGreaterThan(0);
      expect((await whitelisted(foreignGov)).filter((id) => ours.includes(id))).toEqual([]);
      const search = await api(foreignGov)
        .get(`/gov/firms?q=${encodeURIComponent('湖南')}`)
        .expect(200);
      expect(
        (search.body.items as { regionCode: string }[]).filter((f) =>
          f.regionCode.startsWith('43'),
        ),
      ).toEqual([]);
      await api(foreignGov).get(`/gov/firms/${xingbang}/matches`).expect(404);
      await api(foreignGov).put(`/gov/whitelist/${xingbang}`, { reason: '跨省' }).expect(404);
      await api(foreignGov).delete(`/gov/whitelist/${xingbang}?reason=x1`).expect(404);
    });
  });

  describe('roadshows (一月一链 路演)', () => {
    const biomed = demoIds.chainId('biomed');
    /** The month 100 days back, so the demo's approvals and drawdowns since then count. */
    const pastMonth = new Date(Date.now() + 8 * 3_600_000 - 100 * 86_400_000)
      .toISOString()
      .slice(0, 7);
    let roadshowId: string;
    let outsiderId: string;

    /** Invited firm × invited bank pairs, summed per bank the plain way. */
    const figuresBySql = async (id: string) => {
      const pairs = `m.bank_id IN (SELECT org_id FROM roadshow_invitations WHERE roadshow_id = r.id AND kind = 'bank')
                 AND m.firm_id IN (SELECT org_id FROM roadshow_invitations WHERE roadshow_id = r.id AND kind = 'firm')`;
      const intended: { bank_id: string; sum: string }[] = await t.db.query(
        `SELECT bank_id, sum(amount) AS sum FROM roadshow_intents WHERE roadshow_id = $1 GROUP BY bank_id`,
        [id],
      );
      const approved: { bank_id: string; sum: string }[] = await t.db.query(
        `SELECT m.bank_id, sum(m.approved_amount) AS sum FROM matches m, roadshows r
          WHERE r.id = $1 AND ${pairs} AND m.status IN ('approved', 'disbursed')
            AND (m.approved_at AT TIME ZONE 'Asia/Shanghai')::date >= r.month
          GROUP BY m.bank_id`,
        [id],
      );
      const disbursed: { bank_id: string; sum: string }[] = await t.db.query(
        `SELECT m.bank_id, sum(e.amount) AS sum FROM match_events e JOIN matches m ON m.id = e.match_id, roadshows r
          WHERE r.id = $1 AND ${pairs} AND e.to_status = 'disbursed' AND e.occurred_on >= r.month
          GROUP BY m.bank_id`,
        [id],
      );
      const of = (rows: { bank_id: string; sum: string }[], bankId: string) =>
        Number(rows.find((r) => r.bank_id === bankId)?.sum ?? 0);
      return { intended, approved, disbursed, of };
    };

    const expectFiguresMatchSql = async (id: string) => {
      const detail = (await api(gov).get(`/gov/roadshows/${id}`).expect(200)).body as {
        intendedAmount: number;
        approvedAmount: number;
        disbursedAmount: number;
        banks: {
          bank: { id: string };
          intendedAmount: number;
          approvedAmount: number;
          disbursedAmount: number;
        }[];
      };
      const sql = await figuresBySql(id);
      for (const b of detail.banks) {
        expect({ ...b, bank: b.bank.id }).toMatchObject({
          bank: b.bank.id,
          intendedAmount: sql.of(sql.intended, b.bank.id),
          approvedAmount: sql.of(sql.approved, b.bank.id),
          disbursedAmount: sql.of(sql.disbursed, b.bank.id),
        });
      }
      const total = (rows: { sum: string }[]) => rows.reduce((s, r) => s + Number(r.sum), 0);
      expect(detail).toMatchObject({
        intendedAmount: total(sql.intended),
        approvedAmount: total(sql.approved),
        disbursedAmount: total(sql.disbursed),
      });
      const list = (await api(gov).get('/gov/roadshows').expect(200)).body.items as Json[];
      expect(list.find((r) => r.id === id)).toMatchObject({
        intendedAmount: detail.intendedAmount,
        approvedAmount: detail.approvedAmount,
        disbursedAmount: detail.disbursedAmount,
      });
      return detail;
    };

    beforeAll(async () => {
      // A firm of another province in the chain, with an open need: never invited by Hunan.
      const outsider = await registerFirm(t, { regionCode: '440300' });
      outsiderId = outsider.user.organization.id;
      await t.db.query('INSERT INTO chain_members (chain_id, firm_id) VALUES ($1, $2)', [
        biomed,
        outsiderId,
      ]);
      await api(outsider).post('/needs', WORKING_CAPITAL_NEED).expect(201);
      await drained();
    }, 180_000);
    afterAll(() => t.db.query('DELETE FROM chain_members WHERE firm_id = $1', [outsiderId]));

    it("invites the chain's firms of the region with open needs, its lead bank and the banks matched to them", async () => {
      const created = await api(gov)
        .post('/gov/roadshows', { chainId: biomed, month: pastMonth, venue: '长沙·湘江基金小镇' })
        .expect(201);
      roadshowId = created.body.id;
      expect(created.body).toMatchObject({
        chain: { id: biomed, name: '生物医药' },
        month: pastMonth,
        title: '生物医药产业链“一月一链”投融资路演',
        venue: '长沙·湘江基金小镇',
        organizer: { id: gov.user.organization.id },
      });

      const firms: { firm_id: string; n: number; amount: string }[] = await t.db.query(
        `SELECT cm.firm_id, count(*)::int AS n, sum(n.amount) AS amount
           FROM chain_members cm JOIN organizations o ON o.id = cm.firm_id
           JOIN funding_needs n ON n.firm_id = cm.firm_id AND n.status = 'open'
          WHERE cm.chain_id = $1 AND o.region_code LIKE $2 GROUP BY cm.firm_id`,
        [biomed, HUNAN],
      );
      expect(firms.length).toBeGreaterThan(0);
      const invitedFirms = created.body.firms as {
        firm: { id: string };
        openNeeds: number;
        openNeedAmount: number;
      }[];
      expect(invitedFirms.map((f) => [f.firm.id, f.openNeeds, f.openNeedAmount]).sort()).toEqual(
        firms.map((f) => [f.firm_id, f.n, Number(f.amount)]).sort(),
      );
      expect(invitedFirms.map((f) => f.firm.id)).not.toContain(outsiderId);

      const [{ lead_bank_id: lead }] = await t.db.query(
        'SELECT lead_bank_id FROM chains WHERE id = $1',
        [biomed],
      );
      const matched: { bank_id: string; n: number }[] = await t.db.query(
        `SELECT m.bank_id, count(DISTINCT m.firm_id)::int AS n FROM matches m
           JOIN funding_needs n ON n.id = m.need_id
           JOIN loan_products p ON p.id = m.product_id
          WHERE m.firm_id = ANY($1::uuid[]) AND n.status = 'open' AND p.status = 'active'
            AND NOT m.ineligible AND m.status NOT IN ('declined', 'withdrawn')
          GROUP BY m.bank_id`,
        [firms.map((f) => f.firm_id)],
      );
      const expectedBanks = new Map(matched.map((m) => [m.bank_id, [false, m.n]]));
      expectedBanks.set(lead, [true, expectedBanks.get(lead)?.[1] ?? 0]);
      const invitedBanks = created.body.banks as {
        bank: { id: string };
        leadBank: boolean;
        matchedFirms: number;
      }[];
      expect(invitedBanks.map((b) => [b.bank.id, b.leadBank, b.matchedFirms]).sort()).toEqual(
        [...expectedBanks].map(([id, [isLead, n]]) => [id, isLead, n]).sort(),
      );
      expect(invitedBanks.length).toBeGreaterThan(1);

      const [audit] = await t.db.query(
        `SELECT actor_user_id, data FROM audit_events WHERE entity_type = 'roadshow' AND entity_id = $1 AND action = 'roadshow.created'`,
        [roadshowId],
      );
      expect(audit.actor_user_id).toBe(gov.user.id);
      expect(audit.data).toMatchObject({ chainId: biomed, month: pastMonth });
    });

    it('refuses a second roadshow of the chain that month, a malformed or far month, and a chain with no open need', async () => {
      const again = await api(gov)
        .post('/gov/roadshows', { chainId: biomed, month: pastMonth })
        .expect(409);
      expect(again.body.details).toEqual([
        { field: 'month', problem: 'this chain already has a roadshow in this month' },
      ]);
      for (const month of ['2026-13', '2026-1', 202612, '']) {
        const bad = await api(gov).post('/gov/roadshows', { chainId: biomed, month }).expect(400);
        expect(bad.body.details[0].field).toBe('month');
      }
      const far = await api(gov).post('/gov/roadshows', { chainId: biomed, month: '2099-01' });
      expect(far.status).toBe(400);
      expect(far.body.details[0]).toMatchObject({ field: 'month' });
      // A chain of the region whose firms ask for nothing: nobody to invite.
      const [empty] = await t.db.query(
        `INSERT INTO chains (name, region_code) VALUES ('无需求测试链-' || gen_random_uuid(), '430000') RETURNING id`,
      );
      const none = await api(gov)
        .post('/gov/roadshows', { chainId: empty.id, month: pastMonth })
        .expect(409);
      expect(none.body.details[0].field).toBe('chainId');
      await t.db.query('DELETE FROM chains WHERE id = $1', [empty.id]);
    });

    it('invited banks and firms see it; a bank records and changes intents for invited firms only', async () => {
      const detail = (await api(gov).get(`/gov/roadshows/${roadshowId}`).expect(200)).body;
      const boc = await t.login('bank@lianrong.demo');
      const bocInvited = detail.banks.some(
        (b: { bank: { id: string } }) => b.bank.id === boc.user.organization.id,
      );
      expect(bocInvited).toBe(true);
      const invitations = await api(boc).get('/roadshows/invitations').expect(200);
      expect(invitations.body.items.map((i: { id: string }) => i.id)).toContain(roadshowId);

      const firmId = demoIds.orgId('firm', 'shengxiang');
      const first = await api(boc)
        .put(`/roadshows/${roadshowId}/intents/${firmId}`, { amount: 6_000_000, note: '创新贷' })
        .expect(200);
      expect(first.body).toMatchObject({
        firm: { id: firmId },
        bank: { id: boc.user.organization.id },
        amount: 6_000_000,
        note: '创新贷',
      });
      const second = await api(boc)
        .put(`/roadshows/${roadshowId}/intents/${firmId}`, { amount: 8_000_000 })
        .expect(200);
      expect(second.body).toMatchObject({ amount: 8_000_000, note: null });
      const audit: { data: Json }[] = await t.db.query(
        `SELECT data FROM audit_events WHERE entity_type = 'roadshow' AND entity_id = $1 AND action = 'roadshow.intent.set' ORDER BY id`,
        [roadshowId],
      );
      expect(audit.map((a) => a.data)).toEqual([
        { firmId, amount: 6_000_000, previousAmount: null },
        { firmId, amount: 8_000_000, previousAmount: 6_000_000 },
      ]);
      // Money is whole yuan; the firm must be invited; a bank not invited sees nothing.
      for (const amount of [0, -1, 1.5, '100']) {
        await api(boc).put(`/roadshows/${roadshowId}/intents/${firmId}`, { amount }).expect(400);
      }
      await api(boc)
        .put(`/roadshows/${roadshowId}/intents/${outsiderId}`, { amount: 1_000_000 })
        .expect(404);
      // A bank that was not invited (a new one, matched to nobody) sees nothing of it.
      const admin = await t.login('admin@lianrong.demo');
      const newBank = await api(admin)
        .post('/admin/orgs', {
          kind: 'bank',
          name: `路演测试银行${Date.now()}`,
          regionCode: '430000',
        })
        .expect(201);
      const officerEmail = `rs-${Date.now()}@bank.test`;
      await api(admin)
        .post('/admin/users', {
          email: officerEmail,
          password: 'Officer#2026x',
          displayName: '未受邀客户经理',
          role: 'bank',
          organizationId: newBank.body.id,
        })
        .expect(201);
      const other = await t.login(officerEmail, 'Officer#2026x');
      await api(other).get(`/roadshows/${roadshowId}`).expect(404);
      await api(other)
        .put(`/roadshows/${roadshowId}/intents/${firmId}`, { amount: 1_000_000 })
        .expect(404);
      expect((await api(other).get('/roadshows/invitations').expect(200)).body.items).toEqual([]);

      // The bank sees every invited firm and its own intents.
      const asBank = (await api(boc).get(`/roadshows/${roadshowId}`).expect(200)).body;
      expect(asBank.invitedAs).toBe('bank');
      expect(asBank.firms.length).toBe(detail.firms.length);
      expect(asBank.intents).toEqual([expect.objectContaining({ amount: 8_000_000 })]);

      // A firm not invited sees nothing; firms never record intents.
      const demoFirm = await t.login('firm@lianrong.demo');
      await api(demoFirm).get(`/roadshows/${roadshowId}`).expect(404);
      await api(demoFirm)
        .put(`/roadshows/${roadshowId}/intents/${firmId}`, { amount: 1 })
        .expect(403);

      // An invited firm (车城机车, at the seeded rail roadshow) sees itself and the intents for it.
      const checheng = await t.login('checheng@lianrong.demo');
      const rail = demoIds.roadshowId('rail');
      const mine = await api(checheng).get('/roadshows/invitations').expect(200);
      expect(mine.body.items).toEqual([
        expect.objectContaining({
          id: rail,
          invitedAs: 'firm',
          intents: 1,
          intendedAmount: 3_000_000,
        }),
      ]);
      const asFirm = (await api(checheng).get(`/roadshows/${rail}`).expect(200)).body;
      expect(asFirm.firms.map((f: { firm: { id: string } }) => f.firm.id)).toEqual([
        checheng.user.organization.id,
      ]);
      expect(asFirm.intents).toEqual([
        expect.objectContaining({
          bank: expect.objectContaining({ name: '长沙银行' }),
          amount: 3_000_000,
        }),
      ]);
      expect(asFirm.banks.length).toBe(2);
    });

    it('a bank withdraws an intent; intended, approved and disbursed agree with plain SQL, per bank and in total', async () => {
      const boc = await t.login('bank@lianrong.demo');
      const aiwei = demoIds.orgId('firm', 'aiwei');
      await api(boc)
        .put(`/roadshows/${roadshowId}/intents/${aiwei}`, { amount: 15_000_000 })
        .expect(200);
      await api(boc).delete(`/roadshows/${roadshowId}/intents/${aiwei}`).expect(204);
      await api(boc).delete(`/roadshows/${roadshowId}/intents/${aiwei}`).expect(404);

      const created = await expectFiguresMatchSql(roadshowId);
      expect(created.intendedAmount).toBe(8_000_000);
      // 圣湘's 创新贷 at 中国银行 was approved and drawn within the last 100 days.
      expect(created.approvedAmount).toBeGreaterThan(0);
      expect(created.disbursedAmount).toBeGreaterThan(0);

      // The seeded roadshows: the rail fair's intents, and what came of them.
      const rail = await expectFiguresMatchSql(demoIds.roadshowId('rail'));
      expect(rail.intendedAmount).toBe(20_000_000);
      expect(rail.approvedAmount).toBeGreaterThan(0);
      const aero = await expectFiguresMatchSql(demoIds.roadshowId('aero'));
      expect(aero.intendedAmount).toBe(12_800_000);
    });

    it("another region's agency sees none of it", async () => {
      // Other suites may hold roadshows of that province: none of this region's may show.
      const shows = async (who: Session) =>
        ((await api(who).get('/gov/roadshows').expect(200)).body.items as { id: string }[]).map(
          (r) => r.id,
        );
      const ours = await shows(gov);
      expect(ours).toContain(roadshowId);
      expect((await shows(foreignGov)).filter((id) => ours.includes(id))).toEqual([]);
      const hidden = await api(foreignGov).get(`/gov/roadshows/${roadshowId}`).expect(404);
      expect(hidden.body.message).toBe('roadshow not found');
      await api(foreignGov)
        .post('/gov/roadshows', { chainId: biomed, month: '2026-02' })
        .expect(404);
    });
  });
});
