import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** The tables an officer's queue counts read: its rows, and the firm facts its filters test. */
export const QUEUE_COUNT_SOURCES = ['matches', 'firms', 'organizations', 'chain_members'] as const;

/**
 * Every transaction that writes a table the officer's queue counts read leaves one mark,
 * in that transaction, carrying its transaction id. An API process keeps a count with the
 * snapshot it was counted in (`pg_current_snapshot()`), and hands it out again only while
 * no mark exists that the snapshot does not see: a mark's transaction committed after the
 * count. A counter bumped by the writers could not do this: a sequence moves before its
 * transaction commits (a count taken meanwhile would be kept under the new value, stale),
 * and one version row updated by every writer would be a lock they all queue on, across
 * the rematch's long shard transactions.
 *
 * Marks are inserted, never updated, so writers never wait on each other for them; the
 * API deletes old ones (QueueReadsCache).
 */
export class QueueCountMarks1763910000000 implements MigrationInterface {
  name = 'QueueCountMarks1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "queue_count_marks" (
        "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX "queue_count_marks_xid_idx" ON "queue_count_marks" ("xid")`);
    await q.query(`CREATE INDEX "queue_count_marks_at_idx" ON "queue_count_marks" ("at")`);
    // One mark per transaction, however many statements it runs.
    await q.query(`
      CREATE FUNCTION "queue_counts_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO queue_count_marks (xid)
        SELECT pg_current_xact_id()
         WHERE NOT EXISTS (SELECT 1 FROM queue_count_marks WHERE xid = pg_current_xact_id());
        RETURN NULL;
      END $$`);
    for (const table of QUEUE_COUNT_SOURCES) {
      await q.query(
        `CREATE TRIGGER "${table}_queue_counts" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION "queue_counts_changed"()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of QUEUE_COUNT_SOURCES) {
      await q.query(`DROP TRIGGER "${table}_queue_counts" ON "${table}"`);
    }
    await q.query(`DROP FUNCTION "queue_counts_changed"()`);
    await q.query(`DROP TABLE "queue_count_marks"`);
  }
}
