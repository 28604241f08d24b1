import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import type { NotificationKind } from '../../common/domain-enums';
import { badRequest, notFound } from '../../common/http/api-error';
import type { SqlRunner } from '../../outbox/outbox.service';
import { NOTIFICATIONS_CHANNEL, type NotificationParams } from './notifications.service';

export interface NoticeMatchView {
  id: string;
  needId: string;
  productId: string;
  productName: string;
  bankName: string;
  firmName: string;
}

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  match: NoticeMatchView | null;
  params: NotificationParams;
  createdAt: Date;
  readAt: Date | null;
}

export interface NotificationListView {
  items: NotificationView[];
  unreadCount: number;
  nextBefore: string | null;
}

export interface UnreadCountView {
  unreadCount: number;
}

export interface NotificationStreamEvent {
  unreadCount: number;
  latest: NotificationView | null;
}

interface NoticeRow {
  id: string;
  kind: NotificationKind;
  params: NotificationParams;
  created_at: Date;
  read_at: Date | null;
  match_id: string | null;
  need_id: string | null;
  product_id: string | null;
  product_name: string | null;
  bank_name: string | null;
  firm_name: string | null;
}

export const DEFAULT_PAGE = 20;

// The match is joined as it stands now: names a notice shows stay right after a rename,
// and a notice whose match was deleted still reads from its own params.
const SELECT_NOTICES = `
  SELECT n.id, n.kind, n.params, n.created_at, n.read_at, n.match_id,
         m.need_id, m.product_id, p.name AS product_name, b.name AS bank_name, f.name AS firm_name
    FROM notifications n
    LEFT JOIN matches m ON m.id = n.match_id
    LEFT JOIN loan_products p ON p.id = m.product_id
    LEFT JOIN organizations b ON b.id = m.bank_id
    LEFT JOIN organizations f ON f.id = m.firm_id`;

function view(row: NoticeRow): NotificationView {
  return {
    id: row.id,
    kind: row.kind,
    match:
      row.match_id && row.need_id && row.product_id
        ? {
            id: row.match_id,
            needId: row.need_id,
            productId: row.product_id,
            productName: row.product_name ?? '',
            bankName: row.bank_name ?? '',
            firmName: row.firm_name ?? '',
          }
        : null,
    params: row.params,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/**
 * A user's own notices: the list, reading them, and what an open page is told. Every query
 * is keyed by the caller's user id, so another user's notice is indistinguishable from one
 * that does not exist.
 */
@Injectable()
export class InboxService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(
    actor: Actor,
    query: { before?: string; limit?: number },
  ): Promise<NotificationListView> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const params: unknown[] = [actor.userId, limit + 1];
    let after = '';
    if (query.before) {
      const [cursor] = (await this.db.query(
        'SELECT created_at, id FROM notifications WHERE id = $1 AND user_id = $2',
        [query.before, actor.userId],
      )) as { created_at: Date; id: string }[];
      if (!cursor) throw badRequest('before', 'must be the id of one of your notices');
      params.push(cursor.created_at, cursor.id);
      // Notices of one transaction share created_at; the id orders them within it.
      after = 'AND (n.created_at, n.id) < ($3, $4)';
    }
    const rows = (await this.db.query(
      `${SELECT_NOTICES}
        WHERE n.user_id = $1 ${after}
        ORDER BY n.created_at DESC, n.id DESC
        LIMIT $2`,
      params,
    )) as NoticeRow[];
    const page = rows.slice(0, limit);
    return {
      items: page.map(view),
      unreadCount: await this.unreadCount(this.db, actor.userId),
      nextBefore: rows.length > limit ? page[page.length - 1].id : null,
    };
  }

  /** Reading twice keeps the first time; another user's notice is a 404. */
  async read(actor: Actor, id: string): Promise<UnreadCountView> {
    return this.db.transaction(async (em) => {
      const updated = (await em.query(
        `UPDATE notifications SET read_at = COALESCE(read_at, now())
          WHERE id = $1 AND user_id = $2 RETURNING id`,
        [id, actor.userId],
      )) as [unknown[], number];
      if (updated[1] === 0) throw notFound('notification');
      return this.changed(em, actor.userId);
    });
  }

  async readAll(actor: Actor): Promise<UnreadCountView> {
    return this.db.transaction(async (em) => {
      await em.query(
        'UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL',
        [actor.userId],
      );
      return this.changed(em, actor.userId);
    });
  }

  /** What a stream tells an open page: the count, and the newest notice to show. */
  async streamEvent(userId: string): Promise<NotificationStreamEvent> {
    const [latest] = (await this.db.query(
      `${SELECT_NOTICES} WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id DESC LIMIT 1`,
      [userId],
    )) as NoticeRow[];
    return {
      unreadCount: await this.unreadCount(this.db, userId),
      latest: latest ? view(latest) : null,
    };
  }

  private async unreadCount(runner: SqlRunner, userId: string): Promise<number> {
    const [{ n }] = (await runner.query(
      'SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL',
      [userId],
    )) as { n: number }[];
    return n;
  }

  /** The user's other open pages (another tab, a phone) hear of the read on commit. */
  private async changed(em: SqlRunner, userId: string): Promise<UnreadCountView> {
    await em.query('SELECT pg_notify($1, $2)', [NOTIFICATIONS_CHANNEL, userId]);
    return { unreadCount: await this.unreadCount(em, userId) };
  }
}
