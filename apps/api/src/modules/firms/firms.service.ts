import { tierValidity } from '@lianrong/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { badRequest, notFound } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { OutboxService } from '../../outbox/outbox.service';
import { Chain } from '../chains/chain.entity';
import { Organization } from '../organizations/organization.entity';
import { type FinancialYearDto, type UpdateFirmDto } from './dtos/firm.dto';
import { financialRatios, type FinancialRatios } from './financial-ratios';
import { FinancialYear } from './financial-year.entity';
import { Firm } from './firm.entity';

export type FinancialYearView = Omit<FinancialYear, 'firm' | 'firmId' | 'updatedAt'> &
  FinancialRatios;

export interface FirmView {
  id: string;
  uscc: string | null;
  name: string;
  regionCode: string;
  industryCode: string;
  tier: Firm['tier'];
  tierYear: number | null;
  /** Last day the tier counts (YYYY-MM-DD); after it the tier no longer counts for matching. */
  tierExpiresOn: string | null;
  tierExpired: boolean;
  /** Runs out within 90 days: 复核 due. */
  tierExpiringSoon: boolean;
  yearsInNiche: number;
  chainRole: Firm['chainRole'];
  whitelisted: boolean;
  whitelistReason: string | null;
  chains: { id: string; name: string }[];
  financials: FinancialYearView[];
}

@Injectable()
export class FirmsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async view(firmId: string, em: EntityManager = this.db.manager): Promise<FirmView> {
    const firm = await em.findOne(Firm, {
      where: { id: firmId },
      relations: { organization: true },
    });
    if (!firm?.organization) throw notFound('firm');
    const chains = await em
      .createQueryBuilder(Chain, 'c')
      .innerJoin('chain_members', 'cm', 'cm.chain_id = c.id')
      .where('cm.firm_id = :firmId', { firmId })
      .orderBy('c.name')
      .getMany();
    const years = await em.find(FinancialYear, { where: { firmId }, order: { year: 'DESC' } });
    const byYear = new Map(years.map((y) => [y.year, y]));
    const validity = tierValidity(firm.tier, firm.tierYear, new Date());
    return {
      id: firm.id,
      uscc: firm.organization.uscc,
      name: firm.organization.name,
      regionCode: firm.organization.regionCode,
      industryCode: firm.industryCode,
      tier: firm.tier,
      tierYear: firm.tierYear,
      tierExpiresOn: validity.expiresOn,
      tierExpired: validity.expired,
      tierExpiringSoon: validity.expiringSoon,
      yearsInNiche: firm.yearsInNiche,
      chainRole: firm.chainRole,
      whitelisted: firm.whitelisted,
      whitelistReason: firm.whitelistReason,
      chains: chains.map((c) => ({ id: c.id, name: c.name })),
      financials: years.map(({ firm: _f, firmId: _id, updatedAt: _u, ...fy }) => ({
        ...fy,
        ...financialRatios(fy as FinancialYear, byYear.get(fy.year - 1)),
      })),
    };
  }

  async update(actor: Actor, dto: UpdateFirmDto): Promise<FirmView> {
    return this.db.transaction(async (em) => {
      const firm = await em.findOneOrFail(Firm, {
        where: { id: actor.orgId },
        lock: { mode: 'pessimistic_write' },
      });
      // The name is no matching input, so nothing is matched again.
      if (dto.name !== undefined) await em.update(Organization, { id: firm.id }, { name: dto.name });
      await this.audit.record(em, this.audit.auditActor(actor), 'firm', firm.id, 'firm.updated', {
        data: { ...dto },
      });
      return this.view(firm.id, em);
    });
  }

  async putFinancialYear(actor: Actor, year: number, dto: FinancialYearDto): Promise<FirmView> {
    if (dto.rdStaff > dto.employees) throw badRequest('rdStaff', 'must not exceed employees');
    return this.db.transaction(async (em) => {
      await em.upsert(FinancialYear, { firmId: actor.orgId, year, ...dto }, ['firmId', 'year']);
      await this.outbox.record(em, 'firm.changed', actor.orgId);
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'firm',
        actor.orgId,
        'firm.financials.put',
        { data: { year } },
      );
      return this.view(actor.orgId, em);
    });
  }
}
