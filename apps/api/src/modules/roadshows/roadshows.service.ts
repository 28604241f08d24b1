import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { type Tier } from '../../common/domain-enums';
import { badRequest, conflict, notFound } from '../../common/http/api-error';
import { AuditService } from '../audit/audit.service';
import { Chain } from '../chains/chain.entity';
import { Firm } from '../firms/firm.entity';
import { type CreateRoadshowDto, type RoadshowIntentDto } from './dtos/roadshow-input.dto';
import { Roadshow, RoadshowIntent, RoadshowInvitation } from './roadshow.entity';
import { shanghaiMonth } from '../../common/china-time';

type IdName = { id: string; name: string };

/** Intended (意向) against what the same firm × bank pairs were later granted and paid. */
export interface RoadshowFigures {
  /** Σ 意向融资额 recorded by the invited banks. */
  intendedAmount: number;
  /** Credit approved since the roadshow's month (approved_at), on matches still approved or disbursed. */
  approvedAmount: number;
  /** Drawdowns whose value date falls in or after the roadshow's month. */
  disbursedAmount: number;
}

export interface RoadshowSummary extends RoadshowFigures {
  id: string;
  chain: IdName;
  /** YYYY-MM */
  month: string;
  title: string;
  venue: string | null;
  note: string | null;
  organizer: IdName;
  invitedFirms: number;
  invitedBanks: number;
  intents: number;
  createdAt: Date;
}

export interface RoadshowBankRow extends RoadshowFigures {
  bank: IdName;
  leadBank: boolean;
  /** Invited firms its products were matched to when the roadshow was created. */
  matchedFirms: number;
  intents: number;
}

export interface RoadshowFirmRow extends RoadshowFigures {
  firm: IdName;
  tier: Tier;
  openNeeds: number;
  openNeedAmount: number;
}

export interface RoadshowIntentView {
  firm: IdName;
  bank: IdName;
  amount: number;
  note: string | null;
  recordedAt: Date;
}

export interface RoadshowDetail extends RoadshowSummary {
  banks: RoadshowBankRow[];
  firms: RoadshowFirmRow[];
  intentList: RoadshowIntentView[];
}

export interface RoadshowInvitationView {
  id: string;
  title: string;
  chain: IdName;
  month: string;
  venue: string | null;
  note: string | null;
  organizer: IdName;
  invitedAs: 'firm' | 'bank';
  leadBank: boolean;
  invitedFirms: number;
  invitedBanks: number;
  /** A bank: the intents it recorded; a firm: the intents banks recorded for it. */
  intents: number;
  intendedAmount: number;
}

export interface RoadshowPartyView {
  id: string;
  title: string;
  chain: IdName;
  month: string;
  venue: string | null;
  note: string | null;
  organizer: IdName;
  invitedAs: 'firm' | 'bank';
  banks: { bank: IdName; leadBank: boolean }[];
  /** A bank sees every invited firm; a firm sees itself. */
  firms: { firm: IdName; tier: Tier; openNeeds: number; openNeedAmount: number }[];
  /** A bank sees its own intents; a firm sees those for it. */
  intents: RoadshowIntentView[];
}

interface SummaryRow {
  id: string;
  chain_id: string;
  chain_name: string;
  month: string;
  title: string;
  venue: string | null;
  note: string | null;
  organizer_id: string;
  organizer_name: string;
  invited_firms: number;
  invited_banks: number;
  created_at: Date;
}

interface PairAmount {
  roadshow_id: string;
  bank_id: string;
  firm_id: string;
  amount: string;
}

const EARLIEST_MONTH = '2020-01';
const MONTHS_AHEAD = 24;

const SUMMARY_SQL = `
  SELECT r.id, c.id AS chain_id, c.name AS chain_name, to_char(r.month, 'YYYY-MM') AS month, r.title, r.venue,
         r.note, o.id AS organizer_id, o.name AS organizer_name, r.created_at,
         (SELECT count(*)::int FROM roadshow_invitations i WHERE i.roadshow_id = r.id AND i.kind = 'firm') AS invited_firms,
         (SELECT count(*)::int FROM roadshow_invitations i WHERE i.roadshow_id = r.id AND i.kind = 'bank') AS invited_banks
    FROM roadshows r
    JOIN chains c ON c.id = r.chain_id
    JOIN organizations o ON o.id = r.organizer_id`;

/**
 * 一月一链 路演: an agency presents a chain's firms with open needs to the chain's lead bank
 * and the banks whose products were matched to them; banks record what they intend to
 * lend (意向融资额), and the agency follows intent through to credit and cash.
 */
@Injectable()
export class RoadshowsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, dto: CreateRoadshowDto, now = new Date()): Promise<RoadshowDetail> {
    const latest = shanghaiMonth(now, MONTHS_AHEAD);
    if (dto.month < EARLIEST_MONTH || dto.month > latest) {
      throw badRequest('month', `must be between ${EARLIEST_MONTH} and ${latest}`);
    }
    const id = await this.db.transaction(async (em) => {
      // The chain row is locked, so two agencies creating the same month meet here, not in a unique violation.
      const chain = await this.scope.findOneOr404(
        em.createQueryBuilder(Chain, 'c').setLock('pessimistic_write').where('c.id = :id', {
          id: dto.chainId,
        }),
        'chain',
        'c',
        actor,
        'chain',
      );
      const month = `${dto.month}-01`;
      if (await em.existsBy(Roadshow, { chainId: chain.id, month })) {
        throw conflict(`${chain.name} already has a roadshow in ${dto.month}`, [
          { field: 'month', problem: 'this chain already has a roadshow in this month' },
        ]);
      }
      const firms = await this.invitedFirms(em, actor, chain.id);
      if (firms.length === 0) {
        throw conflict(`no firm of ${chain.name} in your region has an open funding need`, [
          { field: 'chainId', problem: 'no firm of this chain in your region has an open need' },
        ]);
      }
      const banks = await this.invitedBanks(
        em,
        firms.map((f) => f.firm_id),
        chain.leadBankId,
      );
      const roadshow = await em.save(
        em.create(Roadshow, {
          chainId: chain.id,
          month,
          title: dto.title ?? `${chain.name}产业链“一月一链”投融资路演`,
          venue: dto.venue ?? null,
          note: dto.note ?? null,
          regionCode: actor.regionCode,
          organizerId: actor.orgId,
          createdBy: actor.userId,
        }),
      );
      await em.insert(RoadshowInvitation, [
        ...firms.map((f) => ({
          roadshowId: roadshow.id,
          orgId: f.firm_id,
          kind: 'firm' as const,
          openNeeds: f.open_needs,
          openNeedAmount: Number(f.amount),
        })),
        ...banks.map((b) => ({
          roadshowId: roadshow.id,
          orgId: b.bankId,
          kind: 'bank' as const,
          leadBank: b.leadBank,
          matchedFirms: b.matchedFirms,
        })),
      ]);
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'roadshow',
        roadshow.id,
        'roadshow.created',
        {
          data: {
            chainId: chain.id,
            month: dto.month,
            firms: firms.map((f) => f.firm_id),
            banks: banks.map((b) => b.bankId),
          },
        },
      );
      return roadshow.id;
    });
    return this.detail(actor, id);
  }

  async list(actor: Actor): Promise<{ items: RoadshowSummary[] }> {
    const ids = (
      await this.scope
        .restrict(this.db.getRepository(Roadshow).createQueryBuilder('r'), 'roadshow', 'r', actor)
        .select('r.id', 'id')
        .getRawMany<{ id: string }>()
    ).map((r) => r.id);
    return { items: await this.summaries(ids) };
  }

  async detail(actor: Actor, id: string): Promise<RoadshowDetail> {
    await this.loadScoped(actor, id);
    const [summary] = await this.summaries([id]);
    const pairs = await this.pairFigures([id]);
    const banks: {
      org_id: string;
      name: string;
      lead_bank: boolean;
      matched_firms: number;
    }[] = await this.db.query(
      `SELECT i.org_id, o.name, i.lead_bank, i.matched_firms FROM roadshow_invitations i
         JOIN organizations o ON o.id = i.org_id
        WHERE i.roadshow_id = $1 AND i.kind = 'bank' ORDER BY i.lead_bank DESC, o.name, o.id`,
      [id],
    );
    const firms = await this.invitedFirmRows(id);
    const intentList = await this.intents(id, {});
    const sum = (match: (p: PairFigure) => boolean): RoadshowFigures => totals(pairs.filter(match));
    return {
      ...summary,
      banks: banks.map((b) => ({
        bank: { id: b.org_id, name: b.name },
        leadBank: b.lead_bank,
        matchedFirms: b.matched_firms,
        intents: intentList.filter((i) => i.bank.id === b.org_id).length,
        ...sum((p) => p.bankId === b.org_id),
      })),
      firms: firms.map((f) => ({ ...f, ...sum((p) => p.firmId === f.firm.id) })),
      intentList,
    };
  }

  /** The caller's invitations (a firm or a bank), newest month first. */
  async invitations(actor: Actor): Promise<{ items: RoadshowInvitationView[] }> {
    const ids = (
      await this.scope
        .restrict(this.db.getRepository(Roadshow).createQueryBuilder('r'), 'roadshow', 'r', actor)
        .select('r.id', 'id')
        .getRawMany<{ id: string }>()
    ).map((r) => r.id);
    const summaries = await this.summaries(ids);
    const own: { roadshow_id: string; kind: 'firm' | 'bank'; lead_bank: boolean }[] =
      await this.db.query(
        `SELECT roadshow_id, kind, lead_bank FROM roadshow_invitations WHERE org_id = $1 AND roadshow_id = ANY($2::uuid[])`,
        [actor.orgId, ids],
      );
    const mine: { roadshow_id: string; n: number; amount: string }[] = await this.db.query(
      `SELECT roadshow_id, count(*)::int AS n, COALESCE(sum(amount), 0) AS amount FROM roadshow_intents
        WHERE roadshow_id = ANY($1::uuid[]) AND ${actor.role === 'bank' ? 'bank_id' : 'firm_id'} = $2
        GROUP BY roadshow_id`,
      [ids, actor.orgId],
    );
    return {
      items: summaries.map((s) => {
        const invitation = own.find((o) => o.roadshow_id === s.id);
        const intents = mine.find((m) => m.roadshow_id === s.id);
        return {
          id: s.id,
          title: s.title,
          chain: s.chain,
          month: s.month,
          venue: s.venue,
          note: s.note,
          organizer: s.organizer,
          invitedAs: invitation?.kind ?? (actor.role === 'bank' ? 'bank' : 'firm'),
          leadBank: invitation?.lead_bank ?? false,
          invitedFirms: s.invitedFirms,
          invitedBanks: s.invitedBanks,
          intents: intents?.n ?? 0,
          intendedAmount: Number(intents?.amount ?? 0),
        };
      }),
    };
  }

  /** One roadshow as an invited firm or bank sees it. */
  async forParty(actor: Actor, id: string): Promise<RoadshowPartyView> {
    await this.loadScoped(actor, id);
    const [s] = await this.summaries([id]);
    const banks: { org_id: string; name: string; lead_bank: boolean }[] = await this.db.query(
      `SELECT i.org_id, o.name, i.lead_bank FROM roadshow_invitations i JOIN organizations o ON o.id = i.org_id
        WHERE i.roadshow_id = $1 AND i.kind = 'bank' ORDER BY i.lead_bank DESC, o.name, o.id`,
      [id],
    );
    const asBank = actor.role === 'bank';
    const firms = (await this.invitedFirmRows(id)).filter(
      (f) => asBank || f.firm.id === actor.orgId,
    );
    return {
      id: s.id,
      title: s.title,
      chain: s.chain,
      month: s.month,
      venue: s.venue,
      note: s.note,
      organizer: s.organizer,
      invitedAs: asBank ? 'bank' : 'firm',
      banks: banks.map((b) => ({ bank: { id: b.org_id, name: b.name }, leadBank: b.lead_bank })),
      firms,
      intents: await this.intents(id, asBank ? { bankId: actor.orgId } : { firmId: actor.orgId }),
    };
  }

  /** 意向融资额: the calling bank's intended financing for one invited firm (set or replaced). */
  async setIntent(
    actor: Actor,
    id: string,
    firmId: string,
    dto: RoadshowIntentDto,
  ): Promise<RoadshowIntentView> {
    await this.db.transaction(async (em) => {
      await this.assertInvitedFirm(em, actor, id, firmId);
      const previous = await em.findOne(RoadshowIntent, {
        where: { roadshowId: id, firmId, bankId: actor.orgId },
        lock: { mode: 'pessimistic_write' },
      });
      await em.upsert(
        RoadshowIntent,
        {
          roadshowId: id,
          firmId,
          bankId: actor.orgId,
          amount: dto.amount,
          note: dto.note ?? null,
          recordedBy: actor.userId,
          recordedAt: new Date(),
        },
        ['roadshowId', 'firmId', 'bankId'],
      );
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'roadshow',
        id,
        'roadshow.intent.set',
        { data: { firmId, amount: dto.amount, previousAmount: previous?.amount ?? null } },
      );
    });
    const [intent] = await this.intents(id, { bankId: actor.orgId, firmId });
    return intent;
  }

  async removeIntent(actor: Actor, id: string, firmId: string): Promise<void> {
    await this.db.transaction(async (em) => {
      await this.assertInvitedFirm(em, actor, id, firmId);
      const removed = await em.delete(RoadshowIntent, {
        roadshowId: id,
        firmId,
        bankId: actor.orgId,
      });
      if (!removed.affected) throw notFound('intent');
      await this.audit.record(
        em,
        this.audit.auditActor(actor),
        'roadshow',
        id,
        'roadshow.intent.removed',
        { data: { firmId } },
      );
    });
  }

  /** The roadshow must be the caller's (its invitation) and the firm one of its invited firms. */
  private async assertInvitedFirm(
    em: EntityManager,
    actor: Actor,
    id: string,
    firmId: string,
  ): Promise<void> {
    await this.scope.findOneOr404(
      em.createQueryBuilder(Roadshow, 'r').where('r.id = :id', { id }),
      'roadshow',
      'r',
      actor,
      'roadshow',
    );
    if (!(await em.existsBy(RoadshowInvitation, { roadshowId: id, orgId: firmId, kind: 'firm' }))) {
      throw notFound('invited firm');
    }
  }

  private loadScoped(actor: Actor, id: string): Promise<Roadshow> {
    const qb = this.db.getRepository(Roadshow).createQueryBuilder('r').where('r.id = :id', { id });
    return this.scope.findOneOr404(qb, 'roadshow', 'r', actor, 'roadshow');
  }

  /** Firms of the chain in the caller's region with at least one open need, with what they ask. */
  private async invitedFirms(
    em: EntityManager,
    actor: Actor,
    chainId: string,
  ): Promise<{ firm_id: string; open_needs: number; amount: string }[]> {
    return this.scope
      .restrict(em.createQueryBuilder(Firm, 'f'), 'firm', 'f', actor)
      .innerJoin('chain_members', 'cm', 'cm.firm_id = f.id AND cm.chain_id = :chainId', {
        chainId,
      })
      .innerJoin('funding_needs', 'n', `n.firm_id = f.id AND n.status = 'open'`)
      .select('f.id', 'firm_id')
      .addSelect('count(n.id)::int', 'open_needs')
      .addSelect('sum(n.amount)', 'amount')
      .groupBy('f.id')
      .orderBy('f.id')
      .getRawMany();
  }

  /** The lead bank, and every bank with a live, eligible match on an invited firm's open need. */
  private async invitedBanks(
    em: EntityManager,
    firmIds: string[],
    leadBankId: string | null,
  ): Promise<{ bankId: string; leadBank: boolean; matchedFirms: number }[]> {
    // Suggestions count too, and only (need_id, product_id) indexes all of them: the firms'
    // matches are found through their open needs (a match's firm is its need's firm).
    const matched: { bank_id: string; firms: number }[] = await em.query(
      `SELECT m.bank_id, count(DISTINCT m.firm_id)::int AS firms
         FROM funding_needs n
         JOIN matches m ON m.need_id = n.id
         JOIN loan_products p ON p.id = m.product_id AND p.status = 'active'
        WHERE n.firm_id = ANY($1::uuid[]) AND n.status = 'open'
          AND NOT m.ineligible AND m.status NOT IN ('declined', 'withdrawn')
        GROUP BY m.bank_id ORDER BY m.bank_id`,
      [firmIds],
    );
    const banks = new Map(
      matched.map((m) => [
        m.bank_id,
        { bankId: m.bank_id, leadBank: false, matchedFirms: m.firms },
      ]),
    );
    if (leadBankId) {
      banks.set(leadBankId, {
        bankId: leadBankId,
        leadBank: true,
        matchedFirms: banks.get(leadBankId)?.matchedFirms ?? 0,
      });
    }
    return [...banks.values()];
  }

  private async summaries(ids: string[]): Promise<RoadshowSummary[]> {
    if (ids.length === 0) return [];
    const rows: SummaryRow[] = await this.db.query(
      `${SUMMARY_SQL} WHERE r.id = ANY($1::uuid[]) ORDER BY r.month DESC, c.name, r.id`,
      [ids],
    );
    const pairs = await this.pairFigures(ids);
    const intents: { roadshow_id: string; n: number }[] = await this.db.query(
      `SELECT roadshow_id, count(*)::int AS n FROM roadshow_intents WHERE roadshow_id = ANY($1::uuid[]) GROUP BY roadshow_id`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      chain: { id: r.chain_id, name: r.chain_name },
      month: r.month,
      title: r.title,
      venue: r.venue,
      note: r.note,
      organizer: { id: r.organizer_id, name: r.organizer_name },
      invitedFirms: r.invited_firms,
      invitedBanks: r.invited_banks,
      intents: intents.find((i) => i.roadshow_id === r.id)?.n ?? 0,
      createdAt: r.created_at,
      ...totals(pairs.filter((p) => p.roadshowId === r.id)),
    }));
  }

  private async invitedFirmRows(
    id: string,
  ): Promise<Omit<RoadshowFirmRow, keyof RoadshowFigures>[]> {
    const rows: {
      org_id: string;
      name: string;
      tier: Tier;
      open_needs: number;
      open_need_amount: string;
    }[] = await this.db.query(
      `SELECT i.org_id, o.name, f.tier, i.open_needs, i.open_need_amount FROM roadshow_invitations i
         JOIN organizations o ON o.id = i.org_id JOIN firms f ON f.id = i.org_id
        WHERE i.roadshow_id = $1 AND i.kind = 'firm' ORDER BY i.open_need_amount DESC, o.name, o.id`,
      [id],
    );
    return rows.map((r) => ({
      firm: { id: r.org_id, name: r.name },
      tier: r.tier,
      openNeeds: r.open_needs,
      openNeedAmount: Number(r.open_need_amount),
    }));
  }

  private async intents(
    id: string,
    who: { bankId?: string; firmId?: string },
  ): Promise<RoadshowIntentView[]> {
    const rows: {
      firm_id: string;
      firm_name: string;
      bank_id: string;
      bank_name: string;
      amount: string;
      note: string | null;
      recorded_at: Date;
    }[] = await this.db.query(
      `SELECT t.firm_id, fo.name AS firm_name, t.bank_id, bo.name AS bank_name, t.amount, t.note, t.recorded_at
         FROM roadshow_intents t
         JOIN organizations fo ON fo.id = t.firm_id JOIN organizations bo ON bo.id = t.bank_id
        WHERE t.roadshow_id = $1 AND ($2::uuid IS NULL OR t.bank_id = $2) AND ($3::uuid IS NULL OR t.firm_id = $3)
        ORDER BY t.amount DESC, fo.name, bo.name`,
      [id, who.bankId ?? null, who.firmId ?? null],
    );
    return rows.map((r) => ({
      firm: { id: r.firm_id, name: r.firm_name },
      bank: { id: r.bank_id, name: r.bank_name },
      amount: Number(r.amount),
      note: r.note,
      recordedAt: r.recorded_at,
    }));
  }

  /**
   * Per roadshow, invited bank and invited firm: intended, approved since the month, and
   * disbursed since the month (drawdowns by value date). Three grouped queries, one pass.
   */
  private async pairFigures(ids: string[]): Promise<PairFigure[]> {
    const pairsCte = `
      WITH r AS (SELECT id, month, (month::timestamp AT TIME ZONE 'Asia/Shanghai') AS since
                   FROM roadshows WHERE id = ANY($1::uuid[])),
           pairs AS (SELECT r.id AS roadshow_id, r.month, r.since, b.org_id AS bank_id, f.org_id AS firm_id
                       FROM r
                       JOIN roadshow_invitations b ON b.roadshow_id = r.id AND b.kind = 'bank'
                       JOIN roadshow_invitations f ON f.roadshow_id = r.id AND f.kind = 'firm')`;
    const [intended, approved, disbursed]: PairAmount[][] = await Promise.all([
      this.db.query(
        `SELECT roadshow_id, bank_id, firm_id, amount FROM roadshow_intents WHERE roadshow_id = ANY($1::uuid[])`,
        [ids],
      ),
      this.db.query(
        `${pairsCte}
         SELECT p.roadshow_id, p.bank_id, p.firm_id, sum(m.approved_amount) AS amount
           FROM pairs p JOIN matches m ON m.firm_id = p.firm_id AND m.bank_id = p.bank_id
          WHERE m.status IN ('approved', 'disbursed') AND m.approved_at >= p.since
          GROUP BY 1, 2, 3`,
        [ids],
      ),
      this.db.query(
        `${pairsCte}
         SELECT p.roadshow_id, p.bank_id, p.firm_id, sum(e.amount) AS amount
           FROM pairs p
           JOIN matches m ON m.firm_id = p.firm_id AND m.bank_id = p.bank_id
           JOIN match_events e ON e.match_id = m.id
          -- A match with a drawdown was worked, and no move leads back to 'suggested': the
          -- condition changes no answer, and lets matches_firm_queue_idx find the pairs.
          WHERE m.status <> 'suggested'
            AND e.to_status = 'disbursed' AND e.amount IS NOT NULL AND e.occurred_on >= p.month
          GROUP BY 1, 2, 3`,
        [ids],
      ),
    ]);
    const figures = new Map<string, PairFigure>();
    const add = (rows: PairAmount[], key: keyof RoadshowFigures) => {
      for (const r of rows) {
        const k = `${r.roadshow_id}:${r.bank_id}:${r.firm_id}`;
        const f = figures.get(k) ?? {
          roadshowId: r.roadshow_id,
          bankId: r.bank_id,
          firmId: r.firm_id,
          intendedAmount: 0,
          approvedAmount: 0,
          disbursedAmount: 0,
        };
        f[key] += Number(r.amount);
        figures.set(k, f);
      }
    };
    add(intended, 'intendedAmount');
    add(approved, 'approvedAmount');
    add(disbursed, 'disbursedAmount');
    return [...figures.values()];
  }
}

interface PairFigure extends RoadshowFigures {
  roadshowId: string;
  bankId: string;
  firmId: string;
}

function totals(pairs: PairFigure[]): RoadshowFigures {
  return {
    intendedAmount: pairs.reduce((s, p) => s + p.intendedAmount, 0),
    approvedAmount: pairs.reduce((s, p) => s + p.approvedAmount, 0),
    disbursedAmount: pairs.reduce((s, p) => s + p.disbursedAmount, 0),
  };
}
