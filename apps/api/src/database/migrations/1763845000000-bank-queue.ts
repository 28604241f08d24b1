import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The officer's queue (GET /bank/matches) pages a bank's rows by keyset in two orders: best
 * score first, and longest-waiting application first. Its rows are the officer's view of
 * each product plus every worked match — `in_product_top OR status <> 'suggested'`, a small
 * share of a bank's pairs (the firms' top-K views bring in many more it never shows).
 *
 * Without these indexes Postgres reads every match of the bank (matches_bank_status_idx),
 * drops those outside the queue and sorts: on 100k synthetic firms ~250 ms and ~21,000 heap
 * pages for any page, first or deep. Each index below holds exactly the queue's rows of a
 * bank in one order, with the id that breaks ties, so a page is an index range walked from
 * the cursor for limit rows. The sort keys are expressions because a keyset cursor cannot
 * compare NULLs: a missing score (never for an eligible pair) sorts as -1, and a match
 * nobody applied for has waited "infinitely" little, i.e. sorts last.
 *
 * The INCLUDEd columns are everything the filters and the counts per status read from a
 * match, so Postgres answers them from the index alone (an index-only scan) instead of
 * visiting the heap row by row: with 1M firms (a 46,000-row queue) the counts fell from
 * ~1.4 s (28,000 heap pages) to ~35 ms, and a page filtered down to a few rows from ~850 ms
 * to ~150 ms; first and deep pages take 5–40 ms. apps/api/bench/bank-queue.explain.ts
 * prints the figures. The existing matches_bank_worked_idx still serves status-first
 * lookups (the planner takes it for the overdue filter) and stays.
 */
export class BankQueue1763845000000 implements MigrationInterface {
  name = 'BankQueue1763845000000';

  async up(q: QueryRunner): Promise<void> {
    const covered = `INCLUDE ("score", "status", "product_id", "firm_id", "applied_at", "first_response_at") WHERE "in_product_top" OR "status" <> 'suggested'`;
    await q.query(
      `CREATE INDEX "matches_bank_queue_score_idx" ON "matches" ("bank_id", (COALESCE("score", -1)), "id") ${covered}`,
    );
    await q.query(
      `CREATE INDEX "matches_bank_queue_waiting_idx" ON "matches" ("bank_id", (COALESCE("applied_at", 'infinity'::timestamptz)), "id") ${covered}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "matches_bank_queue_waiting_idx"`);
    await q.query(`DROP INDEX "matches_bank_queue_score_idx"`);
  }
}
