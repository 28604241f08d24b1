import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The loan loop: a match worked from application to disbursement, every move an event,
 * maker-checker terms, the bank's limits, and the notifications the parties receive.
 * The checks keep a match's terms consistent with its status in the database itself, so a
 * half-applied move cannot be stored even by a faulty writer.
 */
export class LoanLoop1763830000000 implements MigrationInterface {
  name = 'LoanLoop1763830000000';
  // ALTER TYPE … ADD VALUE may not be used by later statements of its own transaction.
  transaction = false as const;

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TYPE "match_status" ADD VALUE IF NOT EXISTS 'pending_approval' AFTER 'in_review'`,
    );
    await q.startTransaction();
    try {
      await this.upTables(q);
      await q.commitTransaction();
    } catch (err) {
      await q.rollbackTransaction();
      throw err;
    }
  }

  private async upTables(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "organizations" ADD "approval_limit" bigint`);
    await q.query(`ALTER TABLE "organizations" ADD "response_days" smallint NOT NULL DEFAULT 5`);
    await q.query(
      `ALTER TABLE "organizations" ADD CONSTRAINT "organizations_loan_limits" CHECK (("approval_limit" IS NULL OR "approval_limit" >= 0) AND "response_days" BETWEEN 1 AND 60)`,
    );

    await q.query(`ALTER TABLE "matches" ADD "version" integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE "matches" ADD "applied_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "matches" ADD "first_response_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "matches" ADD "credit_check_consent_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "matches" ADD "referred_from_match_id" uuid`);
    await q.query(`ALTER TABLE "matches" ADD "proposed_amount" bigint`);
    await q.query(`ALTER TABLE "matches" ADD "proposed_rate_bps" integer`);
    await q.query(`ALTER TABLE "matches" ADD "proposed_term_months" smallint`);
    await q.query(`ALTER TABLE "matches" ADD "proposed_by" uuid`);
    await q.query(`ALTER TABLE "matches" ADD "approved_rate_bps" integer`);
    await q.query(`ALTER TABLE "matches" ADD "approved_term_months" smallint`);
    await q.query(`ALTER TABLE "matches" ADD "approved_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "matches" ADD "decline_note" character varying(1000)`);
    await q.query(
      `ALTER TABLE "matches" ADD CONSTRAINT "matches_referred_from_fk" FOREIGN KEY ("referred_from_match_id") REFERENCES "matches"("id") ON DELETE SET NULL`,
    );
    await q.query(
      `ALTER TABLE "matches" ADD CONSTRAINT "matches_proposed_by_fk" FOREIGN KEY ("proposed_by") REFERENCES "users"("id") ON DELETE SET NULL`,
    );
    await q.query(
      `ALTER TABLE "matches" ADD CONSTRAINT "matches_loan_terms" CHECK (
        ("status" <> 'pending_approval' OR ("proposed_amount" IS NOT NULL AND "proposed_rate_bps" IS NOT NULL AND "proposed_term_months" IS NOT NULL))
        AND ("status" NOT IN ('approved', 'disbursed') OR ("approved_amount" IS NOT NULL AND "approved_rate_bps" IS NOT NULL AND "approved_term_months" IS NOT NULL AND "approved_at" IS NOT NULL))
        AND ("status" <> 'disbursed' OR ("disbursed_amount" IS NOT NULL AND "disbursed_at" IS NOT NULL))
        AND ("disbursed_amount" IS NULL OR "disbursed_amount" <= "approved_amount")
        AND ("proposed_amount" IS NULL OR "proposed_amount" > 0)
        AND ("approved_amount" IS NULL OR "approved_amount" > 0)
        AND ("status" <> 'declined' OR "decline_reason" IS NOT NULL)
        AND ("version" >= 1))`,
    );
    await q.query(
      `ALTER TABLE "matches" ADD CONSTRAINT "matches_decline_reason_known" CHECK ("decline_reason" IS NULL OR "decline_reason" IN ('collateral_insufficient', 'debt_too_high', 'credit_record', 'outside_policy', 'documents_missing', 'other'))`,
    );
    // Deleting a match sets these references to null: without an index each deleted row scans the table.
    await q.query(
      `CREATE INDEX "matches_referred_from_idx" ON "matches" ("referred_from_match_id") WHERE "referred_from_match_id" IS NOT NULL`,
    );
    // The officer's queue: a bank's worked matches and applications, newest or longest waiting first.
    await q.query(
      `CREATE INDEX "matches_bank_worked_idx" ON "matches" ("bank_id", "status", "applied_at", "id") WHERE "status" <> 'suggested'`,
    );

    await q.query(
      `CREATE TABLE "match_events" ("id" BIGSERIAL NOT NULL, "match_id" uuid NOT NULL, "kind" character varying(30) NOT NULL, "actor_user_id" uuid, "actor_org_id" uuid, "from_status" "match_status", "to_status" "match_status" NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "amount" bigint, "rate_bps" integer, "term_months" smallint, "occurred_on" date, "reason_code" character varying(40), "note" character varying(1000), "credit_check_consent" boolean NOT NULL DEFAULT false, "referred_from_match_id" uuid, CONSTRAINT "match_events_pk" PRIMARY KEY ("id"), CONSTRAINT "match_events_kind_known" CHECK ("kind" IN ('transition', 'documents_requested', 'drawdown')), CONSTRAINT "match_events_amount_positive" CHECK ("amount" IS NULL OR "amount" > 0))`,
    );
    await q.query(
      `CREATE INDEX "match_events_match_idx" ON "match_events" ("match_id", "at", "id")`,
    );
    await q.query(`CREATE INDEX "match_events_at_idx" ON "match_events" ("at")`);
    await q.query(
      `CREATE INDEX "match_events_referred_from_idx" ON "match_events" ("referred_from_match_id") WHERE "referred_from_match_id" IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "match_events" ADD CONSTRAINT "match_events_match_fk" FOREIGN KEY ("match_id") REFERENCES "matches"("id") ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE "match_events" ADD CONSTRAINT "match_events_actor_fk" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE SET NULL`,
    );
    await q.query(
      `ALTER TABLE "match_events" ADD CONSTRAINT "match_events_referred_from_fk" FOREIGN KEY ("referred_from_match_id") REFERENCES "matches"("id") ON DELETE SET NULL`,
    );

    await q.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" character varying(40) NOT NULL, "match_id" uuid, "params" jsonb NOT NULL DEFAULT '{}', "dedupe_key" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "notifications_pk" PRIMARY KEY ("id"))`,
    );
    await q.query(
      `CREATE INDEX "notifications_user_idx" ON "notifications" ("user_id", "created_at", "id")`,
    );
    await q.query(
      `CREATE INDEX "notifications_unread_idx" ON "notifications" ("user_id") WHERE "read_at" IS NULL`,
    );
    // Some notices (an application gone overdue) must reach a user once, however often the check runs.
    await q.query(
      `CREATE UNIQUE INDEX "notifications_dedupe_unique" ON "notifications" ("user_id", "dedupe_key") WHERE "dedupe_key" IS NOT NULL`,
    );
    await q.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "notifications_match_fk" FOREIGN KEY ("match_id") REFERENCES "matches"("id") ON DELETE CASCADE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.startTransaction();
    try {
      await q.query(`DROP TABLE "notifications"`);
      await q.query(`DROP TABLE "match_events"`);
      await q.query(`DROP INDEX "matches_bank_worked_idx"`);
      await q.query(`DROP INDEX "matches_referred_from_idx"`);
      await q.query(`ALTER TABLE "matches" DROP CONSTRAINT "matches_decline_reason_known"`);
      await q.query(`ALTER TABLE "matches" DROP CONSTRAINT "matches_loan_terms"`);
      await q.query(`ALTER TABLE "matches" DROP CONSTRAINT "matches_proposed_by_fk"`);
      await q.query(`ALTER TABLE "matches" DROP CONSTRAINT "matches_referred_from_fk"`);
      for (const column of [
        'decline_note',
        'approved_at',
        'approved_term_months',
        'approved_rate_bps',
        'proposed_by',
        'proposed_term_months',
        'proposed_rate_bps',
        'proposed_amount',
        'referred_from_match_id',
        'credit_check_consent_at',
        'first_response_at',
        'applied_at',
        'version',
      ]) {
        await q.query(`ALTER TABLE "matches" DROP COLUMN "${column}"`);
      }
      await q.query(`ALTER TABLE "organizations" DROP CONSTRAINT "organizations_loan_limits"`);
      await q.query(`ALTER TABLE "organizations" DROP COLUMN "response_days"`);
      await q.query(`ALTER TABLE "organizations" DROP COLUMN "approval_limit"`);
      // Postgres cannot drop one value of an enum: rebuild the type without 'pending_approval'.
      await q.query(
        `UPDATE "matches" SET "status" = 'in_review' WHERE "status" = 'pending_approval'`,
      );
      // An index predicate compares against the old type's literal: rebuild it with the type.
      await q.query(`DROP INDEX "matches_product_worked_idx"`);
      await q.query(`ALTER TYPE "match_status" RENAME TO "match_status_old"`);
      await q.query(
        `CREATE TYPE "match_status" AS ENUM ('suggested', 'applied', 'contacted', 'in_review', 'approved', 'disbursed', 'declined', 'withdrawn')`,
      );
      await q.query(`ALTER TABLE "matches" ALTER COLUMN "status" DROP DEFAULT`);
      await q.query(
        `ALTER TABLE "matches" ALTER COLUMN "status" TYPE "match_status" USING "status"::text::"match_status"`,
      );
      await q.query(`ALTER TABLE "matches" ALTER COLUMN "status" SET DEFAULT 'suggested'`);
      await q.query(`DROP TYPE "match_status_old"`);
      await q.query(
        `CREATE INDEX "matches_product_worked_idx" ON "matches" ("product_id") WHERE status <> 'suggested'`,
      );
      await q.commitTransaction();
    } catch (err) {
      await q.rollbackTransaction();
      throw err;
    }
  }
}
