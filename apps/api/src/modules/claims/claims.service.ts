import { tierValidity } from '@lianrong/matching';
import { findRegion } from '@lianrong/matching/registration';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { type ChainRole, type Tier } from '../../common/domain-enums';
import { badRequest, conflict, notFound } from '../../common/http/api-error';
import { OutboxService } from '../../outbox/outbox.service';
import { AuditService } from '../audit/audit.service';
import { Chain } from '../chains/chain.entity';
import { Firm } from '../firms/firm.entity';
import { Organization } from '../organizations/organization.entity';
import { type FirmClaimKind, type FirmClaimStatus } from './claim-kinds';
import { type CreateClaimDto } from './dtos/create-claim.dto';
import { FirmClaim } from './firm-claim.entity';

export interface ClaimDecider {
  id: string;
  name: string;
  /** The agency the deciding user acts for. */
  agency: string;
}

export interface FirmClaimView {
  id: string;
  firm: { id: string; name: string };
  kind: FirmClaimKind;
  tier: Tier | null;
  tierYear: number | null;
  certificateNo: string | null;
  /** The last day a claimed tier counts (YYYY-MM-DD); null for other kinds. */
  tierExpiresOn: string | null;
  /** A claimed tier that runs out within 90 days (复核 due). */
  tierExpiringSoon: boolean;
  chain: { id: string; name: string } | null;
  chainRole: ChainRole | null;
  regionCode: string | null;
  industryCode: string | null;
  yearsInNiche: number | null;
  status: FirmClaimStatus;
  reason: string | null;
  decidedBy: ClaimDecider | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface ClaimableChain {
  id: string;
  name: string;
  regionCode: string;
}

const UNIQUE_VIOLATION = '23505';

const pendingConflict = (kind: FirmClaimKind) =>
  conflict(`a ${kind} claim is already pending`, [
    { field: 'kind', problem: 'a claim of this kind is already pending' },
  ]);

/** Claims on the facts that decide eligibility: filed by the firm, decided by its agency. */
@Injectable()
export class ClaimsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async file(actor: Actor, dto: CreateClaimDto): Promise<FirmClaimView> {
    if (dto.kind === 'region' && !findRegion(dto.regionCode))
      throw badRequest('regionCode', 'is not a GB/T 2260 region code');
    if (dto.kind === 'tier' && dto.tierYear > new Date().getFullYear())
      throw badRequest('tierYear', 'must not be in the future');
    try {
      return await this.db.transaction(async (em) => {
        if (dto.kind === 'chain' && !(await em.existsBy(Chain, { id: dto.chainId })))
          throw badRequest('chainId', 'is not a known chain');
        if (await em.existsBy(FirmClaim, { firmId: actor.orgId, kind: dto.kind, status: 'pending' }))
          throw pendingConflict(dto.kind);
        const { kind, ...values } = dto;
        const claim = await em.save(em.create(FirmClaim, { firmId: actor.orgId, kind, ...values }));
        await this.audit.record(em, this.audit.auditActor(actor), 'firm_claim', claim.id, 'firm_claim.filed', {
          to: 'pending',
          data: { ...dto },
        });
        return this.claimView(em, claim.id);
      });
    } catch (error) {
      // Two filings racing past the check meet the partial unique index instead.
      if (
        error instanceof QueryFailedError &&
        (error.driverError as { code?: string }).code === UNIQUE_VIOLATION
      )
        throw pendingConflict(dto.kind);
      throw error;
    }
  }

  /** Chains are public knowledge (a province's published list); which one a firm belongs to is what gets checked. */
  async claimableChains(): Promise<{ items: ClaimableChain[] }> {
    const chains = await this.db.manager.find(Chain, { order: { regionCode: 'ASC', name: 'ASC' } });
    return { items: chains.map((c) => ({ id: c.id, name: c.name, regionCode: c.regionCode })) };
  }

  async listOwn(actor: Actor): Promise<{ items: FirmClaimView[] }> {
    return { items: await this.claimViews(this.db.manager, 'c.firm_id = $1', [actor.orgId]) };
  }

  /** Claims of the firms in the agency's region (DESIGN §2: gov sees its region's firms). */
  async listForAgency(actor: Actor, status?: FirmClaimStatus): Promise<{ items: FirmClaimView[] }> {
    const ids = await this.scopedClaims(this.db.manager, actor)
      .andWhere(status ? 'c.status = :status' : 'true', { status })
      .select('c.id', 'id')
      .getRawMany<{ id: string }>();
    if (ids.length === 0) return { items: [] };
    return {
      items: await this.claimViews(this.db.manager, 'c.id = ANY($1::uuid[])', [ids.map((r) => r.id)]),
    };
  }

  async confirm(actor: Actor, claimId: string): Promise<FirmClaimView> {
    return this.db.transaction(async (em) => {
      const claim = await this.lockPending(em, actor, claimId);
      await this.applyFact(em, claim);
      await em.update(
        FirmClaim,
        { id: claim.id },
        { status: 'confirmed', decidedBy: actor.userId, decidedAt: new Date() },
      );
      await this.outbox.record(em, 'firm.changed', claim.firmId);
      await this.audit.record(em, this.audit.auditActor(actor), 'firm_claim', claim.id, 'firm_claim.confirmed', {
        from: 'pending',
        to: 'confirmed',
        data: { firmId: claim.firmId, kind: claim.kind },
      });
      return this.claimView(em, claim.id);
    });
  }

  async reject(actor: Actor, claimId: string, reason: string): Promise<FirmClaimView> {
    return this.db.transaction(async (em) => {
      const claim = await this.lockPending(em, actor, claimId);
      await em.update(
        FirmClaim,
        { id: claim.id },
        { status: 'rejected', reason, decidedBy: actor.userId, decidedAt: new Date() },
      );
      await this.audit.record(em, this.audit.auditActor(actor), 'firm_claim', claim.id, 'firm_claim.rejected', {
        from: 'pending',
        to: 'rejected',
        data: { firmId: claim.firmId, kind: claim.kind, reason },
      });
      return this.claimView(em, claim.id);
    });
  }

  private scopedClaims(em: EntityManager, actor: Actor) {
    const qb = em.createQueryBuilder(FirmClaim, 'c').innerJoin(Firm, 'f', 'f.id = c.firm_id');
    return this.scope.restrict(qb, 'firm', 'f', actor);
  }

  /** A claim outside the agency's region does not exist for it (404); a decided one is final (409). */
  private async lockPending(em: EntityManager, actor: Actor, claimId: string): Promise<FirmClaim> {
    const claim = await this.scopedClaims(em, actor)
      .andWhere('c.id = :claimId', { claimId })
      .setLock('pessimistic_write', undefined, ['c'])
      .getOne();
    if (!claim) throw notFound('claim');
    if (claim.status !== 'pending') throw conflict(`claim is already ${claim.status}`);
    return claim;
  }

  /** The confirmed value becomes the firm's fact, in the confirming transaction. */
  private async applyFact(em: EntityManager, claim: FirmClaim): Promise<void> {
    const firmId = claim.firmId;
    switch (claim.kind) {
      case 'tier':
        await em.update(Firm, { id: firmId }, { tier: claim.tier ?? 'none', tierYear: claim.tierYear });
        return;
      case 'industry':
        await em.update(Firm, { id: firmId }, { industryCode: claim.industryCode ?? undefined });
        return;
      case 'years_in_niche':
        await em.update(Firm, { id: firmId }, { yearsInNiche: claim.yearsInNiche ?? 0 });
        return;
      case 'region':
        await em.update(Organization, { id: firmId }, { regionCode: claim.regionCode ?? undefined });
        return;
      case 'chain':
        await em.update(Firm, { id: firmId }, { chainRole: claim.chainRole });
        await em.query(
          'INSERT INTO chain_members (chain_id, firm_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [claim.chainId, firmId],
        );
        // The chain's core enterprises are exactly its members confirmed with role core.
        await em.query(
          claim.chainRole === 'core'
            ? 'INSERT INTO chain_core_enterprises (chain_id, firm_id) VALUES ($1, $2) ON CONFLICT DO NOTHING'
            : 'DELETE FROM chain_core_enterprises WHERE chain_id = $1 AND firm_id = $2',
          [claim.chainId, firmId],
        );
        return;
    }
  }

  private async claimView(em: EntityManager, id: string): Promise<FirmClaimView> {
    const [view] = await this.claimViews(em, 'c.id = $1', [id]);
    return view;
  }

  /** Claims with the firm's, chain's and decider's names, newest first, in one query. */
  private async claimViews(
    em: EntityManager,
    where: string,
    params: unknown[],
  ): Promise<FirmClaimView[]> {
    const rows = (await em.query(
      `SELECT c.*, o.name AS firm_name, ch.name AS chain_name,
              u.display_name AS decider_name, uo.name AS decider_agency
         FROM firm_claims c
         JOIN organizations o ON o.id = c.firm_id
         LEFT JOIN chains ch ON ch.id = c.chain_id
         LEFT JOIN users u ON u.id = c.decided_by
         LEFT JOIN organizations uo ON uo.id = u.organization_id
        WHERE ${where}
        ORDER BY c.created_at DESC, c.id`,
      params,
    )) as ClaimRow[];
    const today = new Date();
    return rows.map((r) => {
      const validity =
        r.kind === 'tier' && r.tier ? tierValidity(r.tier, r.tier_year, today) : null;
      return {
        id: r.id,
        firm: { id: r.firm_id, name: r.firm_name },
        kind: r.kind,
        tier: r.tier,
        tierYear: r.tier_year,
        certificateNo: r.certificate_no,
        tierExpiresOn: validity?.expiresOn ?? null,
        tierExpiringSoon: validity?.expiringSoon ?? false,
        chain: r.chain_id ? { id: r.chain_id, name: r.chain_name ?? '' } : null,
        chainRole: r.chain_role,
        regionCode: r.region_code,
        industryCode: r.industry_code,
        yearsInNiche: r.years_in_niche,
        status: r.status,
        reason: r.reason,
        decidedBy: r.decided_by
          ? { id: r.decided_by, name: r.decider_name ?? '', agency: r.decider_agency ?? '' }
          : null,
        decidedAt: r.decided_at,
        createdAt: r.created_at,
      };
    });
  }
}

interface ClaimRow {
  id: string;
  firm_id: string;
  firm_name: string;
  kind: FirmClaimKind;
  tier: Tier | null;
  tier_year: number | null;
  certificate_no: string | null;
  chain_id: string | null;
  chain_name: string | null;
  chain_role: ChainRole | null;
  region_code: string | null;
  industry_code: string | null;
  years_in_niche: number | null;
  status: FirmClaimStatus;
  reason: string | null;
  decided_by: string | null;
  decider_name: string | null;
  decider_agency: string | null;
  decided_at: Date | null;
  created_at: Date;
}
