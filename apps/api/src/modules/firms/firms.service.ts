import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { badRequest, conflict, notFound } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { OutboxService } from '../matches/outbox.service';
import { Chain } from '../chains/chain.entity';
import { Organization } from '../organizations/organization.entity';
import {
  type CreateSupplyLinkDto,
  type FinancialYearDto,
  type UpdateFirmDto,
} from './dtos/firm.dto';
import { financialRatios, type FinancialRatios } from './financial-ratios';
import { FinancialYear } from './financial-year.entity';
import { Firm } from './firm.entity';
import { SupplyLink } from './supply-link.entity';

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
  yearsInNiche: number;
  chainRole: Firm['chainRole'];
  whitelisted: boolean;
  whitelistReason: string | null;
  chains: { id: string; name: string }[];
  financials: FinancialYearView[];
}

export interface SupplyLinkView {
  id: string;
  supplier: { id: string; name: string };
  coreFirm: { id: string; name: string };
  annualSales: number;
  status: SupplyLink['status'];
  confirmedAt: Date | null;
  createdAt: Date;
}

@Injectable()
export class FirmsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
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
    return {
      id: firm.id,
      uscc: firm.organization.uscc,
      name: firm.organization.name,
      regionCode: firm.organization.regionCode,
      industryCode: firm.industryCode,
      tier: firm.tier,
      tierYear: firm.tierYear,
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
      const { name, regionCode, chainIds, ...profile } = dto;
      if (name !== undefined || regionCode !== undefined) {
        await em.update(
          Organization,
          { id: firm.id },
          { ...(name && { name }), ...(regionCode && { regionCode }) },
        );
      }
      if (Object.keys(profile).length > 0) await em.update(Firm, { id: firm.id }, profile);
      if (chainIds !== undefined) await this.setChains(em, firm.id, chainIds);
      await this.outbox.record(em, 'firm.changed', firm.id);
      await this.audit.record(em, this.audit.auditActor(actor), 'firm', firm.id, 'firm.updated', {
        data: { ...dto },
      });
      return this.view(firm.id, em);
    });
  }

  private async setChains(em: EntityManager, firmId: string, chainIds: string[]): Promise<void> {
    const unique = [...new Set(chainIds)];
    const found = unique.length ? await em.countBy(Chain, { id: In(unique) }) : 0;
    if (found !== unique.length) throw badRequest('chainIds', 'contains an unknown chain');
    await em.query('DELETE FROM chain_members WHERE firm_id = $1', [firmId]);
    if (unique.length) {
      await em.query(
        'INSERT INTO chain_members (chain_id, firm_id) SELECT unnest($1::uuid[]), $2',
        [unique, firmId],
      );
    }
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

  async createSupplyLink(actor: Actor, dto: CreateSupplyLinkDto): Promise<SupplyLinkView> {
    if (dto.coreFirmId === actor.orgId) throw badRequest('coreFirmId', 'must be another firm');
    return this.db.transaction(async (em) => {
      if (!(await em.existsBy(Firm, { id: dto.coreFirmId })))
        throw badRequest('coreFirmId', 'is not a registered firm');
      if (await em.existsBy(SupplyLink, { supplierId: actor.orgId, coreFirmId: dto.coreFirmId })) {
        throw conflict('a supply link to this firm already exists', [
          { field: 'coreFirmId', problem: 'already linked' },
        ]);
      }
      const link = await em.save(
        em.create(SupplyLink, {
          supplierId: actor.orgId,
          coreFirmId: dto.coreFirmId,
          annualSales: dto.annualSales,
        }),
      );
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'supply_link',
        link.id,
        'supply_link.claimed',
        {
          to: 'pending',
        },
      );
      return this.linkView(em, link.id);
    });
  }

  async listSupplyLinks(
    actor: Actor,
  ): Promise<{ asSupplier: SupplyLinkView[]; asCore: SupplyLinkView[] }> {
    const links = await this.scope
      .restrict(this.db.getRepository(SupplyLink).createQueryBuilder('l'), 'supplyLink', 'l', actor)
      .orderBy('l.created_at', 'DESC')
      .getMany();
    const views = await this.linkViews(
      this.db.manager,
      links.map((l) => l.id),
    );
    return {
      asSupplier: views.filter((v) => v.supplier.id === actor.orgId),
      asCore: views.filter((v) => v.coreFirm.id === actor.orgId),
    };
  }

  /** Only the core enterprise named in the link can confirm it. */
  async confirmSupplyLink(actor: Actor, linkId: string): Promise<SupplyLinkView> {
    return this.db.transaction(async (em) => {
      const link = await em
        .createQueryBuilder(SupplyLink, 'l')
        .setLock('pessimistic_write')
        .where('l.id = :linkId AND l.core_firm_id = :org', { linkId, org: actor.orgId })
        .getOne();
      if (!link) throw notFound('supply link');
      if (link.status !== 'pending') throw conflict(`supply link is already ${link.status}`);
      await em.update(
        SupplyLink,
        { id: link.id },
        { status: 'confirmed', confirmedAt: new Date() },
      );
      await this.outbox.record(em, 'firm.changed', link.supplierId);
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'supply_link',
        link.id,
        'supply_link.confirmed',
        {
          from: 'pending',
          to: 'confirmed',
        },
      );
      return this.linkView(em, link.id);
    });
  }

  async setWhitelist(
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
      return this.view(firmId, em);
    });
  }

  private async linkView(em: EntityManager, id: string): Promise<SupplyLinkView> {
    const [view] = await this.linkViews(em, [id]);
    return view;
  }

  /** Links with both firms' names, in the order of `ids`, in one query. */
  private async linkViews(em: EntityManager, ids: string[]): Promise<SupplyLinkView[]> {
    if (ids.length === 0) return [];
    const rows = (await em.query(
      `SELECT l.id, l.annual_sales, l.status, l.confirmed_at, l.created_at,
              s.id AS supplier_id, s.name AS supplier_name, c.id AS core_id, c.name AS core_name
         FROM supply_links l
         JOIN organizations s ON s.id = l.supplier_id
         JOIN organizations c ON c.id = l.core_firm_id
        WHERE l.id = ANY($1::uuid[])`,
      [ids],
    )) as {
      id: string;
      annual_sales: string;
      status: SupplyLink['status'];
      confirmed_at: Date | null;
      created_at: Date;
      supplier_id: string;
      supplier_name: string;
      core_id: string;
      core_name: string;
    }[];
    const byId = new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          supplier: { id: row.supplier_id, name: row.supplier_name },
          coreFirm: { id: row.core_id, name: row.core_name },
          annualSales: Number(row.annual_sales),
          status: row.status,
          confirmedAt: row.confirmed_at,
          createdAt: row.created_at,
        },
      ]),
    );
    return ids.map((id) => byId.get(id) as SupplyLinkView);
  }
}
