import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A full rematch no longer stamps every row it confirms with its run id: each shard
 * compares the stored rows of its range of needs with the ranking and writes only the
 * differences, so the range itself is what a shard confirms. The run columns go, and
 * with them a rewrite of every stored row per rematch.
 */
export class RematchWritesDifferences1763862000000 implements MigrationInterface {
  name = 'RematchWritesDifferences1763862000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "matches" DROP COLUMN "need_run"`);
    await q.query(`ALTER TABLE "matches" DROP COLUMN "product_run"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "matches" ADD "product_run" varchar(64)`);
    await q.query(`ALTER TABLE "matches" ADD "need_run" varchar(64)`);
  }
}
