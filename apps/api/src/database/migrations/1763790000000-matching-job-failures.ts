import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A followed job that fails for good says so, with the reason, instead of leaving its
 * follower waiting: BullMQ forgets failed jobs after a while, the table does not.
 */
export class MatchingJobFailures1763790000000 implements MigrationInterface {
  name = 'MatchingJobFailures1763790000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "matching_jobs" ADD "failed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "matching_jobs" ADD "failure" text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "matching_jobs" DROP COLUMN "failure"`);
    await q.query(`ALTER TABLE "matching_jobs" DROP COLUMN "failed_at"`);
  }
}
