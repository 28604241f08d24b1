import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { badRequest, conflict } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { OutboxService } from '../../outbox/outbox.service';
import { Organization } from '../organizations/organization.entity';
import { Chain } from './chain.entity';

/** A chain as the lead-bank change answers it. */
export interface ChainSummary {
  id: string;
  name: string;
  regionCode: string;
  leadBank: { id: string; name: string } | null;
  coreEnterprises: { id: string; name: string }[];
}

interface ChainRow {
  id: string;
  name: string;
  region_code: string;
  lead_bank_id: string | null;
  lead_bank_name: string | null;
  core_enterprises: { id: string; name: string }[];
}

@Injectable()
export class ChainsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async setLeadBank(actor: Actor, id: string, bankId: string): Promise<ChainSummary> {
    await this.db.transaction(async (em) => {
      const chain = await this.scope.findOneOr404(
        em.createQueryBuilder(Chain, 'c').setLock('pessimistic_write').where('c.id = :id', { id }),
        'chain',
        'c',
        actor,
        'chain',
      );
      if (!(await em.existsBy(Organization, { id: bankId, kind: 'bank' }))) {
        throw badRequest('bankId', 'is not a bank');
      }
      if (chain.leadBankId === bankId) throw conflict('this bank already leads the chain');
      await em.update(Chain, { id }, { leadBankId: bankId });
      // The lead bank earns a score bonus on the chain's member firms only: their needs are
      // ranked again, once for any burst of changes (the relay debounces the chain's job).
      await this.outbox.record(em, 'chain.changed', id);
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'chain',
        id,
        'chain.lead_bank.set',
        { data: { fromBankId: chain.leadBankId, toBankId: bankId } },
      );
    });
    return this.summary(id);
  }

  private async summary(id: string): Promise<ChainSummary> {
    const [r]: ChainRow[] = await this.db.query(
      `SELECT c.id, c.name, c.region_code, c.lead_bank_id, lb.name AS lead_bank_name,
              COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name)
                 FROM chain_core_enterprises ce JOIN organizations o ON o.id = ce.firm_id WHERE ce.chain_id = c.id), '[]') AS core_enterprises
         FROM chains c LEFT JOIN organizations lb ON lb.id = c.lead_bank_id
        WHERE c.id = $1`,
      [id],
    );
    return {
      id: r.id,
      name: r.name,
      regionCode: r.region_code,
      leadBank: r.lead_bank_id ? { id: r.lead_bank_id, name: r.lead_bank_name ?? '' } : null,
      coreEnterprises: r.core_enterprises,
    };
  }
}
