import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { type DataSource, QueryFailedError } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { demoIds } from '../../src/database/seeds/demo';
import { siblingDatabaseUrl } from './test-env';

const ROOT = path.resolve(__dirname, '../../../..');

/** The SQLSTATEs the schema answers with (PostgreSQL appendix A). */
const SQLSTATE = {
  check: '23514',
  unique: '23505',
  foreignKey: '23503',
  notNull: '23502',
  /** A value its type cannot read: an enum outside its labels, a fraction for a bigint. */
  invalidInput: '22P02',
} as const;

interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
}

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
  /**
   * Runs SQL the schema must refuse, and checks that it is refused for the expected
   * reason: a typo in the SQL (42P01 undefined table, 42703 undefined column) or a
   * statement that touches no row must not pass as a refusal.
   */
  const refused = async (
    expected: keyof typeof SQLSTATE,
    sql: string,
    params: unknown[] = [],
    constraint?: string,
  ): Promise<void> => {
    const error: unknown = await db.query(sql, params).then(
      () => null,
      (e: unknown) => e,
    );
    const pg =
      error instanceof QueryFailedError ? (error.driverError as PgError) : { code: 'no error' };
    expect({ sql, code: pg.code, message: pg.message }).toEqual({
      sql,
      code: SQLSTATE[expected],
      message: expect.any(String),
    });
    if (constraint) expect(pg.constraint).toBe(constraint);
  };

  it('checks the reason of a refusal, not only that there was one', async () => {
    await expect(refused('check', 'UPDATE financial_yeras SET revenue = -1')).rejects.toThrow();
    await expect(
      refused('check', `UPDATE financial_years SET revenue = -1 WHERE firm_id = gen_random_uuid()`),
    ).rejects.toThrow();
    await expect(
      refused('unique', `UPDATE firms SET tier = 'unicorn' WHERE id = $1`, [firm]),
    ).rejects.toThrow();
  });

  it('refuses negative, zero, fractional and missing money', async () => {
    const insertNeed = `INSERT INTO funding_needs (firm_id, amount, term_months, purpose, max_rate_bps, collateral)
         VALUES ($1, $2, 12, 'rd', 400, 'none')`;
    await refused('check', insertNeed, [firm, '-1']);
    await refused('check', insertNeed, [firm, '0']);
    await refused('invalidInput', insertNeed, [firm, '1.5']);
    await refused('notNull', insertNeed, [firm, null]);
    await refused('check', `UPDATE financial_years SET revenue = -1 WHERE firm_id = $1`, [firm]);
  });

  it('refuses a product whose minimum exceeds its maximum', async () => {
    await refused(
      'check',
      `INSERT INTO loan_products (bank_id, name, kind, amount_min, amount_max, term_min, term_max, rate_min_bps, rate_max_bps)
         VALUES ($1, 'x', 'credit', 10, 5, 1, 2, 1, 2)`,
      [bank],
      'loan_products_amount_range',
    );
  });

  it('keeps USCCs unique, enums closed and references real', async () => {
    const [{ uscc }] = await db.query('SELECT uscc FROM organizations WHERE id = $1', [firm]);
    await refused(
      'unique',
      `INSERT INTO organizations (kind, name, region_code, uscc) VALUES ('firm', 'dup', '430100', $1)`,
      [uscc],
    );
    await refused('invalidInput', `UPDATE firms SET tier = 'unicorn' WHERE id = $1`, [firm]);
    await refused(
      'foreignKey',
      `INSERT INTO funding_needs (firm_id, amount, term_months, purpose, max_rate_bps, collateral)
         VALUES (gen_random_uuid(), 100, 12, 'rd', 400, 'none')`,
    );
  });

  it("keeps every match on a real need and product, and a need's matches go with it", async () => {
    const [product]: { id: string; bank_id: string }[] = await db.query(
      `SELECT id, bank_id FROM loan_products ORDER BY id LIMIT 1`,
    );
    const newNeed = async (): Promise<string> =>
      (
        await db.query(
          `INSERT INTO funding_needs (firm_id, amount, term_months, purpose, max_rate_bps, collateral)
           VALUES ($1, 1000000, 12, 'rd', 600, 'none') RETURNING id`,
          [firm],
        )
      )[0].id;
    const insertMatches = `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version)
      SELECT n, $2::uuid, $3::uuid, $4::uuid, 50, 'schema-test' FROM unnest($1::uuid[]) n RETURNING id`;
    const needId = await newNeed();
    const values = (needs: string[], productId = product.id) => [
      needs,
      productId,
      firm,
      product.bank_id,
    ];
    // One missing need among several rows refuses the whole statement; so does a missing product.
    await refused(
      'foreignKey',
      insertMatches,
      values([needId, '00000000-0000-4000-8000-00000000dead']),
    );
    await refused(
      'foreignKey',
      insertMatches,
      values([needId], '00000000-0000-4000-8000-00000000beef'),
    );
    expect(await db.query(`SELECT id FROM matches WHERE need_id = $1`, [needId])).toEqual([]);

    const [match]: { id: string }[] = await db.query(insertMatches, values([needId]));
    await refused('foreignKey', `UPDATE matches SET need_id = gen_random_uuid() WHERE id = $1`, [
      match.id,
    ]);
    await refused('foreignKey', `UPDATE funding_needs SET id = gen_random_uuid() WHERE id = $1`, [
      needId,
    ]);
    await db.query(`DELETE FROM funding_needs WHERE id = $1`, [needId]);
    expect(await db.query(`SELECT id FROM matches WHERE id = $1`, [match.id])).toEqual([]);

    // A need deleted while a match on it is being written: the delete waits for the writer
    // (the need is locked as a foreign key locks it), then takes the new match with it.
    const raced = await newNeed();
    const writer = db.createQueryRunner();
    await writer.connect();
    try {
      await writer.startTransaction();
      const [written]: { id: string }[] = await writer.query(insertMatches, values([raced]));
      let deleted = false;
      const deleting = db
        .query(`DELETE FROM funding_needs WHERE id = $1`, [raced])
        .then(() => (deleted = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(deleted).toBe(false);
      await writer.commitTransaction();
      await deleting;
      expect(await db.query(`SELECT id FROM matches WHERE id = $1`, [written.id])).toEqual([]);
    } finally {
      if (writer.isTransactionActive) await writer.rollbackTransaction();
      await writer.release();
    }
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
