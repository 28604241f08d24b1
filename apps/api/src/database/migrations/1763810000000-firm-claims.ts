import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Facts that decide eligibility (tier, chain and role, region, industry, years in niche)
 * are claimed by the firm and confirmed by an agency; each claim keeps who decided and when.
 * A firm has at most one pending claim of each kind.
 */
export class FirmClaims1763810000000 implements MigrationInterface {
  name = 'FirmClaims1763810000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TYPE "public"."firm_claim_kind" AS ENUM('tier', 'chain', 'region', 'industry', 'years_in_niche')`,
    );
    await q.query(
      `CREATE TYPE "public"."firm_claim_status" AS ENUM('pending', 'confirmed', 'rejected')`,
    );
    await q.query(`
      CREATE TABLE "firm_claims" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "firm_id" uuid NOT NULL REFERENCES "firms"("id") ON DELETE CASCADE,
        "kind" "public"."firm_claim_kind" NOT NULL,
        "tier" "public"."firm_tier",
        "tier_year" smallint,
        "certificate_no" character varying(64),
        "chain_id" uuid REFERENCES "chains"("id") ON DELETE CASCADE,
        "chain_role" "public"."chain_role",
        "region_code" character(6),
        "industry_code" character varying(5),
        "years_in_niche" smallint,
        "status" "public"."firm_claim_status" NOT NULL DEFAULT 'pending',
        "reason" character varying(500),
        "decided_by" uuid REFERENCES "users"("id") ON DELETE SET NULL,
        "decided_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_firm_claims" PRIMARY KEY ("id"),
        CONSTRAINT "firm_claims_values" CHECK (
          ("kind" <> 'tier' OR ("tier" IS NOT NULL AND "tier" <> 'none' AND "tier_year" IS NOT NULL AND "certificate_no" IS NOT NULL))
          AND ("kind" <> 'chain' OR ("chain_id" IS NOT NULL AND "chain_role" IS NOT NULL))
          AND ("kind" <> 'region' OR "region_code" IS NOT NULL)
          AND ("kind" <> 'industry' OR "industry_code" ~ '^[A-T][0-9]{2,4}$')
          AND ("kind" <> 'years_in_niche' OR "years_in_niche" BETWEEN 0 AND 200)),
        CONSTRAINT "firm_claims_decision" CHECK (
          ("status" = 'pending') = ("decided_at" IS NULL)
          AND ("status" <> 'rejected' OR "reason" IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX "firm_claims_one_pending" ON "firm_claims" ("firm_id", "kind") WHERE "status" = 'pending'`,
    );
    await q.query(`CREATE INDEX "firm_claims_firm_idx" ON "firm_claims" ("firm_id", "created_at")`);
    await q.query(
      `CREATE INDEX "firm_claims_pending_idx" ON "firm_claims" ("created_at") WHERE "status" = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "firm_claims"`);
    await q.query(`DROP TYPE "public"."firm_claim_status"`);
    await q.query(`DROP TYPE "public"."firm_claim_kind"`);
  }
}
