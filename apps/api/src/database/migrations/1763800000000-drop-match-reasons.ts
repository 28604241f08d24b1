import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Nothing ever wrote `matches.reasons`: the explanation (score components and every rule as
 * required vs actual) is recomputed by libs/matching when a need's matches are read, so it
 * always agrees with the current rules. A column that only ever held '[]' goes.
 */
export class DropMatchReasons1763800000000 implements MigrationInterface {
  name = 'DropMatchReasons1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "matches" DROP COLUMN "reasons"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "matches" ADD "reasons" jsonb NOT NULL DEFAULT '[]'`);
  }
}
