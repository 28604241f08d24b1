import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { AuditEvent } from './audit-event.entity';

export interface AuditActor {
  userId: string | null;
  orgId: string | null;
}

/** Writes audit events inside the caller's transaction, so an event exists iff its change does. */
@Injectable()
export class AuditService {
  /** An event names who acted and for which organisation; role and region are not evidence. */
  auditActor(actor: Actor): AuditActor {
    return { userId: actor.userId, orgId: actor.orgId };
  }

  async record(
    em: EntityManager,
    actor: AuditActor,
    entityType: string,
    entityId: string,
    action: string,
    change: { from?: string | null; to?: string | null; data?: Record<string, unknown> } = {},
  ): Promise<void> {
    await em.insert(AuditEvent, {
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      entityType,
      entityId,
      action,
      fromStatus: change.from ?? null,
      toStatus: change.to ?? null,
      data: (change.data ?? null) as AuditEvent['data'] & object,
    });
  }
}
