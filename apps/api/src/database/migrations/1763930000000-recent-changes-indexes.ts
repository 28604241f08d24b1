import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Each shard of a full rematch first asks which of its needs changed after the ranking read
 * them (the need, its firm or the firm's financials): those are left to their own
 * need.changed job. Without an index on the times, that question joined every need of the
 * shard to its firm and probed the firm's financial years, one shard after another: at
 * 1M open needs it was the largest single item of a rematch that changed nothing
 * (bench:pipeline, sampled from pg_stat_activity). With these, each shard reads only the
 * rows written since the read, usually none.
 */
export class RecentChangesIndexes1763930000000 implements MigrationInterface {
  name = 'RecentChangesIndexes1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "funding_needs_updated_idx" ON "funding_needs" ("updated_at")`);
    await q.query(`CREATE INDEX "firms_updated_idx" ON "firms" ("updated_at")`);
    await q.query(`CREATE INDEX "financial_years_updated_idx" ON "financial_years" ("updated_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "financial_years_updated_idx"`);
    await q.query(`DROP INDEX "firms_updated_idx"`);
    await q.query(`DROP INDEX "funding_needs_updated_idx"`);
  }
}
