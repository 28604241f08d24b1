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

export interface ChainSummary {
  id: string;
  name: string;
  regionCode: string;
  leadBank: { id: string; name: string } | null;
  coreEnterprises: { id: string; name: string }[];
  firmCount: number;
  openNeedCount: number;
  openNeedAmount: number;
}

interface ChainRow {
  id: string;
  name: string;
  region_code: string;
  lead_bank_id: string | null;
  lead_bank_name: string | null;
  core_enterprises: { id: string; name: string }[];
  firm_count: string;
  open_need_count: string;
  open_need_amount: string;
}

@Injectable()
export class ChainsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async list(actor: Actor): Promise<{ items: ChainSummary[] }> {
    return { items: await this.summaries(actor) };
  }

  async get(actor: Actor, id: string): Promise<ChainSummary> {
    await this.loadScoped(actor, id);
    const [summary] = await this.summaries(actor, id);
    return summary;
  }

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
    return this.get(actor, id);
  }

  private loadScoped(actor: Actor, id: string): Promise<Chain> {
    const qb = this.db.getRepository(Chain).createQueryBuilder('c').where('c.id = :id', { id });
    return this.scope.findOneOr404(qb, 'chain', 'c', actor, 'chain');
  }

  private async summaries(actor: Actor, id?: string): Promise<ChainSummary[]> {
    const qb = this.db
      .getRepository(Chain)
      .createQueryBuilder('c')
      .select('c.id', 'id')
      .addSelect('c.name', 'name')
      .addSelect('c.region_code', 'region_code')
      .addSelect('c.lead_bank_id', 'lead_bank_id')
      .addSelect('lb.name', 'lead_bank_name')
      .addSelect(
        `COALESCE((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.name)
           FROM chain_core_enterprises ce JOIN organizations o ON o.id = ce.firm_id WHERE ce.chain_id = c.id), '[]')`,
        'core_enterprises',
      )
      .addSelect('(SELECT count(*) FROM chain_members cm WHERE cm.chain_id = c.id)', 'firm_count')
      .addSelect(
        `(SELECT count(*) FROM funding_needs n JOIN chain_members cm ON cm.firm_id = n.firm_id
           WHERE cm.chain_id = c.id AND n.status = 'open')`,
        'open_need_count',
      )
      .addSelect(
        `(SELECT COALESCE(sum(n.amount), 0) FROM funding_needs n JOIN chain_members cm ON cm.firm_id = n.firm_id
           WHERE cm.chain_id = c.id AND n.status = 'open')`,
        'open_need_amount',
      )
      .leftJoin(Organization, 'lb', 'lb.id = c.lead_bank_id')
      .orderBy('c.name');
    if (id) qb.where('c.id = :id', { id });
    const rows = await this.scope.restrict(qb, 'chain', 'c', actor).getRawMany<ChainRow>();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      regionCode: r.region_code,
      leadBank: r.lead_bank_id ? { id: r.lead_bank_id, name: r.lead_bank_name ?? '' } : null,
      coreEnterprises: r.core_enterprises,
      firmCount: Number(r.firm_count),
      openNeedCount: Number(r.open_need_count),
      openNeedAmount: Number(r.open_need_amount),
    }));
  }
}
