import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A core enterprise may turn down a supplier's claim; the supplier is owed the reason.
 * The check keeps the reason and the time exactly on rejected links, so a rejected link
 * without a reason (or a pending one carrying a stale reason) cannot be written.
 */
export class SupplyLinkRejection1763820000000 implements MigrationInterface {
  name = 'SupplyLinkRejection1763820000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "supply_links" ADD "rejection_reason" character varying(500)`);
    await q.query(`ALTER TABLE "supply_links" ADD "rejected_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(
      `ALTER TABLE "supply_links" ADD CONSTRAINT "supply_links_rejection_complete" CHECK ((("status" = 'rejected') = ("rejection_reason" IS NOT NULL)) AND (("status" = 'rejected') = ("rejected_at" IS NOT NULL)))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "supply_links" DROP CONSTRAINT "supply_links_rejection_complete"`);
    await q.query(`ALTER TABLE "supply_links" DROP COLUMN "rejected_at"`);
    await q.query(`ALTER TABLE "supply_links" DROP COLUMN "rejection_reason"`);
  }
}
