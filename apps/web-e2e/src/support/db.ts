import { Client } from 'pg';
import { e2eDatabaseUrl } from './stack';

/**
 * Runs `fn` on a connection to the suite's database, for setting up what no API route
 * creates yet. Writes that the API would make through a service (a notice and its
 * pg_notify) must be made the same way here, inside one transaction.
 */
export async function withDatabase<T>(fn: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: e2eDatabaseUrl() });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

/** In one transaction: the notice to every active user of the organisation, and the wake-up on commit. */
export async function notifyOrg(
  orgId: string,
  notice: { kind: string; matchId?: string | null; params?: Record<string, string | number | null> },
): Promise<void> {
  await withDatabase(async (db) => {
    await db.query('BEGIN');
    try {
      const { rows } = await db.query<{ user_id: string }>(
        `INSERT INTO notifications (user_id, kind, match_id, params)
         SELECT id, $2, $3, $4::jsonb FROM users WHERE organization_id = $1 AND disabled_at IS NULL
         RETURNING user_id`,
        [orgId, notice.kind, notice.matchId ?? null, JSON.stringify(notice.params ?? {})],
      );
      // The channel NotificationsService notifies (apps/api …/notifications.service.ts).
      for (const { user_id } of rows) await db.query("SELECT pg_notify('lianrong_notifications', $1)", [user_id]);
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    }
  });
}
