import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { demoIds } from '../../src/database/seeds/demo';
import { siblingDatabaseUrl } from './test-env';

const ROOT = path.resolve(__dirname, '../../../..');

/** The database itself refuses what the API refuses: constraints are not only in DTOs. */
describe('schema', () => {
  const url = siblingDatabaseUrl('schema');
  let db: DataSource;

  beforeAll(async () => {
    for (const command of ['reset', 'seed']) {
      execFileSync(
        process.execPath,
        ['tools/run-ts.mjs', 'apps/api/src/database/cli.ts', command],
        {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: url },
          stdio: 'ignore',
        },
      );
    }
    db = await createDataSource(url).initialize();
  }, 120_000);
  afterAll(() => db?.destroy());

  const firm = demoIds.orgId('firm', 'bojiang');
  const bank = demoIds.orgId('bank', 'boc');
  const refused = (sql: string, params: unknown[] = []) =>
    expect(db.query(sql, params)).rejects.toMatchObject({
      driverError: expect.objectContaining({ code: expect.any(String) }),
    });

  it('refuses negative, zero and fractional money', async () => {
    const insertNeed = (amount: string) =>
      db.query(
        `INSERT INTO funding_needs (firm_id, amount, term_months, purpose, max_rate_bps, collateral)
         VALUES ($1, $2, 12, 'rd', 400, 'none')`,
        [firm, amount],
      );
    await expect(insertNeed('-1')).rejects.toMatchObject({ driverError: { code: '23514' } });
    await expect(insertNeed('0')).rejects.toMatchObject({ driverError: { code: '23514' } });
    await expect(insertNeed('1.5')).rejects.toMatchObject({ driverError: { code: '22P02' } });
    await refused(`UPDATE financial_years SET revenue = -1 WHERE firm_id = $1`, [firm]);
  });

  it('refuses a product whose minimum exceeds its maximum', async () => {
    await expect(
      db.query(
        `INSERT INTO loan_products (bank_id, name, kind, amount_min, amount_max, term_min, term_max, rate_min_bps, rate_max_bps)
         VALUES ($1, 'x', 'credit', 10, 5, 1, 2, 1, 2)`,
        [bank],
      ),
    ).rejects.toMatchObject({
      driverError: { code: '23514', constraint: 'loan_products_amount_range' },
    });
  });

  it('keeps USCCs unique, enums closed and references real', async () => {
    const [{ uscc }] = await db.query('SELECT uscc FROM organizations WHERE id = $1', [firm]);
    await expect(
      db.query(
        `INSERT INTO organizations (kind, name, region_code, uscc) VALUES ('firm', 'dup', '430100', $1)`,
        [uscc],
      ),
    ).rejects.toMatchObject({ driverError: { code: '23505' } });
    await expect(
      db.query(`UPDATE firms SET tier = 'unicorn' WHERE id = $1`, [firm]),
    ).rejects.toMatchObject({
      driverError: { code: '22P02' },
    });
    await expect(
      db.query(
        `INSERT INTO funding_needs (firm_id, amount, term_months, purpose, max_rate_bps, collateral)
         VALUES (gen_random_uuid(), 100, 12, 'rd', 400, 'none')`,
      ),
    ).rejects.toMatchObject({ driverError: { code: '23503' } });
  });

  it('migrations undo cleanly and apply again', async () => {
    const applied = (await db.query('SELECT count(*)::int AS n FROM migrations'))[0].n as number;
    await db.query('DELETE FROM matches; DELETE FROM product_views');
    for (let i = 0; i < applied; i++) await db.undoLastMigration({ transaction: 'each' });
    const [{ n: tables }] = await db.query(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'`,
    );
    expect(tables).toBe(0);
    expect((await db.runMigrations({ transaction: 'each' })).length).toBe(applied);
  });
});
