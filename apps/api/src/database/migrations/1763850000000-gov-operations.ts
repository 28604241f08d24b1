import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * What an agency runs besides watching: the lead bank's changes re-match one chain (a
 * `chain.changed` outbox topic), the white list records which officer put a firm on it,
 * and roadshows (一月一链 路演) invite a chain's firms and banks and keep the financing the
 * banks intend per firm (意向融资额).
 */
export class GovOperations1763850000000 implements MigrationInterface {
  name = 'GovOperations1763850000000';
  // ALTER TYPE … ADD VALUE may not be used by later statements of its own transaction.
  transaction = false as const;

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TYPE "matching_topic" ADD VALUE IF NOT EXISTS 'chain.changed'`);
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
    await q.query(`ALTER TABLE "firms" ADD "whitelisted_by_user" uuid`);
    await q.query(
      `ALTER TABLE "firms" ADD CONSTRAINT "firms_whitelisted_by_user_fk" FOREIGN KEY ("whitelisted_by_user") REFERENCES "users"("id") ON DELETE SET NULL`,
    );
    // Firms whitelisted before this column existed: the officer is in the audit trail.
    await q.query(
      `UPDATE "firms" f SET "whitelisted_by_user" = a."actor_user_id"
         FROM (SELECT DISTINCT ON ("entity_id") "entity_id", "actor_user_id" FROM "audit_events"
                WHERE "entity_type" = 'firm' AND "action" = 'whitelist.added'
                ORDER BY "entity_id", "at" DESC, "id" DESC) a
        WHERE a."entity_id" = f."id" AND f."whitelisted"`,
    );

    await q.query(
      `CREATE TABLE "roadshows" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "chain_id" uuid NOT NULL,
        "month" date NOT NULL,
        "title" character varying(200) NOT NULL,
        "venue" character varying(200),
        "note" character varying(1000),
        "region_code" character(6) NOT NULL,
        "organizer_id" uuid NOT NULL,
        "created_by" uuid,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "roadshows_pk" PRIMARY KEY ("id"),
        CONSTRAINT "roadshows_month_first_day" CHECK (EXTRACT(DAY FROM "month") = 1),
        CONSTRAINT "roadshows_region_code_format" CHECK ("region_code" ~ '^[0-9]{6}$'))`,
    );
    // 一月一链: one roadshow per chain and month.
    await q.query(
      `CREATE UNIQUE INDEX "roadshows_chain_month_unique" ON "roadshows" ("chain_id", "month")`,
    );
    await q.query(`CREATE INDEX "roadshows_region_idx" ON "roadshows" ("region_code", "month")`);
    await q.query(
      `ALTER TABLE "roadshows" ADD CONSTRAINT "roadshows_chain_fk" FOREIGN KEY ("chain_id") REFERENCES "chains"("id") ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE "roadshows" ADD CONSTRAINT "roadshows_organizer_fk" FOREIGN KEY ("organizer_id") REFERENCES "organizations"("id") ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE "roadshows" ADD CONSTRAINT "roadshows_created_by_fk" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL`,
    );

    // Why each party was invited, as it stood when the roadshow was created.
    await q.query(
      `CREATE TABLE "roadshow_invitations" (
        "roadshow_id" uuid NOT NULL,
        "org_id" uuid NOT NULL,
        "kind" character varying(10) NOT NULL,
        "lead_bank" boolean NOT NULL DEFAULT false,
        "matched_firms" integer NOT NULL DEFAULT 0,
        "open_needs" integer NOT NULL DEFAULT 0,
        "open_need_amount" bigint NOT NULL DEFAULT 0,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "roadshow_invitations_pk" PRIMARY KEY ("roadshow_id", "org_id"),
        CONSTRAINT "roadshow_invitations_kind" CHECK (
          ("kind" = 'firm' AND NOT "lead_bank" AND "matched_firms" = 0 AND "open_needs" >= 0 AND "open_need_amount" >= 0)
          OR ("kind" = 'bank' AND "open_needs" = 0 AND "open_need_amount" = 0 AND "matched_firms" >= 0)))`,
    );
    await q.query(
      `CREATE INDEX "roadshow_invitations_org_idx" ON "roadshow_invitations" ("org_id")`,
    );
    await q.query(
      `ALTER TABLE "roadshow_invitations" ADD CONSTRAINT "roadshow_invitations_roadshow_fk" FOREIGN KEY ("roadshow_id") REFERENCES "roadshows"("id") ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE "roadshow_invitations" ADD CONSTRAINT "roadshow_invitations_org_fk" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE`,
    );

    // 意向融资额: whole yuan a bank intends to lend an invited firm; both must be invited.
    await q.query(
      `CREATE TABLE "roadshow_intents" (
        "roadshow_id" uuid NOT NULL,
        "firm_id" uuid NOT NULL,
        "bank_id" uuid NOT NULL,
        "amount" bigint NOT NULL,
        "note" character varying(500),
        "recorded_by" uuid,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "roadshow_intents_pk" PRIMARY KEY ("roadshow_id", "firm_id", "bank_id"),
        CONSTRAINT "roadshow_intents_amount_positive" CHECK ("amount" > 0),
        CONSTRAINT "roadshow_intents_parties_differ" CHECK ("firm_id" <> "bank_id"))`,
    );
    await q.query(`CREATE INDEX "roadshow_intents_bank_idx" ON "roadshow_intents" ("bank_id")`);
    await q.query(
      `ALTER TABLE "roadshow_intents" ADD CONSTRAINT "roadshow_intents_firm_invited_fk" FOREIGN KEY ("roadshow_id", "firm_id") REFERENCES "roadshow_invitations"("roadshow_id", "org_id") ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE "roadshow_intents" ADD CONSTRAINT "roadshow_intents_bank_invited_fk" FOREIGN KEY ("roadshow_id", "bank_id") REFERENCES "roadshow_invitations"("roadshow_id", "org_id") ON DELETE CASCADE`,
    );
    await q.query(
      `ALTER TABLE "roadshow_intents" ADD CONSTRAINT "roadshow_intents_recorded_by_fk" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE SET NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.startTransaction();
    try {
      await q.query(`DROP TABLE "roadshow_intents"`);
      await q.query(`DROP TABLE "roadshow_invitations"`);
      await q.query(`DROP TABLE "roadshows"`);
      await q.query(`ALTER TABLE "firms" DROP CONSTRAINT "firms_whitelisted_by_user_fk"`);
      await q.query(`ALTER TABLE "firms" DROP COLUMN "whitelisted_by_user"`);
      // Postgres cannot drop one value of an enum: rebuild the type without 'chain.changed'.
      // A pending chain note becomes the full rematch it replaced.
      await q.query(
        `UPDATE "outbox_events" SET "topic" = 'rematch.all', "entity_id" = NULL WHERE "topic" = 'chain.changed'`,
      );
      await q.query(`DELETE FROM "matching_jobs" WHERE "topic" = 'chain.changed'`);
      await q.query(`ALTER TYPE "matching_topic" RENAME TO "matching_topic_old"`);
      await q.query(
        `CREATE TYPE "matching_topic" AS ENUM ('need.changed', 'product.changed', 'firm.changed', 'rematch.all')`,
      );
      for (const table of ['outbox_events', 'matching_jobs']) {
        await q.query(
          `ALTER TABLE "${table}" ALTER COLUMN "topic" TYPE "matching_topic" USING "topic"::text::"matching_topic"`,
        );
      }
      await q.query(`DROP TYPE "matching_topic_old"`);
      await q.commitTransaction();
    } catch (err) {
      await q.rollbackTransaction();
      throw err;
    }
  }
}
