import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * `matches` keeps a firm's and a bank's rows indexed only where something reads them by
 * firm or bank: the worked matches and the officers' queues, `in_product_top OR status <>
 * 'suggested'`. The firms' own top-K suggestions, almost every row, are read by need
 * (the unique (need_id, product_id) index) and by product (matches_product_top_idx).
 *
 * A full rematch writes 10–13M rows, and keeping indexes up to date was ~77% of its write
 * time. Two of them held every row for reads that never wanted most of them:
 * - matches_firm_idx (firm_id): every firm-side read by firm_id is of worked or queue rows
 *   (the firm's applications, the bank's view of a firm, the chain page, the dashboard
 *   facts, lead banks, roadshow figures). It becomes matches_firm_queue_idx, the same key
 *   under the queue's condition. The reads that want every match of a firm (whether a bank
 *   sees a firm, whether a firm sees a product, the banks a roadshow invites) go through
 *   the firm's needs: funding_needs_firm_idx, then the (need_id, product_id) index.
 * - matches_bank_status_idx (bank_id, status): a bank's rows are read as its queue
 *   (matches_bank_queue_score_idx / _waiting_idx) or as its worked matches
 *   (matches_bank_worked_idx). It goes.
 * firm_id and bank_id are not foreign keys: deleting a firm or a bank reaches matches
 * through funding_needs and loan_products (need_id, product_id), so no delete needs them.
 *
 * Measured: COPY of 3M rows, as a full rematch writes them (10 per need, in need order,
 * ascending ids, 300k firms, 100 banks, 3% in_product_top), into an empty table shaped like
 * matches, the two index sets alternating in one run, twice each: 23.2 s and 26.2 s with
 * the old set, 14.6 s and 15.9 s with this one; a second run 21.5 s and 22.7 s against
 * 13.4 s and 15.9 s — a third to two fifths less. Without any firm index it was no faster
 * (13.7 s, 14.1 s). Per 3M rows the two dropped indexes weigh 33 MB and 19 MB, the new one
 * 3.3 MB. On 1.4M synthetic matches (100k firms) every rewritten read is as fast or faster
 * than before (whether a bank sees a firm 0.05 ms, a chain's lead-bank rows 6 → 0.8 ms, a
 * roadshow's banks 40 → 25 ms), and no request reads a firm's or a bank's suggestions by a
 * scan (only bench:bank-queue, picking its sample chain, now reads the table once).
 */
export class MatchesLeanIndexes1763900000000 implements MigrationInterface {
  name = 'MatchesLeanIndexes1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "matches_firm_queue_idx" ON "matches" ("firm_id") WHERE "in_product_top" OR "status" <> 'suggested'`,
    );
    await q.query(`DROP INDEX "matches_firm_idx"`);
    await q.query(`DROP INDEX "matches_bank_status_idx"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "matches_bank_status_idx" ON "matches" ("bank_id", "status")`);
    await q.query(`CREATE INDEX "matches_firm_idx" ON "matches" ("firm_id")`);
    await q.query(`DROP INDEX "matches_firm_queue_idx"`);
  }
}
