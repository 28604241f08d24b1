import { DataSource, type QueryRunner } from 'typeorm';
import { type AppConfig } from '../../src/config/app-config';
import { createDataSource } from '../../src/database/data-source';
import { MatchWriter, type ViewRow } from '../../src/modules/matching/match-writer';
import { testDatabaseUrl } from './test-env';

/**
 * The end of a full rematch drops what the run did not confirm. A need posted while the run
 * was under way is matched by its own job, which the run never stamps: its firm must keep
 * those matches. Each case runs in a transaction that is rolled back, so the demo views the
 * other suites read stay as they were.
 */
describe('the end of a full rematch', () => {
  let db: DataSource;
  let tx: QueryRunner;
  const writer = new MatchWriter({ MATCH_WRITE_CHUNK: 100 } as AppConfig);
  const RUN = 'run-under-test';

  beforeAll(async () => {
    db = await createDataSource(testDatabaseUrl()).initialize();
  });
  afterAll(() => db.destroy());

  beforeEach(async () => {
    tx = db.createQueryRunner();
    await tx.connect();
    await tx.startTransaction();
  });
  afterEach(async () => {
    await tx.rollbackTransaction();
    await tx.release();
  });

  /** Three demo needs' rows against one product, none of them worked by anyone. */
  async function rows(): Promise<[ViewRow, ViewRow, ViewRow]> {
    const [product]: { id: string; bank_id: string }[] = await tx.query(
      `SELECT id, bank_id FROM loan_products ORDER BY id DESC LIMIT 1`,
    );
    const needs: { id: string; firm_id: string }[] = await tx.query(
      `SELECT n.id, n.firm_id FROM funding_needs n
        WHERE NOT EXISTS (SELECT 1 FROM matches m WHERE m.need_id = n.id AND m.product_id = $1)
        ORDER BY n.id LIMIT 3`,
      [product.id],
    );
    const [a, b, c] = needs.map((n): ViewRow => ({
      needId: n.id,
      firmId: n.firm_id,
      productId: product.id,
      bankId: product.bank_id,
      score: 60,
    }));
    return [a, b, c];
  }

  const inNeedView = async (row: ViewRow): Promise<boolean> => {
    const [found] = await tx.query(
      `SELECT in_need_top FROM matches WHERE need_id = $1 AND product_id = $2`,
      [row.needId, row.productId],
    );
    return found?.in_need_top === true;
  };

  it('keeps what the run confirmed and what was written after it began, and drops the rest', async () => {
    const [confirmed, postedDuringRun, stale] = await rows();
    // Rows of an earlier day that this run did not confirm.
    await writer.upsertView(tx.manager, 'need', [stale], 'an-earlier-run');
    await tx.query(
      `UPDATE matches SET updated_at = now() - interval '1 hour' WHERE need_id = $1 AND product_id = $2`,
      [stale.needId, stale.productId],
    );
    const [{ startedAt }]: { startedAt: Date }[] = await tx.query(
      `SELECT now() - interval '1 second' AS "startedAt"`,
    );
    // The run's shard confirms one row; a need posted meanwhile is matched by its own job.
    await writer.upsertView(tx.manager, 'need', [confirmed], RUN);
    await writer.replaceNeedViews(tx.manager, [postedDuringRun.needId], [postedDuringRun]);

    await writer.finalizeRun(tx.manager, RUN, startedAt);

    expect({
      confirmed: await inNeedView(confirmed),
      postedDuringRun: await inNeedView(postedDuringRun),
      stale: await inNeedView(stale),
    }).toEqual({ confirmed: true, postedDuringRun: true, stale: false });
  });
});
