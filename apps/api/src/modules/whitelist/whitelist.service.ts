import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { conflict } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { Firm } from '../firms/firm.entity';
import { FirmsService, type FirmView } from '../firms/firms.service';
import { OutboxService } from '../../outbox/outbox.service';

/** Being on the government's white list is a matching input: each change goes through the outbox. */
@Injectable()
export class WhitelistService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly firms: FirmsService,
  ) {}

  async set(
    actor: Actor,
    firmId: string,
    whitelisted: boolean,
    reason: string | null,
  ): Promise<FirmView> {
    return this.db.transaction(async (em) => {
      const qb = em
        .createQueryBuilder(Firm, 'f')
        .setLock('pessimistic_write')
        .where('f.id = :firmId', { firmId });
      const firm = await this.scope.findOneOr404(qb, 'firm', 'f', actor, 'firm');
      if (firm.whitelisted === whitelisted) {
        throw conflict(
          whitelisted ? 'firm is already on the white list' : 'firm is not on the white list',
        );
      }
      await em.update(
        Firm,
        { id: firmId },
        whitelisted
          ? {
              whitelisted,
              whitelistReason: reason,
              whitelistedBy: actor.orgId,
              whitelistedAt: new Date(),
            }
          : { whitelisted, whitelistReason: null, whitelistedBy: null, whitelistedAt: null },
      );
      await this.outbox.record(em, 'firm.changed', firmId);
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'firm',
        firmId,
        whitelisted ? 'whitelist.added' : 'whitelist.removed',
        {
          data: { reason },
        },
      );
      return this.firms.view(firmId, em);
    });
  }
}
