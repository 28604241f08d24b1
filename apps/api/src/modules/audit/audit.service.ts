import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AuditEvent } from './audit-event.entity';

export interface AuditActor {
  userId: string | null;
  orgId: string | null;
}

/** Writes audit events inside the caller's transaction, so an event exists iff its change does. */
@Injectable()
export class AuditService {
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
