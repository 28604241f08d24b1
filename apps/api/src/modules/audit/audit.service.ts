import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { clientIp, currentRequest } from '../../common/http/request-context';
import { AuditEvent } from './audit-event.entity';

export interface AuditActor {
  userId: string | null;
  orgId: string | null;
}

/** Nobody proven: a refused login, a replayed refresh token, background work. */
export const NO_ACTOR: AuditActor = { userId: null, orgId: null };

export interface AuditChange {
  from?: string | null;
  to?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Writes audit events inside the caller's transaction, so an event exists iff its change
 * does. Each event carries the request it came from (id and client address) when there is
 * one; the database stamps the region it concerns.
 */
@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** An event names who acted and for which organisation; role and region are not evidence. */
  auditActor(actor: Actor): AuditActor {
    return { userId: actor.userId, orgId: actor.orgId };
  }

  async record(
    em: EntityManager,
    actor: AuditActor,
    entityType: string,
    entityId: string | null,
    action: string,
    change: AuditChange = {},
  ): Promise<void> {
    const request = currentRequest();
    await em.insert(AuditEvent, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      entityType,
      entityId,
      action,
      fromStatus: change.from ?? null,
      toStatus: change.to ?? null,
      data: (change.data ?? null) as AuditEvent['data'] & object,
      requestId: request?.requestId ?? null,
      ip: request ? clientIp(request.req) : null,
    });
    if (request) request.audited += 1;
  }

  /**
   * An event that must stand although the request then fails (a refused login): written
   * in a transaction of its own rather than the caller's.
   */
  recordAlone(
    actor: AuditActor,
    entityType: string,
    entityId: string | null,
    action: string,
    change: AuditChange = {},
  ): Promise<void> {
    return this.record(this.db.manager, actor, entityType, entityId, action, change);
  }
}
