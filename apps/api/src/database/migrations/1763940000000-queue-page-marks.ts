import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The tables an officer's queue page shows beyond those its counts read (queue_count_marks:
 * matches, firms, organizations, chain_members): the product's name, the need, the chains'
 * names and the financial years behind the suggested line.
 */
export const QUEUE_PAGE_SOURCES = [
  'loan_products',
  'funding_needs',
  'chains',
  'financial_years',
] as const;

/**
 * Marks like queue_count_marks (migration 1763910000000), for the rest of what a queue page
 * shows: a kept page is handed out again only while neither table holds a mark its snapshot
 * does not see (QueueReads). A separate table, so that a need posted or a year of accounts
 * entered does not make every kept count be counted again.
 */
export class QueuePageMarks1763940000000 implements MigrationInterface {
  name = 'QueuePageMarks1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "queue_page_marks" (
        "xid" xid8 NOT NULL DEFAULT pg_current_xact_id(),
        "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX "queue_page_marks_xid_idx" ON "queue_page_marks" ("xid")`);
    await q.query(`CREATE INDEX "queue_page_marks_at_idx" ON "queue_page_marks" ("at")`);
    await q.query(`
      CREATE FUNCTION "queue_page_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO queue_page_marks (xid)
        SELECT pg_current_xact_id()
         WHERE NOT EXISTS (SELECT 1 FROM queue_page_marks WHERE xid = pg_current_xact_id());
        RETURN NULL;
      END $$`);
    for (const table of QUEUE_PAGE_SOURCES) {
      await q.query(
        `CREATE TRIGGER "${table}_queue_page" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION "queue_page_changed"()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of QUEUE_PAGE_SOURCES) {
      await q.query(`DROP TRIGGER "${table}_queue_page" ON "${table}"`);
    }
    await q.query(`DROP FUNCTION "queue_page_changed"()`);
    await q.query(`DROP TABLE "queue_page_marks"`);
  }
}
