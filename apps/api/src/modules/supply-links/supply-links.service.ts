import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { badRequest, conflict, notFound } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { Firm } from '../firms/firm.entity';
import { OutboxService } from '../../outbox/outbox.service';
import {
  type CoreEnterprise,
  isCoreEnterprise,
  searchCoreEnterprises,
} from './core-enterprises.query';
import { type CreateSupplyLinkDto } from './dtos/supply-link.dto';
import { SupplyLink } from './supply-link.entity';

/** Enough for a type-ahead; a supplier narrows by typing more of the name. */
const CORE_SEARCH_LIMIT = 20;

export interface SupplyLinkView {
  id: string;
  supplier: { id: string; name: string };
  coreFirm: { id: string; name: string };
  annualSales: number;
  status: SupplyLink['status'];
  confirmedAt: Date | null;
  rejectionReason: string | null;
  rejectedAt: Date | null;
  createdAt: Date;
}

@Injectable()
export class SupplyLinksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(actor: Actor, dto: CreateSupplyLinkDto): Promise<SupplyLinkView> {
    if (dto.coreFirmId === actor.orgId) throw badRequest('coreFirmId', 'must be another firm');
    return this.db.transaction(async (em) => {
      if (!(await em.existsBy(Firm, { id: dto.coreFirmId })))
        throw badRequest('coreFirmId', 'is not a registered firm');
      if (!(await isCoreEnterprise(em, dto.coreFirmId)))
        throw badRequest('coreFirmId', 'is not a core enterprise of any chain');
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

  async searchCore(actor: Actor, q: string): Promise<{ items: CoreEnterprise[] }> {
    return {
      items: await searchCoreEnterprises(this.db.manager, q, actor.orgId, CORE_SEARCH_LIMIT),
    };
  }

  async list(actor: Actor): Promise<{ asSupplier: SupplyLinkView[]; asCore: SupplyLinkView[] }> {
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
  async confirm(actor: Actor, linkId: string): Promise<SupplyLinkView> {
    return this.db.transaction(async (em) => {
      const link = await this.pendingForCore(em, actor, linkId);
      await em.update(
        SupplyLink,
        { id: link.id },
        { status: 'confirmed', confirmedAt: new Date() },
      );
      // A confirmed link is one of the supplier's matching inputs.
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

  /** Only the core enterprise named in the link can turn it down, and only while pending. */
  async reject(actor: Actor, linkId: string, reason: string): Promise<SupplyLinkView> {
    return this.db.transaction(async (em) => {
      const link = await this.pendingForCore(em, actor, linkId);
      await em.update(
        SupplyLink,
        { id: link.id },
        { status: 'rejected', rejectionReason: reason, rejectedAt: new Date() },
      );
      // No outbox entry: a pending link was never a matching input, so nothing changes for the engine.
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'supply_link',
        link.id,
        'supply_link.rejected',
        { from: 'pending', to: 'rejected', data: { reason } },
      );
      return this.linkView(em, link.id);
    });
  }

  /** The link locked for a decision: another firm's link is 404, a decided one 409. */
  private async pendingForCore(
    em: EntityManager,
    actor: Actor,
    linkId: string,
  ): Promise<SupplyLink> {
    const link = await em
      .createQueryBuilder(SupplyLink, 'l')
      .setLock('pessimistic_write')
      .where('l.id = :linkId AND l.core_firm_id = :org', { linkId, org: actor.orgId })
      .getOne();
    if (!link) throw notFound('supply link');
    if (link.status !== 'pending') throw conflict(`supply link is already ${link.status}`);
    return link;
  }

  private async linkView(em: EntityManager, id: string): Promise<SupplyLinkView> {
    const [view] = await this.linkViews(em, [id]);
    return view;
  }

  /** Links with both firms' names, in the order of `ids`, in one query. */
  private async linkViews(em: EntityManager, ids: string[]): Promise<SupplyLinkView[]> {
    if (ids.length === 0) return [];
    const rows = (await em.query(
      `SELECT l.id, l.annual_sales, l.status, l.confirmed_at, l.rejection_reason, l.rejected_at, l.created_at,
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
      rejection_reason: string | null;
      rejected_at: Date | null;
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
          rejectionReason: row.rejection_reason,
          rejectedAt: row.rejected_at,
          createdAt: row.created_at,
        },
      ]),
    );
    return ids.map((id) => byId.get(id) as SupplyLinkView);
  }
}
