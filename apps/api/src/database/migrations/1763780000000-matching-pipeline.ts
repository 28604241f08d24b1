import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The matching pipeline: a transactional outbox (a change and its "rematch me" note commit
 * together, so no change is lost while Redis is away), the jobs users may follow, and on
 * each match which view(s) keep it.
 */
export class MatchingPipeline1763780000000 implements MigrationInterface {
  name = 'MatchingPipeline1763780000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE "public"."matching_topic" AS ENUM('need.changed', 'product.changed', 'firm.changed', 'rematch.all')`,
    );
    await q.query(`
      CREATE TABLE "outbox_events" (
        "id" BIGSERIAL PRIMARY KEY,
        "topic" "public"."matching_topic" NOT NULL,
        "entity_id" uuid,
        "job_id" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE "matching_jobs" (
        "id" uuid PRIMARY KEY,
        "topic" "public"."matching_topic" NOT NULL,
        "entity_id" uuid,
        "owner_org_id" uuid NOT NULL REFERENCES "organizations"("id") ON DELETE CASCADE,
        "queue_job_id" varchar(200),
        "result" jsonb,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX "matching_jobs_entity_idx" ON "matching_jobs" ("entity_id", "created_at")`,
    );
    await q.query(`ALTER TABLE "matches" ADD "in_need_top" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "matches" ADD "in_product_top" boolean NOT NULL DEFAULT false`);
    // Which full rematch last confirmed the row in each view; rows a run did not confirm drop out.
    await q.query(`ALTER TABLE "matches" ADD "need_run" varchar(64)`);
    await q.query(`ALTER TABLE "matches" ADD "product_run" varchar(64)`);
    // Bumped with every change to what the needs' side of matching reads, so workers know their cache is stale.
    await q.query(`CREATE SEQUENCE "matching_data_seq"`);
    // The officer's view is read and maintained through this partial index; the older full
    // (product_id, score) index only slowed every upsert down.
    await q.query(`DROP INDEX "public"."matches_product_rank_idx"`);
    await q.query(
      `CREATE INDEX "matches_product_top_idx" ON "matches" ("product_id", "score" DESC) WHERE "in_product_top"`,
    );
    await q.query(
      `CREATE INDEX "matches_product_worked_idx" ON "matches" ("product_id") WHERE status <> 'suggested'`,
    );
    // Size of each product's officer's view, so placing one need does not count a thousand rows per product.
    await q.query(`
      CREATE TABLE "product_views" (
        "product_id" uuid PRIMARY KEY REFERENCES "loan_products"("id") ON DELETE CASCADE,
        "size" integer NOT NULL DEFAULT 0 CHECK ("size" >= 0)
      )`);
    await q.query(
      `CREATE INDEX "funding_needs_firm_status_idx" ON "funding_needs" ("firm_id") WHERE status = 'open'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."funding_needs_firm_status_idx"`);
    await q.query(`DROP TABLE "product_views"`);
    await q.query(`DROP INDEX "public"."matches_product_worked_idx"`);
    await q.query(`DROP INDEX "public"."matches_product_top_idx"`);
    await q.query(`CREATE INDEX "matches_product_rank_idx" ON "matches" ("product_id", "score")`);
    await q.query(`DROP SEQUENCE "matching_data_seq"`);
    await q.query(`ALTER TABLE "matches" DROP COLUMN "product_run"`);
    await q.query(`ALTER TABLE "matches" DROP COLUMN "need_run"`);
    await q.query(`ALTER TABLE "matches" DROP COLUMN "in_product_top"`);
    await q.query(`ALTER TABLE "matches" DROP COLUMN "in_need_top"`);
    await q.query(`DROP TABLE "matching_jobs"`);
    await q.query(`DROP TABLE "outbox_events"`);
    await q.query(`DROP TYPE "public"."matching_topic"`);
  }
}
