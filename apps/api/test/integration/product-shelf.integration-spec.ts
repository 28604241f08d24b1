import { demoIds } from '../../src/database/seeds/demo';
import { creditProduct } from './fixtures';
import { bearer, createTestApp, registerFirm, type Session, type TestApp } from './test-app';
import { eventually, startWorker, type WorkerProcess } from './worker-process';

// Issue 10, item 0: an officer edits every eligibility field of a product, and tries a
// draft against the open needs (POST /products/dry-run) before publishing it.

const CRRC = demoIds.orgId('firm', 'crrc');
const TIMES = demoIds.orgId('firm', 'times');
const RAIL = demoIds.chainId('rail');

/** Every eligibility field set: the body the form sends for a fully specified product. */
const everyField = {
  ...creditProduct('全要素测试贷', { amountMin: 500_000, amountMax: 30_000_000, termMax: 36 }),
  minTier: 'innovative',
  regions: ['43'],
  sectors: ['C34', 'C39'],
  chainIds: [RAIL],
  minRevenue: 20_000_000,
  minRdIntensityBps: 300,
  maxDebtRatioBps: 7000,
  minInventionPatents: 2,
  minYearsInNiche: 3,
  requiresWhitelist: false,
  collateralAccepted: ['none', 'ip_pledge'],
  purposes: ['working_capital', 'rd'],
  creditQuota: 200_000_000,
};

describe('the product shelf: edit every field, try a draft', () => {
  let t: TestApp;
  let bank: Session;

  beforeAll(async () => {
    t = await createTestApp();
    bank = await t.login('bank@lianrong.demo');
  });
  afterAll(() => t.close());

  const create = async (body: object) =>
    (await t.http().post('/api/v1/products').set(bearer(bank)).send(body).expect(201)).body;
  const patch = (id: string, body: object, who = bank) =>
    t.http().patch(`/api/v1/products/${id}`).set(bearer(who)).send(body);
  const dryRun = (body: object, who = bank) =>
    t.http().post('/api/v1/products/dry-run').set(bearer(who)).send(body);
  const fieldsOf = (res: { body: { details: { field: string }[] } }) =>
    res.body.details.map((d) => d.field).sort();

  it('edits every eligibility field, answers the core enterprises by name, and queues a re-ranking', async () => {
    const product = await create(creditProduct('编辑测试贷'));
    const supplyChain = {
      ...everyField,
      kind: 'supply_chain',
      coreEnterpriseIds: [CRRC, TIMES],
    };
    const res = await patch(product.id, supplyChain).expect(200);
    expect(res.body).toMatchObject({ ...supplyChain, id: product.id, status: 'active' });
    expect(res.body.coreEnterprises).toEqual([
      { id: CRRC, name: '中车株洲电力机车研究所有限公司' },
      { id: TIMES, name: '株洲时代新材料科技股份有限公司' },
    ]);
    expect(res.body.matchingJobId).toEqual(expect.any(String));
    const [job] = await t.db.query('SELECT topic, entity_id FROM matching_jobs WHERE id = $1', [
      res.body.matchingJobId,
    ]);
    expect(job).toEqual({ topic: 'product.changed', entity_id: product.id });

    // The list and the detail name them too; clearing thresholds is an edit to null.
    const listed = await t.http().get('/api/v1/products').set(bearer(bank)).expect(200);
    const row = listed.body.items.find((p: { id: string }) => p.id === product.id);
    expect(row.coreEnterprises.map((c: { id: string }) => c.id)).toEqual([CRRC, TIMES]);
    const cleared = await patch(product.id, {
      kind: 'credit',
      coreEnterpriseIds: [],
      minRevenue: null,
      minRdIntensityBps: null,
      creditQuota: null,
      chainIds: [],
    }).expect(200);
    expect(cleared.body).toMatchObject({
      kind: 'credit',
      coreEnterprises: [],
      minRevenue: null,
      minRdIntensityBps: null,
      maxDebtRatioBps: 7000,
      creditQuota: null,
      chainIds: [],
      sectors: ['C34', 'C39'],
    });
  });

  it('refuses an edit that breaks the product, naming every field at fault, and changes nothing', async () => {
    const product = await create(everyField);
    const crossed = await patch(product.id, {
      amountMin: 40_000_000,
      termMin: 48,
      termMax: 40,
      rateMinBps: 700,
      creditQuota: 1_000_000,
    }).expect(400);
    expect(fieldsOf(crossed)).toEqual(['amountMin', 'creditQuota', 'rateMinBps', 'termMin']);
    expect(crossed.body.details).toContainEqual({
      field: 'amountMin',
      problem: 'must not exceed amountMax',
    });

    const badCodes = await patch(product.id, {
      regions: ['430000', '4301'],
      sectors: ['C34', 'Z99'],
      minRdIntensityBps: 20_000,
      minRevenue: -1,
      minYearsInNiche: 1.5,
    }).expect(400);
    expect(fieldsOf(badCodes)).toEqual([
      'minRdIntensityBps',
      'minRevenue',
      'minYearsInNiche',
      'regions',
      'sectors',
    ]);

    // A firm registered here leads no chain, whatever other suites do to the demo firms.
    const plainFirm = await registerFirm(t);
    const notCore = await patch(product.id, {
      kind: 'supply_chain',
      coreEnterpriseIds: [plainFirm.user.organization.id],
    }).expect(400);
    expect(notCore.body.details).toEqual([
      {
        field: 'coreEnterpriseIds',
        problem: 'contains a firm that is not a core enterprise (链主) of any chain',
      },
    ]);
    const noCore = await patch(product.id, { kind: 'supply_chain' }).expect(400);
    expect(fieldsOf(noCore)).toEqual(['coreEnterpriseIds']);
    const unknownChain = await patch(product.id, {
      chainIds: ['00000000-0000-4000-8000-00000000c4a1'],
    }).expect(400);
    expect(fieldsOf(unknownChain)).toEqual(['chainIds']);

    const stored = await t.http().get(`/api/v1/products/${product.id}`).set(bearer(bank));
    expect(stored.body).toMatchObject({ ...everyField, updatedAt: product.updatedAt });
  });

  it("another bank's product is a 404 to edit, exactly like one that does not exist", async () => {
    const product = await create(creditProduct('他行产品'));
    const other = await t.login('cssb@lianrong.demo');
    const res = await patch(product.id, { minRevenue: 1 }, other).expect(404);
    expect(res.body.message).toBe('loan product not found');
    await patch('00000000-0000-4000-8000-0000000000aa', { minRevenue: 1 }).expect(404);
    const stored = await t.http().get(`/api/v1/products/${product.id}`).set(bearer(bank));
    expect(stored.body.minRevenue).toBeNull();
  });

  it('lists the chains a product may target and finds core enterprises by name for a bank', async () => {
    const chains = await t.http().get('/api/v1/products/chains').set(bearer(bank)).expect(200);
    expect(chains.body.items).toContainEqual({ id: RAIL, name: '轨道交通', regionCode: '430000' });
    const found = await t
      .http()
      .get(`/api/v1/supply-links/core-enterprises?q=${encodeURIComponent('中车')}`)
      .set(bearer(bank))
      .expect(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({ id: CRRC, name: '中车株洲电力机车研究所有限公司' }),
    ]);
  });

  it('a dry run answers counts, checks the draft like a create, and writes nothing', async () => {
    const count = async () =>
      (
        await t.db.query(
          `SELECT (SELECT count(*) FROM loan_products) + (SELECT count(*) FROM outbox_events)
                + (SELECT count(*) FROM matching_jobs) + (SELECT count(*) FROM audit_events) AS n`,
        )
      )[0].n;
    const before = await count();
    const res = await dryRun({ ...creditProduct('草稿贷'), status: 'paused' }).expect(200);
    const [{ open }] = await t.db.query(
      `SELECT count(*)::int AS open FROM funding_needs WHERE status = 'open'`,
    );
    expect(res.body.openNeeds).toBe(open);
    expect(res.body.eligibleNeeds).toBeGreaterThan(0);
    expect(res.body.eligibleFirms).toBeGreaterThan(0);
    expect(res.body.eligibleFirms).toBeLessThanOrEqual(res.body.eligibleNeeds);
    const tiers = Object.values(res.body.byTier as Record<string, number>);
    expect(tiers.reduce((s, n) => s + n, 0)).toBe(res.body.eligibleNeeds);

    const bad = await dryRun({ ...creditProduct('草稿贷'), amountMin: 9_000_000 }).expect(400);
    expect(bad.body.details).toEqual([
      { field: 'amountMin', problem: 'must not exceed amountMax' },
    ]);
    const badRegion = await dryRun({ ...creditProduct('草稿贷'), regions: ['99'] }).expect(400);
    expect(fieldsOf(badRegion)).toEqual(['regions']);
    expect(await count()).toBe(before);

    const firm = await t.login('firm@lianrong.demo');
    await dryRun(creditProduct('草稿贷'), firm).expect(403);
  });

  describe('against the real worker', () => {
    let worker: WorkerProcess;

    beforeAll(async () => {
      worker = await startWorker();
    }, 120_000);
    afterAll(async () => {
      expect(await worker.stop()).toBe(0);
    });

    const jobResult = (jobId: string) =>
      eventually(async () => {
        const job = await t.http().get(`/api/v1/jobs/${jobId}`).set(bearer(bank)).expect(200);
        if (job.body.state === 'failed') throw new Error(`job failed: ${job.body.failure}`);
        return job.body.state === 'completed' ? job.body.result : undefined;
      }, 60_000);

    /** What the worker stored for the product: its officer's view (all eligible needs when ≤ 1,000). */
    const storedView = async (productId: string) => {
      const rows: { need_id: string; firm_id: string }[] = await t.db.query(
        'SELECT need_id, firm_id FROM matches WHERE product_id = $1 AND in_product_top',
        [productId],
      );
      return { needs: rows.length, firms: new Set(rows.map((r) => r.firm_id)).size };
    };

    const drafts: [string, object][] = [
      ['an open credit product', creditProduct('试算·宽', { amountMax: 50_000_000, termMax: 60 })],
      ['every threshold set', everyField],
      [
        'thresholds that pass some firms and not others',
        creditProduct('试算·研发', {
          amountMax: 50_000_000,
          termMax: 60,
          rateMinBps: 350,
          minRdIntensityBps: 500,
          maxDebtRatioBps: 6000,
          minYearsInNiche: 5,
          purposes: ['rd', 'working_capital', 'equipment'],
        }),
      ],
      [
        'a supply-chain product for 中车 suppliers',
        {
          ...creditProduct('试算·链', { amountMax: 50_000_000, termMax: 60, rateMinBps: 300 }),
          kind: 'supply_chain',
          coreEnterpriseIds: [CRRC],
          collateralAccepted: ['receivables', 'none'],
        },
      ],
    ];

    it.each(drafts)(
      'the dry run of %s counts exactly the needs the worker then matches',
      async (_, body) => {
        const dry = (await dryRun(body).expect(200)).body;
        expect(dry.eligibleNeeds).toBeGreaterThan(0);
        const product = await create(body);
        const result = await jobResult(product.matchingJobId);
        expect(result.eligibleNeeds).toBe(dry.eligibleNeeds);
        expect(await storedView(product.id)).toEqual({
          needs: dry.eligibleNeeds,
          firms: dry.eligibleFirms,
        });
      },
    );

    it('an edit re-matches the product, and its dry run foretold the new count', async () => {
      const product = await create(drafts[0][1]);
      const wide = await jobResult(product.matchingJobId);
      const tighter = { ...drafts[0][1], minRdIntensityBps: 500, minYearsInNiche: 5 };
      const dry = (await dryRun(tighter).expect(200)).body;
      expect(dry.eligibleNeeds).toBeLessThan(wide.eligibleNeeds);
      const edited = await patch(product.id, {
        minRdIntensityBps: 500,
        minYearsInNiche: 5,
      }).expect(200);
      const result = await jobResult(edited.body.matchingJobId);
      expect(result.eligibleNeeds).toBe(dry.eligibleNeeds);
      expect((await storedView(product.id)).needs).toBe(dry.eligibleNeeds);
    });
  });
});
