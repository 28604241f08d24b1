import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Notices by match. Deleting a match (the matching worker drops suggestions that fell out
 * of the ranking) cascades to its notices, and without an index each deleted match would
 * scan the whole table; the overdue check also asks per application whether its episode
 * (the dedupe key) has been told already.
 */
export class NoticeMatchIndex1763840000000 implements MigrationInterface {
  name = 'NoticeMatchIndex1763840000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "notifications_match_idx" ON "notifications" ("match_id", "dedupe_key") WHERE "match_id" IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "notifications_match_idx"`);
  }
}
