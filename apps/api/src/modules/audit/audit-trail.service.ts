import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { badRequest } from '../../common/http/api-error';
import { likePattern } from '../../common/db/like-pattern';
import { regionPrefix } from '../../common/region';
import { AUDIT_PAGE_DEFAULT, type AuditEventsFilterQuery } from './dtos/audit-events.query';

export interface AuditActorView {
  userId: string;
  name: string | null;
  email: string | null;
  organization: { id: string; name: string } | null;
}

export interface AuditEventView {
  id: string;
  at: string;
  action: string;
  entityType: string;
  entityId: string | null;
  actor: AuditActorView | null;
  firm: { id: string; name: string } | null;
  regionCode: string | null;
  fromStatus: string | null;
  toStatus: string | null;
  data: Record<string, unknown> | null;
  requestId: string | null;
  ip: string | null;
}

export interface AuditEventPage {
  items: AuditEventView[];
  nextCursor: string | null;
}

interface Row {
  id: string;
  at: Date;
  action: string;
  entity_type: string;
  entity_id: string | null;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
  actor_org_id: string | null;
  actor_org_name: string | null;
  firm_id: string | null;
  firm_name: string | null;
  region_code: string | null;
  from_status: string | null;
  to_status: string | null;
  data: Record<string, unknown> | null;
  request_id: string | null;
  ip: string | null;
}

/** "Starts with `text`": `%` and `_` typed by a user are letters, not wildcards. */
const prefixPattern = (text: string) => `${likePattern(text).slice(1, -1)}%`;

/**
 * The audit trail as its readers see it. An agency reads the events concerning its
 * region's firms, chains and roadshows (the region the database stamped on each); an
 * admin reads all. Newest first, in keyset pages on the event id.
 */
@Injectable()
export class AuditTrailService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async page(
    actor: Actor,
    filters: AuditEventsFilterQuery,
    cursor?: string,
    limit = AUDIT_PAGE_DEFAULT,
  ): Promise<AuditEventPage> {
    const rows = await this.read(actor, filters, cursor, limit + 1);
    const items = rows.slice(0, limit);
    return {
      items: items.map((r) => view(r, actor)),
      nextCursor: rows.length > limit ? items[items.length - 1].id : null,
    };
  }

  /** Every event under the filters, a batch at a time: memory holds one batch, however many. */
  async *batches(
    actor: Actor,
    filters: AuditEventsFilterQuery,
    size = 1000,
  ): AsyncGenerator<AuditEventView[]> {
    let cursor: string | undefined;
    for (;;) {
      const page = await this.page(actor, filters, cursor, size);
      if (page.items.length) yield page.items;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }

  private read(
    actor: Actor,
    f: AuditEventsFilterQuery,
    cursor: string | undefined,
    limit: number,
  ): Promise<Row[]> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (actor.role === 'gov')
      where.push(`a.region_code LIKE ${p(`${regionPrefix(actor.regionCode)}%`)}`);
    else if (actor.role !== 'admin') where.push('false');
    if (f.actor) {
      const text = f.actor.trim();
      if (isUUID(text)) where.push(`a.actor_user_id = ${p(text)}`);
      else {
        const pattern = p(likePattern(text));
        where.push(`(u.email ILIKE ${pattern} OR u.display_name ILIKE ${pattern})`);
      }
    }
    if (f.action) where.push(`a.action LIKE ${p(prefixPattern(f.action))}`);
    if (f.entityType) where.push(`a.entity_type = ${p(f.entityType)}`);
    if (f.firmId) where.push(`a.subject_firm_id = ${p(f.firmId)}`);
    const from = f.from ? new Date(f.from) : undefined;
    const to = f.to ? new Date(f.to) : undefined;
    if (from && to && from.getTime() > to.getTime())
      throw badRequest('to', 'must not be before from');
    if (from) where.push(`a.at >= ${p(from)}`);
    if (to) where.push(`a.at < ${p(to)}`);
    if (cursor) where.push(`a.id < ${p(cursor)}::bigint`);

    return this.db.query(
      `SELECT a.id::text AS id, a.at, a.action, a.entity_type, a.entity_id,
              a.actor_user_id, u.display_name AS actor_name, u.email AS actor_email,
              a.actor_org_id, ao.name AS actor_org_name,
              a.subject_firm_id AS firm_id, fo.name AS firm_name, a.region_code,
              a.from_status, a.to_status, a.data, a.request_id, a.ip
         FROM audit_events a
         LEFT JOIN users u ON u.id = a.actor_user_id
         LEFT JOIN organizations ao ON ao.id = a.actor_org_id
         LEFT JOIN organizations fo ON fo.id = a.subject_firm_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.id DESC
        LIMIT ${p(limit)}`,
      params,
    );
  }
}

function view(r: Row, reader: Actor): AuditEventView {
  return {
    id: r.id,
    at: r.at.toISOString(),
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    actor: r.actor_user_id
      ? {
          userId: r.actor_user_id,
          name: r.actor_name,
          email: r.actor_email,
          organization:
            r.actor_org_id && r.actor_org_name
              ? { id: r.actor_org_id, name: r.actor_org_name }
              : null,
        }
      : null,
    firm: r.firm_id && r.firm_name ? { id: r.firm_id, name: r.firm_name } : null,
    regionCode: r.region_code,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    data: r.data,
    requestId: r.request_id,
    // An address is personal information (PIPL): the platform's operators need it to
    // trace abuse; an agency overseeing firms does not.
    ip: reader.role === 'admin' ? r.ip : null,
  };
}
