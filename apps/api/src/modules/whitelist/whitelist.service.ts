import { type FirmProfile, rankForNeed } from '@lianrong/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { likePattern } from '../../common/db/like-pattern';
import { type MatchStatus, type Purpose, type Tier } from '../../common/domain-enums';
import { conflict } from '../../common/http/api-error';
import { AuditEvent } from '../audit/audit-event.entity';
import { AuditService } from '../audit/audit.service';
import { Firm } from '../firms/firm.entity';
import { loadMatchContext, loadNeedEntries, loadProducts } from '../matching/matching-inputs';
import { OutboxService } from '../../outbox/outbox.service';

/** Enough for a type-ahead; the officer narrows by typing more of the name. */
const SEARCH_LIMIT = 20;
/** A provincial list runs to a few thousand firms; the page filters them in the browser. */
const LIST_LIMIT = 2_000;
const RECENT_CHANGES = 20;

export interface WhitelistEntry {
  firm: { id: string; name: string };
  regionCode: string;
  tier: Tier;
  chains: string[];
  openNeeds: number;
  reason: string | null;
  whitelistedAt: Date | null;
  /** The agency and the officer who put the firm on the list (the officer is unknown for old entries). */
  agency: { id: string; name: string } | null;
  by: string | null;
}

export interface WhitelistChangeEvent {
  at: Date;
  action: 'added' | 'removed';
  firm: { id: string; name: string };
  reason: string | null;
  by: string | null;
}

export interface WhitelistView {
  items: WhitelistEntry[];
  /** Whitelisted firms in the region; items stops at a limit. */
  total: number;
  /** The latest additions and removals in the region, newest first. */
  changes: WhitelistChangeEvent[];
}

export interface ProductRef {
  id: string;
  name: string;
  bankName: string;
}

/** What the change does to matching: eligible products of the firm's open needs, before and after. */
export interface WhitelistEffect {
  openNeeds: number;
  /** Distinct products eligible for at least one open need. */
  eligibleBefore: number;
  eligibleAfter: number;
  opened: ProductRef[];
  closed: ProductRef[];
}

export interface WhitelistChange {
  firm: { id: string; name: string };
  whitelisted: boolean;
  reason: string;
  effect: WhitelistEffect;
}

export interface GovFirmRow {
  id: string;
  name: string;
  regionCode: string;
  tier: Tier;
  whitelisted: boolean;
  openNeeds: number;
}

export interface GovFirmMatch {
  id: string;
  status: MatchStatus;
  score: number | null;
  product: ProductRef & { requiresWhitelist: boolean };
}

export interface GovFirmMatches {
  firm: { id: string; name: string };
  whitelisted: boolean;
  needs: {
    id: string;
    amount: number;
    termMonths: number;
    purpose: Purpose;
    /** What the firm sees on its need page: its best products and every one in review. */
    matches: GovFirmMatch[];
  }[];
}

/** Being on the government's white list is a matching input: each change goes through the outbox. */
@Injectable()
export class WhitelistService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async list(actor: Actor): Promise<WhitelistView> {
    const rows: {
      id: string;
      name: string;
      region_code: string;
      tier: Tier;
      chains: string[];
      open_needs: number;
      reason: string | null;
      whitelisted_at: Date | null;
      agency_id: string | null;
      agency_name: string | null;
      by: string | null;
    }[] = await this.scope
      .restrict(this.firmQuery(), 'firm', 'f', actor)
      .andWhere('f.whitelisted')
      .addSelect('f.whitelist_reason', 'reason')
      .addSelect('f.whitelisted_at', 'whitelisted_at')
      .addSelect('ag.id', 'agency_id')
      .addSelect('ag.name', 'agency_name')
      .addSelect('u.display_name', 'by')
      .addSelect(
        `COALESCE((SELECT array_agg(c.name ORDER BY c.name) FROM chain_members cm JOIN chains c ON c.id = cm.chain_id
                    WHERE cm.firm_id = f.id), '{}')`,
        'chains',
      )
      .leftJoin('organizations', 'ag', 'ag.id = f.whitelisted_by')
      .leftJoin('users', 'u', 'u.id = f.whitelisted_by_user')
      .orderBy('f.whitelisted_at', 'DESC', 'NULLS LAST')
      .addOrderBy('o.name')
      .limit(LIST_LIMIT)
      .getRawMany();
    const total = await this.scope
      .restrict(this.db.getRepository(Firm).createQueryBuilder('f'), 'firm', 'f', actor)
      .andWhere('f.whitelisted')
      .getCount();
    const changes: {
      at: Date;
      action: string;
      id: string;
      name: string;
      reason: string | null;
      by: string | null;
    }[] = await this.scope
      .restrict(this.db.getRepository(Firm).createQueryBuilder('f'), 'firm', 'f', actor)
      .innerJoin(
        AuditEvent,
        'a',
        `a.entity_type = 'firm' AND a.entity_id = f.id AND a.action IN ('whitelist.added', 'whitelist.removed')`,
      )
      .innerJoin('organizations', 'o', 'o.id = f.id')
      .leftJoin('users', 'u', 'u.id = a.actor_user_id')
      .select('a.at', 'at')
      .addSelect('a.action', 'action')
      .addSelect('f.id', 'id')
      .addSelect('o.name', 'name')
      .addSelect(`a.data->>'reason'`, 'reason')
      .addSelect('u.display_name', 'by')
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .limit(RECENT_CHANGES)
      .getRawMany();
    return {
      items: rows.map((r) => ({
        firm: { id: r.id, name: r.name },
        regionCode: r.region_code,
        tier: r.tier,
        chains: r.chains,
        openNeeds: Number(r.open_needs),
        reason: r.reason,
        whitelistedAt: r.whitelisted_at,
        agency: r.agency_id ? { id: r.agency_id, name: r.agency_name ?? '' } : null,
        by: r.by,
      })),
      total,
      changes: changes.map((c) => ({
        at: c.at,
        action: c.action === 'whitelist.added' ? 'added' : 'removed',
        firm: { id: c.id, name: c.name },
        reason: c.reason,
        by: c.by,
      })),
    };
  }

  /** Firms of the caller's region whose name contains `q`, for the officer to pick one. */
  async search(actor: Actor, q: string): Promise<{ items: GovFirmRow[] }> {
    const rows: {
      id: string;
      name: string;
      region_code: string;
      tier: Tier;
      whitelisted: boolean;
      open_needs: number;
    }[] = await this.scope
      .restrict(this.firmQuery(), 'firm', 'f', actor)
      .andWhere('o.name ILIKE :q', { q: likePattern(q) })
      .addSelect('f.whitelisted', 'whitelisted')
      .orderBy('o.name')
      .addOrderBy('f.id')
      .limit(SEARCH_LIMIT)
      .getRawMany();
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        regionCode: r.region_code,
        tier: r.tier,
        whitelisted: r.whitelisted,
        openNeeds: Number(r.open_needs),
      })),
    };
  }

  /** The firm's open needs with the matches the firm itself sees, so the agency can watch a change land. */
  async matches(actor: Actor, firmId: string): Promise<GovFirmMatches> {
    const qb = this.db
      .getRepository(Firm)
      .createQueryBuilder('f')
      .innerJoinAndSelect('f.organization', 'o')
      .where('f.id = :firmId', { firmId });
    const firm = await this.scope.findOneOr404(qb, 'firm', 'f', actor, 'firm');
    const rows: {
      need_id: string;
      amount: string;
      term_months: number;
      purpose: Purpose;
      match_id: string | null;
      status: MatchStatus | null;
      score: number | null;
      product_id: string | null;
      product_name: string | null;
      requires_whitelist: boolean | null;
      bank_name: string | null;
    }[] = await this.db.query(
      `SELECT n.id AS need_id, n.amount, n.term_months, n.purpose, m.id AS match_id, m.status, m.score,
              p.id AS product_id, p.name AS product_name, p.requires_whitelist, b.name AS bank_name
         FROM funding_needs n
         LEFT JOIN matches m ON m.need_id = n.id AND (m.in_need_top OR m.status <> 'suggested')
         LEFT JOIN loan_products p ON p.id = m.product_id
         LEFT JOIN organizations b ON b.id = p.bank_id
        WHERE n.firm_id = $1 AND n.status = 'open'
        ORDER BY n.created_at DESC, n.id, m.score DESC NULLS LAST, p.id`,
      [firmId],
    );
    const needs = new Map<string, GovFirmMatches['needs'][number]>();
    for (const r of rows) {
      let need = needs.get(r.need_id);
      if (!need) {
        need = {
          id: r.need_id,
          amount: Number(r.amount),
          termMonths: r.term_months,
          purpose: r.purpose,
          matches: [],
        };
        needs.set(r.need_id, need);
      }
      if (r.match_id && r.product_id) {
        need.matches.push({
          id: r.match_id,
          status: r.status ?? 'suggested',
          score: r.score,
          product: {
            id: r.product_id,
            name: r.product_name ?? '',
            bankName: r.bank_name ?? '',
            requiresWhitelist: Boolean(r.requires_whitelist),
          },
        });
      }
    }
    return {
      firm: { id: firm.id, name: firm.organization?.name ?? '' },
      whitelisted: firm.whitelisted,
      needs: [...needs.values()],
    };
  }

  async set(
    actor: Actor,
    firmId: string,
    whitelisted: boolean,
    reason: string,
  ): Promise<WhitelistChange> {
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
              whitelistedByUser: actor.userId,
              whitelistedAt: new Date(),
            }
          : {
              whitelisted,
              whitelistReason: null,
              whitelistedBy: null,
              whitelistedByUser: null,
              whitelistedAt: null,
            },
      );
      // The worker re-ranks the firm's needs; the effect below is what it will find.
      await this.outbox.record(em, 'firm.changed', firmId);
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'firm',
        firmId,
        whitelisted ? 'whitelist.added' : 'whitelist.removed',
        { data: { reason } },
      );
      const [{ name }]: { name: string }[] = await em.query(
        'SELECT name FROM organizations WHERE id = $1',
        [firmId],
      );
      return {
        firm: { id: firmId, name },
        whitelisted,
        reason,
        effect: await this.effect(em, firmId, whitelisted),
      };
    });
  }

  /**
   * Eligibility of the firm's open needs off and on the list, by the matching library's
   * own rules (a product may require the list; DESIGN §4 rule 7).
   */
  private async effect(
    em: EntityManager,
    firmId: string,
    whitelisted: boolean,
  ): Promise<WhitelistEffect> {
    const entries = (await loadNeedEntries(em, { kind: 'firms', firmIds: [firmId] })).filter(
      (e) => e.need.status === 'open',
    );
    const products = await loadProducts(em);
    const ctx = await loadMatchContext(em);
    const eligible = (listed: boolean): Set<string> => {
      const ids = new Set<string>();
      for (const { firm, need } of entries) {
        const profile: FirmProfile = { ...firm, whitelisted: listed };
        for (const r of rankForNeed(profile, need, products, products.length, ctx))
          ids.add(r.productId);
      }
      return ids;
    };
    const [now, then] = [eligible(whitelisted), eligible(!whitelisted)];
    const refs = await this.productRefs(
      em,
      [...now, ...then].filter((id) => now.has(id) !== then.has(id)),
    );
    return {
      openNeeds: entries.length,
      eligibleBefore: then.size,
      eligibleAfter: now.size,
      opened: refs.filter((r) => now.has(r.id)),
      closed: refs.filter((r) => then.has(r.id)),
    };
  }

  private async productRefs(em: EntityManager, ids: string[]): Promise<ProductRef[]> {
    if (ids.length === 0) return [];
    const rows: { id: string; name: string; bank_name: string }[] = await em.query(
      `SELECT p.id, p.name, b.name AS bank_name FROM loan_products p JOIN organizations b ON b.id = p.bank_id
        WHERE p.id = ANY($1::uuid[]) ORDER BY p.name, p.id`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, bankName: r.bank_name }));
  }

  /** Firm id, name, region, tier and open needs; scoped by the caller's `restrict`. */
  private firmQuery() {
    return this.db
      .getRepository(Firm)
      .createQueryBuilder('f')
      .innerJoin('organizations', 'o', 'o.id = f.id')
      .select('f.id', 'id')
      .addSelect('o.name', 'name')
      .addSelect('o.region_code', 'region_code')
      .addSelect('f.tier', 'tier')
      .addSelect(
        `(SELECT count(*)::int FROM funding_needs n WHERE n.firm_id = f.id AND n.status = 'open')`,
        'open_needs',
      );
  }
}
