import { DataSource, type QueryRunner } from 'typeorm';
import { type AppConfig } from '../../src/config/app-config';
import { createDataSource } from '../../src/database/data-source';
import { MatchWriter, type ViewRow } from '../../src/modules/matching/match-writer';
import { testDatabaseUrl } from './test-env';

/**
 * The deadlock a full rematch once hit, replayed step by step instead of hoped for: a
 * firm's-view writer holds one row, an officer's-view writer arrives with the same rows
 * in the other order, then the first writer needs a row the second would already hold.
 * Locking in one order — (need_id, product_id) — makes the second writer wait instead.
 */
describe('view writers lock matches rows in one order', () => {
  let db: DataSource;
  // One row per statement, so a writer holds some rows while asking for the next.
  const writer = new MatchWriter({ MATCH_WRITE_CHUNK: 1 } as AppConfig);
  let x: ViewRow;
  let y: ViewRow;

  beforeAll(async () => {
    db = await createDataSource(testDatabaseUrl()).initialize();
    const needs: { id: string; firm_id: string }[] = await db.query(
      `SELECT id, firm_id FROM funding_needs ORDER BY id LIMIT 2`,
    );
    const [product]: { id: string; bank_id: string }[] = await db.query(
      `SELECT id, bank_id FROM loan_products ORDER BY id LIMIT 1`,
    );
    const row = (need: { id: string; firm_id: string }): ViewRow => ({
      needId: need.id,
      firmId: need.firm_id,
      productId: product.id,
      bankId: product.bank_id,
      score: 50,
    });
    [x, y] = [row(needs[0]), row(needs[1])]; // x sorts before y
    await db.query('DELETE FROM matches WHERE product_id = $1', [product.id]);
  });

  afterAll(async () => {
    await db.query('DELETE FROM matches WHERE product_id = $1', [x.productId]);
    await db.destroy();
  });

  const begin = async (): Promise<QueryRunner> => {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return runner;
  };

  it('a writer given [y, x] while another holds x waits for it instead of deadlocking', async () => {
    const a = await begin();
    const b = await begin();
    try {
      await writer.upsertView(a.manager, 'need', [x]);
      // Unsorted input: an unordered writer would lock y here, then wait for x.
      const second = writer.upsertView(b.manager, 'product', [y, x]);
      await new Promise((r) => setTimeout(r, 300));
      await writer.upsertView(a.manager, 'need', [y]);
      await a.commitTransaction();
      await second;
      await b.commitTransaction();
    } finally {
      for (const r of [a, b]) {
        if (r.isTransactionActive) await r.rollbackTransaction();
        await r.release();
      }
    }
    const rows: { need_id: string; in_need_top: boolean; in_product_top: boolean }[] =
      await db.query(
        `SELECT need_id, in_need_top, in_product_top FROM matches WHERE product_id = $1 ORDER BY need_id`,
        [x.productId],
      );
    expect(rows).toEqual([
      { need_id: x.needId, in_need_top: true, in_product_top: true },
      { need_id: y.needId, in_need_top: true, in_product_top: true },
    ]);
  });
});
