import { Injectable } from '@nestjs/common';
import type { NotificationKind } from '../../common/domain-enums';
import type { SqlRunner } from '../../outbox/outbox.service';

/** Postgres channel on which a committed notice wakes the API processes holding open streams. */
export const NOTIFICATIONS_CHANNEL = 'lianrong_notifications';

export type NotificationParams = Record<string, string | number | null>;

export interface NewNotification {
  kind: NotificationKind;
  matchId?: string | null;
  params?: NotificationParams;
  /** A notice with a key reaches each user at most once (an application gone overdue). */
  dedupeKey?: string;
}

/**
 * Writes notices inside the caller's transaction: a move and the notices it causes commit
 * or roll back together, and `pg_notify` only delivers on commit, so an open page never
 * hears of a move that did not happen.
 */
@Injectable()
export class NotificationsService {
  /** To every active user of an organisation (a bank's officers, a firm's staff). */
  async notifyOrg(em: SqlRunner, orgId: string, notice: NewNotification): Promise<void> {
    await this.insert(
      em,
      'SELECT id FROM users WHERE organization_id = $1 AND disabled_at IS NULL',
      [orgId],
      notice,
    );
  }

  async notifyUser(em: SqlRunner, userId: string, notice: NewNotification): Promise<void> {
    await this.insert(em, 'SELECT $1::uuid AS id', [userId], notice);
  }

  private async insert(
    em: SqlRunner,
    recipients: string,
    recipientParams: unknown[],
    notice: NewNotification,
  ): Promise<void> {
    const n = recipientParams.length;
    const rows = (await em.query(
      `INSERT INTO notifications (user_id, kind, match_id, params, dedupe_key)
       SELECT r.id, $${n + 1}, $${n + 2}, $${n + 3}::jsonb, $${n + 4} FROM (${recipients}) r
       ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
       RETURNING user_id`,
      [
        ...recipientParams,
        notice.kind,
        notice.matchId ?? null,
        JSON.stringify(notice.params ?? {}),
        notice.dedupeKey ?? null,
      ],
    )) as { user_id: string }[];
    for (const { user_id } of rows) {
      await em.query('SELECT pg_notify($1, $2)', [NOTIFICATIONS_CHANNEL, user_id]);
    }
  }
}
