import { randomUUID } from 'node:crypto';
import type supertest from 'supertest';
import { MATCH_STATUSES, type MatchStatus } from '../../src/common/domain-enums';
import { regionWithin } from '@lianrong/matching/registration';
import { allowedMoves } from '../../src/modules/matches/match-transitions';
import { WorkingCalendar } from '../../src/modules/matches/response-clock';
import { type Actor } from '../../src/common/auth/actor';
import { BankQueueService } from '../../src/modules/bank-queue/bank-queue.service';
import { type QueueWorld, type SeededMatch, seedQueueWorld } from './bank-queue-fixture';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';

interface Item {
  id: string;
  version: number;
  status: MatchStatus;
  score: number | null;
  product: { id: string; name: string };
  firm: {
    id: string;
    name: string;
    tier: string;
    regionCode: string;
    whitelisted: boolean;
    chains: { id: string; name: string }[];
  };
  need: { id: string; amount: number };
  suggestedLine?: number;
  appliedAt: string | null;
  waitingWorkingDays: number | null;
  overdue: boolean;
  allowedMoves: MatchStatus[];
}

type Query = Record<string, string | number | boolean | string[]>;

const calendar = new WorkingCalendar();
const RESPONSE_DAYS = 5;

/** The rows the queue must show, decided here from what was inserted, not by the API's SQL. */
type Row = SeededMatch & { firm: QueueWorld['firms'][number] };

function expected(world: QueueWorld, keep: (m: Row) => boolean = () => true): Row[] {
  const firm = new Map(world.firms.map((f) => [f.id, f]));
  return world.matches
    .filter((m) => m.bankId === world.bankId && (m.inProductTop || m.status !== 'suggested'))
    .map((m) => ({ ...m, firm: firm.get(m.firmId)! }))
    .filter(keep);
}

const waiting = (m: SeededMatch) =>
  m.status === 'applied' && m.firstResponseAt === null && m.appliedAt !== null;
const overdue = (m: SeededMatch, now: Date) =>
  waiting(m) && calendar.isOverdue(m.appliedAt!, now, RESPONSE_DAYS);

const byScore = (a: SeededMatch, b: SeededMatch) =>
  (b.score ?? -1) - (a.score ?? -1) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const byWaiting = (a: SeededMatch, b: SeededMatch) =>
  (a.appliedAt?.getTime() ?? Infinity) - (b.appliedAt?.getTime() ?? Infinity) ||
  (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('the officer queue (GET /bank/matches)', () => {
  let t: TestApp;
  let world: QueueWorld;

  const get = (query: Query, session: Session = world.officer) => {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(query))
      for (const x of Array.isArray(v) ? v : [v]) qs.append(k, String(x));
    return t.http().get(`/api/v1/bank/matches?${qs.toString()}`).set(bearer(session));
  };

  /** Every page in turn, following nextCursor; the counts of the first page. */
  const all = async (query: Query, session?: Session) => {
    const items: Item[] = [];
    let cursor: string | null = null;
    let counts: Record<string, number> | null = null;
    let pages = 0;
    do {
      const res: supertest.Response = await get(
        cursor ? { ...query, cursor } : query,
        session,
      ).expect(200);
      if (pages === 0) counts = res.body.counts;
      else expect(res.body.counts).toBeNull();
      items.push(...(res.body.items as Item[]));
      cursor = res.body.nextCursor;
      pages++;
      expect(pages).toBeLessThan(200);
    } while (cursor);
    return { items, counts, pages };
  };

  beforeAll(async () => {
    t = await createTestApp();
    world = await seedQueueWorld(t);
  });
  afterAll(() => t.close());

  it('pages every row exactly once, best score first, ties by id', async () => {
    const want = expected(world)
      .sort(byScore)
      .map((m) => m.id);
    expect(want.length).toBeGreaterThan(40);
    const { items, pages } = await all({ limit: 7 });
    expect(pages).toBe(Math.ceil(want.length / 7));
    expect(items.map((i) => i.id)).toEqual(want);
  });

  it('pages every row exactly once, longest waiting first, never-applied last', async () => {
    const want = expected(world)
      .sort(byWaiting)
      .map((m) => m.id);
    const { items } = await all({ sort: 'waiting', limit: 6 });
    expect(items.map((i) => i.id)).toEqual(want);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
  });

  it('keeps a cursor working while rows before it change', async () => {
    const first = await get({ limit: 5 }).expect(200);
    // A row already shown loses its place: the next page still starts right after the cursor.
    await t.db.query(`UPDATE matches SET score = 0 WHERE id = $1`, [first.body.items[0].id]);
    try {
      const next = await get({ limit: 5, cursor: first.body.nextCursor }).expect(200);
      const want = expected(world)
        .sort(byScore)
        .slice(5, 10)
        .map((m) => m.id);
      expect(next.body.items.map((i: Item) => i.id)).toEqual(want);
    } finally {
      const original = world.matches.find((m) => m.id === first.body.items[0].id)!;
      await t.db.query(`UPDATE matches SET score = $2 WHERE id = $1`, [
        original.id,
        original.score,
      ]);
    }
  });

  describe('each filter narrows to exactly the rows it names', () => {
    const now = () => new Date();
    const cases: [string, (w: QueueWorld) => Query, (m: Row, w: QueueWorld) => boolean][] = [
      [
        'productId',
        (w) => ({ productId: w.products[1].id }),
        (m, w) => m.productId === w.products[1].id,
      ],
      [
        'chainId',
        (w) => ({ chainId: w.chains.rail }),
        (m, w) => m.firm.chainIds.includes(w.chains.rail),
      ],
      ['one tier', () => ({ tier: 'srdi' }), (m) => m.firm.tier === 'srdi'],
      [
        'several tiers',
        () => ({ tier: 'little_giant,champion' }),
        (m) => ['little_giant', 'champion'].includes(m.firm.tier),
      ],
      [
        'a province (430000)',
        () => ({ regionCode: '430000' }),
        (m) => regionWithin(m.firm.regionCode, '430000'),
      ],
      [
        'a city (430100)',
        () => ({ regionCode: '430100' }),
        (m) => m.firm.regionCode.startsWith('4301'),
      ],
      [
        'a district (430211)',
        () => ({ regionCode: '430211' }),
        (m) => m.firm.regionCode === '430211',
      ],
      ['one status', () => ({ status: 'applied' }), (m) => m.status === 'applied'],
      [
        'several statuses (repeated)',
        () => ({ status: ['in_review', 'pending_approval', 'approved'] }),
        (m) => ['in_review', 'pending_approval', 'approved'].includes(m.status),
      ],
      ['appliedOnly', () => ({ appliedOnly: true }), (m) => m.appliedAt !== null],
      ['overdue', () => ({ overdue: true }), (m) => overdue(m, now())],
      ['not overdue', () => ({ overdue: false }), (m) => !overdue(m, now())],
      ['whitelisted', () => ({ whitelisted: true }), (m) => m.firm.whitelisted],
      ['not whitelisted', () => ({ whitelisted: false }), (m) => !m.firm.whitelisted],
      [
        'several at once',
        (w) => ({
          productId: w.products[0].id,
          regionCode: '430000',
          status: 'suggested,applied',
          tier: 'none,innovative,srdi',
        }),
        (m, w) =>
          m.productId === w.products[0].id &&
          m.firm.regionCode.startsWith('43') &&
          ['suggested', 'applied'].includes(m.status) &&
          ['none', 'innovative', 'srdi'].includes(m.firm.tier),
      ],
    ];
    for (const [name, query, keep] of cases) {
      it(name, async () => {
        const want = expected(world, (m) => keep(m, world)).sort(byScore);
        const { items } = await all({ ...query(world), limit: 100 });
        expect(items.map((i) => i.id)).toEqual(want.map((m) => m.id));
      });
    }

    it('the overdue and waiting-time filters agree with the flags on the rows', async () => {
      const { items } = await all({ overdue: true, sort: 'waiting' });
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item.overdue).toBe(true);
        expect(item.waitingWorkingDays).toBeGreaterThan(RESPONSE_DAYS);
      }
    });
  });

  it('counts each status under the filters, the status filter left out', async () => {
    for (const query of [
      {},
      { tier: 'srdi' },
      { productId: world.products[0].id, status: 'applied' },
      { overdue: true },
    ] as Query[]) {
      const res = await get({ ...query, limit: 1 }).expect(200);
      const { status: _ignored, ...withoutStatus } = query;
      const rows = (await all({ ...withoutStatus, limit: 100 })).items;
      const want = Object.fromEntries(
        MATCH_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]),
      );
      expect(res.body.counts).toEqual(want);
    }
    const none = await get({}).expect(200);
    expect(
      Object.values(none.body.counts as Record<string, number>).reduce((a, b) => a + b, 0),
    ).toBe(expected(world).length);
  });

  it('counts again after every committed change, one still open while they were counted included', async () => {
    const srdi = expected(world, (m) => m.firm.tier === 'srdi');
    const firmId = srdi[0].firmId;
    const otherFirmId = world.firms.find((f) => f.id !== firmId)!.id;
    const perStatus = (rows: Row[]) =>
      Object.fromEntries(MATCH_STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]));
    const tabs = async () => (await get({ tier: 'srdi', limit: 1 }).expect(200)).body.counts;
    const withFirmTier = async (tier: string) => {
      // The change is made in a transaction that stays open while the queue is counted:
      // a count taken then must not outlive its commit.
      const runner = t.db.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query(`UPDATE firms SET tier = $2 WHERE id = $1`, [firmId, tier]);
        // Another firm's edit commits meanwhile, so the queue is counted again while this
        // transaction is open.
        await t.db.query(`UPDATE firms SET years_in_niche = years_in_niche WHERE id = $1`, [
          otherFirmId,
        ]);
        const meanwhile = await tabs();
        await runner.commitTransaction();
        return meanwhile;
      } catch (e) {
        await runner.rollbackTransaction();
        throw e;
      } finally {
        await runner.release();
      }
    };
    expect(await tabs()).toEqual(perStatus(srdi));
    expect(await withFirmTier('little_giant')).toEqual(perStatus(srdi));
    const without = perStatus(srdi.filter((m) => m.firmId !== firmId));
    expect(without).not.toEqual(perStatus(srdi));
    expect(await tabs()).toEqual(without);
    expect(await tabs()).toEqual(without);
    expect(await withFirmTier('srdi')).toEqual(without);
    expect(await tabs()).toEqual(perStatus(srdi));
  });

  it('keeps the counts true while writers and readers race, round after round', async () => {
    // What the counts must say, read here straight from the rows.
    const truth = async () => {
      const rows: { status: MatchStatus; n: number }[] = await t.db.query(
        `SELECT m.status, count(*)::int AS n FROM matches m JOIN firms f ON f.id = m.firm_id
          WHERE m.bank_id = $1 AND (m.in_product_top OR m.status <> 'suggested') AND f.tier = 'srdi'
          GROUP BY m.status`,
        [world.bankId],
      );
      return Object.fromEntries(
        MATCH_STATUSES.map((s) => [s, rows.find((r) => r.status === s)?.n ?? 0]),
      );
    };
    const tabs = async () => (await get({ tier: 'srdi', limit: 1 }).expect(200)).body.counts;
    const firms = world.firms.filter((f) => f.tier === 'srdi' || f.tier === 'little_giant');
    const suggestions = world.matches.filter(
      (m) => m.bankId === world.bankId && m.status === 'suggested',
    );
    let seed = 7;
    const pick = <T>(xs: T[]) => xs[(seed = (seed * 48271) % 2147483647) % xs.length];
    try {
      for (let round = 0; round < 25; round++) {
        // Firms move in and out of the filter and suggestions in and out of the queue, each
        // in its own transaction, while the counts are read and kept.
        await Promise.all([
          ...[0, 1, 2].map(() => {
            const firm = pick(firms);
            return t.db.query(
              `UPDATE firms SET tier = CASE WHEN tier = 'srdi' THEN 'little_giant' ELSE 'srdi' END::firm_tier WHERE id = $1`,
              [firm.id],
            );
          }),
          ...[0, 1].map(() =>
            t.db.query(`UPDATE matches SET in_product_top = NOT in_product_top WHERE id = $1`, [
              pick(suggestions).id,
            ]),
          ),
          ...Array.from({ length: 6 }, () => tabs()),
        ]);
        expect(await tabs()).toEqual(await truth());
      }
    } finally {
      for (const f of firms)
        await t.db.query(`UPDATE firms SET tier = $2 WHERE id = $1`, [f.id, f.tier]);
      for (const m of suggestions)
        await t.db.query(`UPDATE matches SET in_product_top = $2 WHERE id = $1`, [
          m.id,
          m.inProductTop,
        ]);
    }
    expect(await tabs()).toEqual(await truth());
  });

  describe('a page kept for the next reader shows every change committed since', () => {
    // One committed change per table a page shows, the part of the row it shows in, and how
    // to undo it. A table without marks (migrations 1763910000000, 1763940000000) fails here.
    const firmOf = (m: SeededMatch) => world.firms.find((f) => f.id === m.firmId)!;
    const chained = () =>
      expected(world).find((m) => firmOf(m).chainIds.length > 0 && firmOf(m).years.length > 0)!;
    const changes: {
      table: string;
      change: (m: SeededMatch) => Promise<unknown>;
      undo: (m: SeededMatch) => Promise<unknown>;
      shown: (i: Item) => unknown;
    }[] = [
      {
        table: 'matches',
        change: (m) => t.db.query(`UPDATE matches SET version = version + 1 WHERE id = $1`, [m.id]),
        undo: (m) => t.db.query(`UPDATE matches SET version = version - 1 WHERE id = $1`, [m.id]),
        shown: (i) => i.version,
      },
      {
        table: 'firms',
        change: (m) =>
          t.db.query(`UPDATE firms SET whitelisted = NOT whitelisted WHERE id = $1`, [m.firmId]),
        undo: (m) =>
          t.db.query(`UPDATE firms SET whitelisted = NOT whitelisted WHERE id = $1`, [m.firmId]),
        shown: (i) => i.firm.whitelisted,
      },
      {
        table: 'organizations',
        change: (m) =>
          t.db.query(`UPDATE organizations SET name = name || '·' WHERE id = $1`, [m.firmId]),
        undo: (m) =>
          t.db.query(`UPDATE organizations SET name = rtrim(name, '·') WHERE id = $1`, [m.firmId]),
        shown: (i) => i.firm.name,
      },
      {
        table: 'chain_members',
        change: (m) =>
          t.db.query(`DELETE FROM chain_members WHERE firm_id = $1 AND chain_id = $2`, [
            m.firmId,
            firmOf(m).chainIds[0],
          ]),
        undo: (m) =>
          t.db.query(`INSERT INTO chain_members (firm_id, chain_id) VALUES ($1, $2)`, [
            m.firmId,
            firmOf(m).chainIds[0],
          ]),
        shown: (i) => i.firm.chains.map((c) => c.id),
      },
      {
        table: 'chains',
        change: (m) =>
          t.db.query(`UPDATE chains SET name = name || '·' WHERE id = $1`, [firmOf(m).chainIds[0]]),
        undo: (m) =>
          t.db.query(`UPDATE chains SET name = rtrim(name, '·') WHERE id = $1`, [
            firmOf(m).chainIds[0],
          ]),
        shown: (i) => i.firm.chains.map((c) => c.name),
      },
      {
        table: 'loan_products',
        change: (m) =>
          t.db.query(`UPDATE loan_products SET name = name || '·' WHERE id = $1`, [m.productId]),
        undo: (m) =>
          t.db.query(`UPDATE loan_products SET name = rtrim(name, '·') WHERE id = $1`, [
            m.productId,
          ]),
        shown: (i) => i.product.name,
      },
      {
        table: 'funding_needs',
        change: (m) =>
          t.db.query(`UPDATE funding_needs SET amount = amount + 1 WHERE id = $1`, [m.needId]),
        undo: (m) =>
          t.db.query(`UPDATE funding_needs SET amount = amount - 1 WHERE id = $1`, [m.needId]),
        shown: (i) => i.need.amount,
      },
      {
        table: 'financial_years',
        change: (m) =>
          t.db.query(
            `UPDATE financial_years SET revenue = revenue * 2 WHERE firm_id = $1 AND year = $2`,
            [m.firmId, Math.max(...firmOf(m).years)],
          ),
        undo: (m) =>
          t.db.query(
            `UPDATE financial_years SET revenue = revenue / 2 WHERE firm_id = $1 AND year = $2`,
            [m.firmId, Math.max(...firmOf(m).years)],
          ),
        shown: (i) => i.suggestedLine,
      },
    ];

    it.each(changes.map((c) => [c.table, c] as const))('%s', async (_table, c) => {
      const m = chained();
      const row = async () =>
        ((await get({ limit: 100 }).expect(200)).body.items as Item[]).find((i) => i.id === m.id)!;
      const before = c.shown(await row());
      expect(c.shown(await row())).toEqual(before); // read twice: kept
      await c.change(m);
      try {
        expect(c.shown(await row())).not.toEqual(before);
      } finally {
        await c.undo(m);
      }
      expect(c.shown(await row())).toEqual(before);
    });

    it('including a change whose transaction was open while the page was read', async () => {
      const m = chained();
      const productName = async () =>
        ((await get({ limit: 100 }).expect(200)).body.items as Item[]).find((i) => i.id === m.id)!
          .product.name;
      const before = await productName();
      const runner = t.db.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      try {
        await runner.query(`UPDATE loan_products SET name = name || '·' WHERE id = $1`, [
          m.productId,
        ]);
        // Another commit meanwhile makes the page be read again, and kept, while this
        // transaction is still open.
        await t.db.query(`UPDATE chains SET name = name WHERE id = $1`, [world.chains.rail]);
        expect(await productName()).toBe(before);
        await runner.commitTransaction();
      } catch (e) {
        await runner.rollbackTransaction();
        throw e;
      } finally {
        await runner.release();
      }
      try {
        expect(await productName()).toBe(`${before}·`);
      } finally {
        await t.db.query(`UPDATE loan_products SET name = $2 WHERE id = $1`, [m.productId, before]);
      }
    });
  });

  it('works out the clock on every read of a kept page', async () => {
    const queue = t.app.get(BankQueueService);
    const actor: Actor = {
      userId: world.officer.user.id,
      role: 'bank',
      orgId: world.bankId,
      regionCode: '430000',
    };
    const waitingRows = expected(world, waiting);
    expect(waitingRows.length).toBeGreaterThan(0);
    const now = new Date();
    for (const at of [now, new Date(now.getTime() + 15 * 86_400_000)]) {
      // Nothing changes between the reads: the second is handed the kept page.
      const page = JSON.parse(await queue.pageJson(actor, { limit: 100 }, at)) as {
        items: Item[];
      };
      for (const m of waitingRows) {
        const item = page.items.find((i) => i.id === m.id)!;
        expect(item.waitingWorkingDays).toBe(calendar.workingDaysBetween(m.appliedAt!, at));
        expect(item.overdue).toBe(overdue(m, at));
      }
    }
  });

  it('describes each row: firm, need, product, clock, suggested line and the bank moves', async () => {
    const { items } = await all({ limit: 100 });
    const byId = new Map(world.matches.map((m) => [m.id, m]));
    const firms = new Map(world.firms.map((f) => [f.id, f]));
    const now = new Date();
    for (const item of items) {
      const m = byId.get(item.id)!;
      const firm = firms.get(m.firmId)!;
      expect(item.firm).toMatchObject({
        id: firm.id,
        name: firm.name,
        tier: firm.tier,
        regionCode: firm.regionCode,
        whitelisted: firm.whitelisted,
      });
      expect(item.firm.chains.map((c) => c.id).sort()).toEqual([...firm.chainIds].sort());
      expect(item.need).toMatchObject({ id: firm.needId, amount: firm.needAmount });
      expect(item.product.id).toBe(m.productId);
      expect(item.waitingWorkingDays).toBe(
        waiting(m) ? calendar.workingDaysBetween(m.appliedAt!, now) : null,
      );
      expect(item.overdue).toBe(overdue(m, now));
      expect('suggestedLine' in item).toBe(firm.years.length > 0);
      const moves = allowedMoves(m.status, 'bank').filter(
        (to) =>
          !(
            m.status === 'pending_approval' &&
            to === 'approved' &&
            m.proposedBy === world.officer.user.id
          ),
      );
      expect(item.allowedMoves).toEqual(moves);
    }
  });

  it('gives the suggested line the firm’s own estimate shows', async () => {
    const withYears = world.firms.find((f) => f.years.length === 2)!;
    const { items } = await all({ limit: 100 });
    const row = items.find((i) => i.firm.id === withYears.id)!;
    // The officer's firm view runs the full estimate service for the same firm.
    const view = await t
      .http()
      .get(`/api/v1/bank/firms/${withYears.id}`)
      .set(bearer(world.officer))
      .expect(200);
    expect(row.suggestedLine).toBe(view.body.estimate.newLoanLimit);
    expect(row.suggestedLine).toBeGreaterThan(0);
  });

  it('shows a maker no approval of their own proposal, and the checker can approve it', async () => {
    const pending = world.matches.find(
      (m) =>
        m.bankId === world.bankId &&
        m.status === 'pending_approval' &&
        m.proposedBy === world.officer.user.id,
    );
    expect(pending).toBeDefined();
    const mine = (await all({ status: 'pending_approval' })).items.find(
      (i) => i.id === pending!.id,
    )!;
    expect(mine.allowedMoves).toEqual(['in_review']);
    const theirs = (await all({ status: 'pending_approval' }, world.checker)).items.find(
      (i) => i.id === pending!.id,
    )!;
    expect(theirs.allowedMoves).toEqual(['approved', 'in_review']);
  });

  it("never shows another bank's matches, and shows that bank only its own", async () => {
    const { items } = await all({ limit: 100 });
    const other = new Set(
      world.matches.filter((m) => m.bankId === world.otherBankId).map((m) => m.id),
    );
    expect(items.some((i) => other.has(i.id))).toBe(false);
    // Even naming the other bank's product finds nothing.
    expect((await all({ productId: world.otherProductId })).items).toEqual([]);
    const theirs = await all({ limit: 100 }, world.otherOfficer);
    const theirExpected = world.matches.filter(
      (m) => m.bankId === world.otherBankId && (m.inProductTop || m.status !== 'suggested'),
    );
    expect(theirs.items.map((i) => i.id).sort()).toEqual(theirExpected.map((m) => m.id).sort());
  });

  it('answers 403 to firm, gov and admin users', async () => {
    const firm = await registerFirm(t);
    for (const session of [
      firm,
      await t.login('gov@lianrong.demo'),
      await t.login('admin@lianrong.demo'),
    ]) {
      await get({}, session).expect(403);
      await t.http().get('/api/v1/bank/matches/export.xlsx').set(bearer(session)).expect(403);
    }
  });

  it('refuses bad filters and cursors with a 400 naming the field', async () => {
    const score = await get({ limit: 2 }).expect(200);
    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 101 }, 'limit'],
      [{ limit: 'ten' }, 'limit'],
      [{ status: 'approved,granted' }, 'status'],
      [{ tier: 'unicorn' }, 'tier'],
      [{ regionCode: '4301' }, 'regionCode'],
      [{ productId: 'p1' }, 'productId'],
      [{ chainId: 'x' }, 'chainId'],
      [{ overdue: 'yes' }, 'overdue'],
      [{ appliedOnly: '1' }, 'appliedOnly'],
      [{ sort: 'name' }, 'sort'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      // A score cursor does not page the waiting order.
      [{ sort: 'waiting', cursor: score.body.nextCursor }, 'cursor'],
      [
        {
          cursor: Buffer.from(JSON.stringify(['score', '1 OR 1=1', randomUUID()])).toString(
            'base64url',
          ),
        },
        'cursor',
      ],
      [{ colour: 'red' }, 'colour'],
    ] as [Query, string][]) {
      const res = await get(query).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
  });

  it('lists the chains to filter by', async () => {
    const res = await t.http().get('/api/v1/bank/chains').set(bearer(world.officer)).expect(200);
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(
      expect.arrayContaining([world.chains.electronics, world.chains.rail]),
    );
  });
});
