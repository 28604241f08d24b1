import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Sessions to the banks' rules: a refresh-token family remembers when it began, so the session
 * ends 12 hours after sign-in however active it stays; a user's token version, carried in every
 * access token, lets "sign out everywhere", disabling a user or forcing a password reset stop
 * tokens already handed out; a forced reset is remembered until the user sets a new password.
 */
export class SessionLimits1763880000000 implements MigrationInterface {
  name = 'SessionLimits1763880000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "refresh_tokens" ADD "family_started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await q.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
    await q.query(
      `ALTER TABLE "users" ADD "password_reset_required" boolean NOT NULL DEFAULT false`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" DROP COLUMN "password_reset_required"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
    await q.query(`ALTER TABLE "refresh_tokens" DROP COLUMN "family_started_at"`);
  }
}
