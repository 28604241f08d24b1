import { ENGINE_VERSION, type Evaluation, evaluate, rankForNeed } from '@lianrong/matching';
import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import {
  type DeclineReason,
  type MatchEventKind,
  type MatchStatus,
  type ProductKind,
} from '../../common/domain-enums';
import {
  ApiException,
  type ErrorDetail,
  badRequest,
  conflict,
  notFound,
  reasonPhrase,
} from '../../common/http/api-error';
import { OutboxService } from '../../outbox/outbox.service';
import { type AuditActor, AuditService } from '../audit/audit.service';
import { loadMatchContext, loadNeedEntries, loadProducts } from '../matching/matching-inputs';
import { FundingNeed } from '../needs/funding-need.entity';
import { NotificationsService } from '../notifications/notifications.service';
import {
  type ApplicationDto,
  type DocumentRequestDto,
  type TransitionDto,
} from './dtos/match-moves.dto';
import { MatchEvent } from './match-event.entity';
import { LIVE_STATUSES, type MatchParty, allowedMoves } from './match-transitions';
import { Match } from './match.entity';
import { shanghaiDate } from '../../common/china-time';

export interface MatchReviewView {
  id: string;
  needId: string;
  productId: string;
  firmId: string;
  bankId: string;
  productName: string;
  bankName: string;
  firmName: string;
  needAmount: number;
  status: MatchStatus;
  version: number;
  score: number | null;
  ineligible: boolean;
  appliedAt: Date | null;
  firstResponseAt: Date | null;
  creditCheckConsentAt: Date | null;
  approvedAmount: number | null;
  approvedRateBps: number | null;
  approvedTermMonths: number | null;
  approvedAt: Date | null;
  disbursedAmount: number | null;
  disbursedAt: Date | null;
  proposedAmount: number | null;
  proposedRateBps: number | null;
  proposedTermMonths: number | null;
  proposedBy: string | null;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  referredFromMatchId: string | null;
  allowedMoves: MatchStatus[];
}

export interface MatchEventView {
  id: string;
  kind: MatchEventKind;
  from: MatchStatus | null;
  to: MatchStatus;
  at: Date;
  actorName: string | null;
  actorOrgName: string | null;
  amount: number | null;
  rateBps: number | null;
  termMonths: number | null;
  occurredOn: string | null;
  reasonCode: DeclineReason | null;
  note: string | null;
  creditCheckConsent: boolean;
  referredFromMatchId: string | null;
}

export interface ReferralView {
  productId: string;
  productName: string;
  bankName: string;
  kind: ProductKind;
  score: number;
  amountMax: number;
  rateMinBps: number;
  rateMaxBps: number;
  termMin: number;
  termMax: number;
}

/** The note on matches the platform closes when their need was financed by another product. */
export const FULFILLED_ELSEWHERE_NOTE = '已通过其他产品获得融资';
/** The note on matches closed because the firm withdrew their need. */
export const NEED_WITHDRAWN_NOTE = '融资需求已撤回';

const MAX_REFERRALS = 5;
/** Statuses from which a firm may (re-)apply on the same row. */
const APPLICABLE_FROM: readonly MatchStatus[] = ['suggested', 'contacted', 'declined', 'withdrawn'];

interface Terms {
  amount: number;
  rateBps: number;
  termMonths: number;
}

/** What an approval is checked against, read under the product's lock. */
interface TermLimits {
  amountMax: number;
  rateMinBps: number;
  rateMaxBps: number;
  termMin: number;
  termMax: number;
  needAmount: number;
  /** Credit left in the product's quota for this match; null when the product has no quota. */
  quotaLeft: number | null;
  approvalLimit: number | null;
  productName: string;
  bankName: string;
  firmName: string;
}

type MatchPatch = Partial<
  Pick<
    Match,
    | 'status'
    | 'appliedAt'
    | 'firstResponseAt'
    | 'creditCheckConsentAt'
    | 'referredFromMatchId'
    | 'approvedAmount'
    | 'approvedRateBps'
    | 'approvedTermMonths'
    | 'approvedAt'
    | 'disbursedAmount'
    | 'disbursedAt'
    | 'proposedAmount'
    | 'proposedRateBps'
    | 'proposedTermMonths'
    | 'proposedBy'
    | 'declineReason'
    | 'declineNote'
    | 'score'
    | 'ineligible'
    | 'engineVersion'
  >
>;

type EventFields = Partial<
  Pick<
    MatchEvent,
    | 'amount'
    | 'rateBps'
    | 'termMonths'
    | 'occurredOn'
    | 'reasonCode'
    | 'note'
    | 'creditCheckConsent'
    | 'referredFromMatchId'
  >
>;

const NO_TERMS: MatchPatch = {
  approvedAmount: null,
  approvedRateBps: null,
  approvedTermMonths: null,
  approvedAt: null,
  disbursedAmount: null,
  disbursedAt: null,
  proposedAmount: null,
  proposedRateBps: null,
  proposedTermMonths: null,
  proposedBy: null,
  declineReason: null,
  declineNote: null,
};

const NO_PROPOSAL: MatchPatch = {
  proposedAmount: null,
  proposedRateBps: null,
  proposedTermMonths: null,
  proposedBy: null,
};

/** The fields each kind of move reads; any other term sent with it is refused. */
const FIELDS_OF_MOVE = {
  approve: ['amount', 'rateBps', 'termMonths'],
  disburse: ['amount', 'disbursedOn'],
  decline: ['reasonCode'],
  apply: ['creditCheckConsent'],
  plain: [],
} as const;
const TERM_FIELDS = [
  'amount',
  'rateBps',
  'termMonths',
  'reasonCode',
  'disbursedOn',
  'creditCheckConsent',
] as const;

const badRequestOf = (details: ErrorDetail[]) =>
  new ApiException(
    HttpStatus.BAD_REQUEST,
    details.map((d) => `${d.field}: ${d.problem}`).join('; '),
    details,
  );

const yuan = (n: number) => `${n} yuan`;

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/**
 * The review pipeline's one service (DESIGN §3): every move of a match — the firm's
 * application and withdrawal, the bank's pick-up, review, approval (with maker-checker
 * above the bank's limit), disbursement and decline — is checked and written here, each
 * in one transaction with its event, audit row and notifications.
 *
 * Locks: a move first takes the need's row (FOR NO KEY UPDATE, which the matching
 * worker's inserts — FOR KEY SHARE — never wait on), then the match rows it changes in
 * (need_id, product_id) order, the matching worker's own order, so neither can wait on the
 * other in a cycle. The need's lock also serialises moves on its matches, so closing a
 * need's other applications at disbursement cannot miss one being opened concurrently.
 */
@Injectable()
export class MatchReviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly notifications: NotificationsService,
  ) {}

  // ---- reads -------------------------------------------------------------------------

  async get(actor: Actor, id: string): Promise<MatchReviewView> {
    await this.findVisible(this.db.manager, actor, id);
    return this.view(this.db.manager, actor, id);
  }

  async events(actor: Actor, id: string): Promise<MatchEventView[]> {
    await this.findVisible(this.db.manager, actor, id);
    const rows: {
      id: string;
      kind: MatchEventKind;
      from_status: MatchStatus | null;
      to_status: MatchStatus;
      at: Date;
      actor_name: string | null;
      actor_org_name: string | null;
      amount: string | null;
      rate_bps: number | null;
      term_months: number | null;
      occurred_on: string | null;
      reason_code: DeclineReason | null;
      note: string | null;
      credit_check_consent: boolean;
      referred_from_match_id: string | null;
    }[] = await this.db.query(
      `SELECT e.id, e.kind, e.from_status, e.to_status, e.at, u.display_name AS actor_name,
              o.name AS actor_org_name, e.amount, e.rate_bps, e.term_months,
              to_char(e.occurred_on, 'YYYY-MM-DD') AS occurred_on, e.reason_code, e.note,
              e.credit_check_consent, e.referred_from_match_id
         FROM match_events e
         LEFT JOIN users u ON u.id = e.actor_user_id
         LEFT JOIN organizations o ON o.id = e.actor_org_id
        WHERE e.match_id = $1
        ORDER BY e.at, e.id`,
      [id],
    );
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      from: r.from_status,
      to: r.to_status,
      at: r.at,
      actorName: r.actor_name,
      actorOrgName: r.actor_org_name,
      amount: num(r.amount),
      rateBps: r.rate_bps,
      termMonths: r.term_months,
      occurredOn: r.occurred_on,
      reasonCode: r.reason_code,
      note: r.note,
      creditCheckConsent: r.credit_check_consent,
      referredFromMatchId: r.referred_from_match_id,
    }));
  }

  /** After a decline: the need's best eligible products at other banks (the firm's match only). */
  async referrals(actor: Actor, id: string): Promise<ReferralView[]> {
    const match = await this.findVisible(this.db.manager, actor, id);
    if (match.status !== 'declined') {
      throw conflict(`referrals are offered for a declined match; this one is ${match.status}`);
    }
    return this.rankReferrals(this.db.manager, match);
  }

  // ---- moves -------------------------------------------------------------------------

  async transition(actor: Actor, id: string, dto: TransitionDto): Promise<MatchReviewView> {
    const party = partyOf(actor);
    // A move that fulfils the need also closes its other applications: lock them up front.
    const siblings = dto.to === 'disbursed';
    return this.db.transaction(async (em) => {
      const match = await this.lockForMove(em, actor, id, siblings);
      assertVersion(match, dto.version);
      const from = match.status;
      if (!allowedMoves(from, party).includes(dto.to)) throw illegalMove(from, dto.to, party);
      const note = dto.note || null;

      if (party === 'firm') {
        if (dto.to === 'applied') {
          onlyFields(dto, FIELDS_OF_MOVE.apply);
          if (dto.creditCheckConsent !== true) throw consentMissing();
          const evaluation = await this.evaluatePair(em, match.needId, match.productId);
          await this.applyOn(em, actor, match, evaluation, { note, referredFromMatchId: null });
        } else {
          onlyFields(dto, FIELDS_OF_MOVE.plain);
          // Withdrawn before disbursement (the table allows no firm move out of 'disbursed').
          await this.move(em, actor, match, 'withdrawn', { ...NO_PROPOSAL }, { note });
        }
        return this.view(em, actor, id);
      }

      switch (dto.to) {
        case 'contacted':
          onlyFields(dto, FIELDS_OF_MOVE.plain);
          await this.assertNeedOpen(em, match);
          await this.move(em, actor, match, 'contacted', {}, { note });
          break;
        case 'in_review':
          onlyFields(dto, FIELDS_OF_MOVE.plain);
          // From pending_approval this sends the proposal back to the maker.
          await this.move(em, actor, match, 'in_review', { ...NO_PROPOSAL }, { note });
          break;
        case 'approved':
          if (from === 'pending_approval') await this.confirm(em, actor, match, dto, note);
          else await this.approve(em, actor, match, dto, note);
          break;
        case 'disbursed':
          onlyFields(dto, FIELDS_OF_MOVE.disburse);
          await this.disburse(em, actor, match, dto, note);
          break;
        case 'declined':
          onlyFields(dto, FIELDS_OF_MOVE.decline);
          await this.decline(em, actor, match, dto, note);
          break;
        default:
          // allowedMoves lists no other bank move; kept exhaustive for the compiler's sake.
          throw illegalMove(from, dto.to, party);
      }
      return this.view(em, actor, id);
    });
  }

  /** 补充材料: an event and a notice to the firm; the status stays, the version moves on. */
  async requestDocuments(
    actor: Actor,
    id: string,
    dto: DocumentRequestDto,
  ): Promise<MatchReviewView> {
    return this.db.transaction(async (em) => {
      const match = await this.lockForMove(em, actor, id, false);
      assertVersion(match, dto.version);
      const open: readonly MatchStatus[] = [
        'applied',
        'contacted',
        'in_review',
        'pending_approval',
      ];
      if (!open.includes(match.status)) {
        throw conflict(
          `documents can be requested while a match is under review, not when it is ${match.status}`,
        );
      }
      const names = await this.names(em, match.id);
      await this.record(
        em,
        actor,
        match,
        'documents_requested',
        match.status,
        {},
        {
          note: dto.note,
        },
      );
      await this.notifications.notifyOrg(em, match.firmId, {
        kind: 'documents_requested',
        matchId: match.id,
        params: { productName: names.productName, bankName: names.bankName, note: dto.note },
      });
      return this.view(em, actor, id);
    });
  }

  /**
   * A firm applies to a product its need is eligible for, whether or not the engine kept
   * the pair among its matches. One row per need × product: applying again after a decline
   * or withdrawal reopens the same row, and its history stays.
   */
  async apply(actor: Actor, needId: string, dto: ApplicationDto): Promise<MatchReviewView> {
    return this.db.transaction(async (em) => {
      await this.scope.findOneOr404(
        em
          .createQueryBuilder(FundingNeed, 'n')
          .setLock('for_no_key_update')
          .where('n.id = :needId', { needId }),
        'need',
        'n',
        actor,
        'funding need',
      );
      const [product]: { id: string; bank_id: string }[] = await em.query(
        'SELECT id, bank_id FROM loan_products WHERE id = $1',
        [dto.productId],
      );
      if (!product) throw notFound('loan product');
      const referredFromMatchId = dto.referredFromMatchId ?? null;
      if (referredFromMatchId) {
        const [referral] = await em.query(
          `SELECT 1 FROM matches WHERE id = $1 AND need_id = $2 AND status = 'declined'`,
          [referredFromMatchId, needId],
        );
        if (!referral)
          throw badRequest('referredFromMatchId', 'must be a declined match of this need');
      }
      let match = await this.lockPair(em, needId, dto.productId);
      if (match && !APPLICABLE_FROM.includes(match.status)) {
        throw conflict(`an application to this product is already ${match.status}`, [
          { field: 'productId', problem: `already ${match.status}` },
        ]);
      }
      const evaluation = await this.evaluatePair(em, needId, dto.productId);
      assertEligible(evaluation);
      if (!match) {
        const [inserted]: { id: string }[] = await em.query(
          `INSERT INTO matches (need_id, product_id, firm_id, bank_id, score, engine_version, status,
                                applied_at, credit_check_consent_at, referred_from_match_id)
           VALUES ($1, $2, $3, $4, $5, $6, 'applied', now(), now(), $7)
           ON CONFLICT (need_id, product_id) DO NOTHING RETURNING id`,
          [
            needId,
            dto.productId,
            actor.orgId,
            product.bank_id,
            evaluation.score,
            ENGINE_VERSION,
            referredFromMatchId,
          ],
        );
        if (inserted) {
          const created = await em.findOneByOrFail(Match, { id: inserted.id });
          await this.afterApplication(em, actor, created, null, {
            referredFromMatchId,
          });
          return this.view(em, actor, created.id);
        }
        // The matching worker stored the pair meanwhile: apply on its row.
        match = await this.lockPair(em, needId, dto.productId);
        if (!match) throw conflict('the match changed while applying, retry');
      }
      await this.applyOn(em, actor, match, evaluation, { note: null, referredFromMatchId });
      return this.view(em, actor, match.id);
    });
  }

  /**
   * Withdraws a need's live matches (the need itself was withdrawn, or financed by another
   * product). Runs in the caller's transaction, which holds the need's row.
   */
  async closeLiveMatches(
    em: EntityManager,
    needId: string,
    actor: AuditActor,
    note: string,
    exceptMatchId: string | null = null,
  ): Promise<number> {
    const ids: { id: string }[] = await em.query(
      `SELECT id FROM matches WHERE need_id = $1 AND status = ANY($2::match_status[])
          AND ($3::uuid IS NULL OR id <> $3) ORDER BY product_id FOR UPDATE`,
      [needId, LIVE_STATUSES, exceptMatchId],
    );
    for (const { id } of ids) {
      const match = await em.findOneByOrFail(Match, { id });
      await this.record(
        em,
        actor,
        match,
        'transition',
        'withdrawn',
        { status: 'withdrawn', ...NO_PROPOSAL },
        { note },
      );
    }
    return ids.length;
  }

  // ---- the moves' rules --------------------------------------------------------------

  private async applyOn(
    em: EntityManager,
    actor: Actor,
    match: Match,
    evaluation: Evaluation,
    opts: { note: string | null; referredFromMatchId: string | null },
  ): Promise<void> {
    assertEligible(evaluation);
    const from = match.status;
    const now = new Date();
    await this.record(
      em,
      actor,
      match,
      'transition',
      'applied',
      {
        ...NO_TERMS,
        status: 'applied',
        // A new application restarts the response clock.
        appliedAt: now,
        firstResponseAt: null,
        creditCheckConsentAt: now,
        referredFromMatchId: opts.referredFromMatchId,
        score: evaluation.score,
        ineligible: false,
        engineVersion: ENGINE_VERSION,
      },
      {
        note: opts.note,
        creditCheckConsent: true,
        referredFromMatchId: opts.referredFromMatchId,
      },
    );
    await this.notifyApplication(em, match, from);
  }

  /** The event, audit and notice of an application that created its row. */
  private async afterApplication(
    em: EntityManager,
    actor: Actor,
    match: Match,
    from: MatchStatus | null,
    opts: { referredFromMatchId: string | null },
  ): Promise<void> {
    await em.insert(MatchEvent, {
      matchId: match.id,
      kind: 'transition',
      actorUserId: actor.userId,
      actorOrgId: actor.orgId,
      fromStatus: from,
      toStatus: 'applied',
      creditCheckConsent: true,
      referredFromMatchId: opts.referredFromMatchId,
    });
    await this.audit.record(em, this.audit.auditActor(actor), 'match', match.id, 'match.moved', {
      from,
      to: 'applied',
      data: { creditCheckConsent: true, referredFromMatchId: opts.referredFromMatchId },
    });
    await this.notifyApplication(em, match, from);
  }

  private async notifyApplication(
    em: EntityManager,
    match: Match,
    from: MatchStatus | null,
  ): Promise<void> {
    const names = await this.names(em, match.id);
    await this.notifications.notifyOrg(em, match.bankId, {
      kind: 'application_received',
      matchId: match.id,
      params: {
        productName: names.productName,
        firmName: names.firmName,
        amount: names.needAmount,
        from,
      },
    });
  }

  private async approve(
    em: EntityManager,
    actor: Actor,
    match: Match,
    dto: TransitionDto,
    note: string | null,
  ): Promise<void> {
    onlyFields(dto, FIELDS_OF_MOVE.approve);
    const missing = FIELDS_OF_MOVE.approve
      .filter((f) => dto[f] === undefined || dto[f] === null)
      .map((field) => ({ field, problem: 'is required to approve' }));
    if (missing.length) throw badRequestOf(missing);
    const terms: Terms = {
      amount: dto.amount as number,
      rateBps: dto.rateBps as number,
      termMonths: dto.termMonths as number,
    };
    const limits = await this.termLimits(em, match);
    const problems = termProblems(terms, limits);
    if (problems.length) throw badRequestOf(problems);

    if (limits.approvalLimit !== null && terms.amount > limits.approvalLimit) {
      // 四眼原则: above the bank's limit a second officer must confirm.
      await this.move(
        em,
        actor,
        match,
        'pending_approval',
        {
          proposedAmount: terms.amount,
          proposedRateBps: terms.rateBps,
          proposedTermMonths: terms.termMonths,
          proposedBy: actor.userId,
        },
        { note, ...terms },
        { amount: null },
      );
      const checkers: { id: string }[] = await em.query(
        `SELECT id FROM users WHERE organization_id = $1 AND disabled_at IS NULL AND id <> $2`,
        [match.bankId, actor.userId],
      );
      for (const checker of checkers) {
        await this.notifications.notifyUser(em, checker.id, {
          kind: 'approval_awaiting_checker',
          matchId: match.id,
          params: {
            productName: limits.productName,
            firmName: limits.firmName,
            amount: terms.amount,
          },
        });
      }
      return;
    }
    await this.grant(em, actor, match, terms, note);
  }

  /** 授信: the terms become the match's credit, whoever's approval (maker within the limit, or checker). */
  private async grant(
    em: EntityManager,
    actor: Actor,
    match: Match,
    terms: Terms,
    note: string | null,
  ): Promise<void> {
    await this.move(
      em,
      actor,
      match,
      'approved',
      {
        ...NO_PROPOSAL,
        approvedAmount: terms.amount,
        approvedRateBps: terms.rateBps,
        approvedTermMonths: terms.termMonths,
        approvedAt: new Date(),
      },
      { note, ...terms },
      { amount: terms.amount },
    );
  }

  /** The checker confirms the maker's proposal, exactly as proposed. */
  private async confirm(
    em: EntityManager,
    actor: Actor,
    match: Match,
    dto: TransitionDto,
    note: string | null,
  ): Promise<void> {
    onlyFields(dto, FIELDS_OF_MOVE.approve);
    if (match.proposedBy === actor.userId) {
      throw new ApiException(
        HttpStatus.FORBIDDEN,
        'the officer who proposed these terms cannot also confirm them: another officer of the bank must (四眼原则)',
      );
    }
    const proposed: Terms = {
      amount: match.proposedAmount as number,
      rateBps: match.proposedRateBps as number,
      termMonths: match.proposedTermMonths as number,
    };
    const differing = FIELDS_OF_MOVE.approve
      .filter((f) => dto[f] !== undefined && dto[f] !== null && dto[f] !== proposed[f])
      .map((field) => ({
        field,
        problem: `must equal the proposed ${proposed[field]}: send the proposal back to change it`,
      }));
    if (differing.length) throw badRequestOf(differing);
    const limits = await this.termLimits(em, match);
    const problems = termProblems(proposed, limits);
    if (problems.length) {
      throw conflict(
        `the proposed terms no longer fit: ${problems.map((p) => `${p.field} ${p.problem}`).join('; ')}`,
        problems,
      );
    }
    await this.grant(em, actor, match, proposed, note);
  }

  /** 放款: the first drawdown fulfils the need; later ones (分笔放款) add up to the approval. */
  private async disburse(
    em: EntityManager,
    actor: Actor,
    match: Match,
    dto: TransitionDto,
    note: string | null,
  ): Promise<void> {
    const missing = (['amount', 'disbursedOn'] as const)
      .filter((f) => dto[f] === undefined || dto[f] === null)
      .map((field) => ({ field, problem: 'is required to disburse' }));
    if (missing.length) throw badRequestOf(missing);
    const amount = dto.amount as number;
    const on = dto.disbursedOn as string;
    const problems: ErrorDetail[] = [];
    const today = shanghaiDate(new Date());
    if (on > today) {
      problems.push({ field: 'disbursedOn', problem: `must not be after today (${today})` });
    } else if (match.approvedAt && on < shanghaiDate(match.approvedAt)) {
      problems.push({
        field: 'disbursedOn',
        problem: `must not precede the approval on ${shanghaiDate(match.approvedAt)}`,
      });
    }
    const approved = match.approvedAmount ?? 0;
    const drawn = match.disbursedAmount ?? 0;
    if (amount > approved - drawn) {
      problems.push({
        field: 'amount',
        problem: `must not exceed the undrawn credit of ${yuan(approved - drawn)} (approved ${yuan(approved)}, drawn ${yuan(drawn)})`,
      });
    }
    if (problems.length) throw badRequestOf(problems);

    const first = match.status === 'approved';
    await this.move(
      em,
      actor,
      match,
      'disbursed',
      {
        disbursedAmount: drawn + amount,
        ...(first ? { disbursedAt: new Date() } : {}),
      },
      { note, amount, occurredOn: on },
      { amount },
      first ? 'transition' : 'drawdown',
    );
    if (!first) return;
    // The need is financed: it is fulfilled and its other applications close.
    await em.query(
      `UPDATE funding_needs SET status = 'fulfilled', updated_at = now() WHERE id = $1`,
      [match.needId],
    );
    await this.audit.record(
      em,
      this.audit.auditActor(actor),
      'need',
      match.needId,
      'need.fulfilled',
      { to: 'fulfilled', data: { matchId: match.id } },
    );
    await this.outbox.record(em, 'need.changed', match.needId);
    await this.closeLiveMatches(
      em,
      match.needId,
      { userId: null, orgId: null },
      FULFILLED_ELSEWHERE_NOTE,
      match.id,
    );
  }

  private async decline(
    em: EntityManager,
    actor: Actor,
    match: Match,
    dto: TransitionDto,
    note: string | null,
  ): Promise<void> {
    if (!dto.reasonCode) throw badRequest('reasonCode', 'is required to decline');
    if (dto.reasonCode === 'other' && !note) {
      throw badRequest('note', "is required when the reason is 'other'");
    }
    await this.move(
      em,
      actor,
      match,
      'declined',
      { declineReason: dto.reasonCode, declineNote: note },
      { note, reasonCode: dto.reasonCode },
    );
    const referrals = await this.rankReferrals(em, match);
    if (referrals.length > 0) {
      const names = await this.names(em, match.id);
      await this.notifications.notifyOrg(em, match.firmId, {
        kind: 'referral_offered',
        matchId: match.id,
        params: {
          productName: names.productName,
          bankName: names.bankName,
          count: referrals.length,
        },
      });
    }
  }

  // ---- writing a move ----------------------------------------------------------------

  /** A bank's or firm's move: the row, its event and audit, and the firm's notice of a bank move. */
  private async move(
    em: EntityManager,
    actor: Actor,
    match: Match,
    to: MatchStatus,
    patch: MatchPatch,
    event: EventFields,
    notice: { amount?: number | null } = {},
    kind: MatchEventKind = 'transition',
  ): Promise<void> {
    await this.record(em, actor, match, kind, to, { ...patch, status: to }, event);
    if (partyOf(actor) !== 'bank') return;
    const names = await this.names(em, match.id);
    await this.notifications.notifyOrg(em, match.firmId, {
      kind: 'application_moved',
      matchId: match.id,
      params: {
        to,
        productName: names.productName,
        bankName: names.bankName,
        ...(notice.amount !== undefined && notice.amount !== null ? { amount: notice.amount } : {}),
      },
    });
  }

  /**
   * Writes one step: the row (status, terms, a new version), the event and the audit row.
   * A bank's first step after an application stops the response clock.
   */
  private async record(
    em: EntityManager,
    actor: Actor | AuditActor,
    match: Match,
    kind: MatchEventKind,
    to: MatchStatus,
    patch: MatchPatch,
    event: EventFields,
  ): Promise<void> {
    const from = match.status;
    const bankMove = 'role' in actor && actor.role === 'bank';
    const full: MatchPatch & { version: number } = { ...patch, version: match.version + 1 };
    if (
      bankMove &&
      match.appliedAt &&
      !match.firstResponseAt &&
      patch.firstResponseAt === undefined
    ) {
      full.firstResponseAt = new Date();
    }
    await em.update(Match, { id: match.id }, full);
    Object.assign(match, full);
    const who: AuditActor = 'role' in actor ? this.audit.auditActor(actor) : actor;
    await em.insert(MatchEvent, {
      matchId: match.id,
      kind,
      actorUserId: who.userId,
      actorOrgId: who.orgId,
      fromStatus: from,
      toStatus: to,
      amount: event.amount ?? null,
      rateBps: event.rateBps ?? null,
      termMonths: event.termMonths ?? null,
      occurredOn: event.occurredOn ?? null,
      reasonCode: event.reasonCode ?? null,
      note: event.note ?? null,
      creditCheckConsent: event.creditCheckConsent ?? false,
      referredFromMatchId: event.referredFromMatchId ?? null,
    });
    await this.audit.record(
      em,
      who,
      'match',
      match.id,
      `match.${kind === 'transition' ? 'moved' : kind}`,
      {
        from,
        to,
        data: {
          version: match.version,
          ...Object.fromEntries(
            Object.entries(event).filter(([, v]) => v !== null && v !== undefined),
          ),
        },
      },
    );
  }

  // ---- loading -----------------------------------------------------------------------

  /** The match as the actor may see it (404 otherwise: absent and foreign look the same). */
  private findVisible(em: EntityManager, actor: Actor, id: string): Promise<Match> {
    return this.scope.findOneOr404(
      em.createQueryBuilder(Match, 'm').where('m.id = :id', { id }),
      'match',
      'm',
      actor,
      'match',
    );
  }

  /**
   * Locks the need's row, then the match's (and, for a move that may close them, the
   * need's other live matches) in (need_id, product_id) order, and reads the match as it
   * now stands.
   */
  private async lockForMove(
    em: EntityManager,
    actor: Actor,
    id: string,
    withSiblings: boolean,
  ): Promise<Match> {
    const { needId } = await this.findVisible(em, actor, id);
    await em.query('SELECT 1 FROM funding_needs WHERE id = $1 FOR NO KEY UPDATE', [needId]);
    await em.query(
      `SELECT id FROM matches
        WHERE need_id = $1 AND (id = $2 OR ($3 AND status = ANY($4::match_status[])))
        ORDER BY product_id FOR UPDATE`,
      [needId, id, withSiblings, LIVE_STATUSES],
    );
    const match = await em.findOneBy(Match, { id });
    if (!match) throw notFound('match');
    return match;
  }

  private async lockPair(
    em: EntityManager,
    needId: string,
    productId: string,
  ): Promise<Match | null> {
    const [row]: { id: string }[] = await em.query(
      'SELECT id FROM matches WHERE need_id = $1 AND product_id = $2 FOR UPDATE',
      [needId, productId],
    );
    return row ? em.findOneBy(Match, { id: row.id }) : null;
  }

  /** The rules' verdict on a need × product, from the matching library alone. */
  private async evaluatePair(
    em: EntityManager,
    needId: string,
    productId: string,
  ): Promise<Evaluation> {
    const [entry] = await loadNeedEntries(em, { kind: 'ids', ids: [needId] });
    const [product] = await loadProducts(em, [productId]);
    if (!entry || !product) throw notFound(entry ? 'loan product' : 'funding need');
    return evaluate(entry.firm, entry.need, product, await loadMatchContext(em));
  }

  private async rankReferrals(em: EntityManager, match: Match): Promise<ReferralView[]> {
    const [entry] = await loadNeedEntries(em, { kind: 'ids', ids: [match.needId] });
    if (!entry) return [];
    // Products the need already has a live, financed or declined application with are not offered.
    const taken = new Set(
      (
        (await em.query(
          `SELECT product_id FROM matches WHERE need_id = $1 AND status <> ALL($2::match_status[])`,
          [match.needId, ['suggested', 'withdrawn']],
        )) as { product_id: string }[]
      ).map((r) => r.product_id),
    );
    const candidates = (await loadProducts(em)).filter(
      (p) => p.status === 'active' && p.bankId !== match.bankId && !taken.has(p.id),
    );
    const ranked = rankForNeed(
      entry.firm,
      entry.need,
      candidates,
      MAX_REFERRALS,
      await loadMatchContext(em),
    );
    if (ranked.length === 0) return [];
    const rows: {
      id: string;
      name: string;
      kind: ProductKind;
      amount_max: string;
      rate_min_bps: number;
      rate_max_bps: number;
      term_min: number;
      term_max: number;
      bank_name: string;
    }[] = await em.query(
      `SELECT p.id, p.name, p.kind, p.amount_max, p.rate_min_bps, p.rate_max_bps, p.term_min, p.term_max,
              b.name AS bank_name
         FROM loan_products p JOIN organizations b ON b.id = p.bank_id WHERE p.id = ANY($1::uuid[])`,
      [ranked.map((r) => r.productId)],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ranked.flatMap((r) => {
      const p = byId.get(r.productId);
      return p
        ? [
            {
              productId: p.id,
              productName: p.name,
              bankName: p.bank_name,
              kind: p.kind,
              score: r.score,
              amountMax: Number(p.amount_max),
              rateMinBps: p.rate_min_bps,
              rateMaxBps: p.rate_max_bps,
              termMin: p.term_min,
              termMax: p.term_max,
            },
          ]
        : [];
    });
  }

  /** The bounds an approval must stay within; the product's row is locked so two approvals cannot both spend the last of its quota. */
  private async termLimits(em: EntityManager, match: Match): Promise<TermLimits> {
    const [p]: {
      name: string;
      amount_max: string;
      rate_min_bps: number;
      rate_max_bps: number;
      term_min: number;
      term_max: number;
      credit_quota: string | null;
    }[] = await em.query(
      `SELECT name, amount_max, rate_min_bps, rate_max_bps, term_min, term_max, credit_quota
         FROM loan_products WHERE id = $1 FOR NO KEY UPDATE`,
      [match.productId],
    );
    const [{ used }]: { used: string }[] = await em.query(
      `SELECT COALESCE(sum(approved_amount), 0) AS used FROM matches
        WHERE product_id = $1 AND status IN ('approved', 'disbursed') AND id <> $2`,
      [match.productId, match.id],
    );
    const names = await this.names(em, match.id);
    const [bank]: { approval_limit: string | null }[] = await em.query(
      'SELECT approval_limit FROM organizations WHERE id = $1',
      [match.bankId],
    );
    const quota = num(p.credit_quota);
    return {
      amountMax: Number(p.amount_max),
      rateMinBps: p.rate_min_bps,
      rateMaxBps: p.rate_max_bps,
      termMin: p.term_min,
      termMax: p.term_max,
      needAmount: names.needAmount,
      quotaLeft: quota === null ? null : Math.max(0, quota - Number(used)),
      approvalLimit: num(bank.approval_limit),
      productName: p.name,
      bankName: names.bankName,
      firmName: names.firmName,
    };
  }

  private async names(
    em: EntityManager,
    matchId: string,
  ): Promise<{
    productName: string;
    bankName: string;
    firmName: string;
    needAmount: number;
    needStatus: string;
  }> {
    const [r]: {
      product_name: string;
      bank_name: string;
      firm_name: string;
      need_amount: string;
      need_status: string;
    }[] = await em.query(
      `SELECT p.name AS product_name, b.name AS bank_name, f.name AS firm_name,
              n.amount AS need_amount, n.status AS need_status
         FROM matches m JOIN loan_products p ON p.id = m.product_id
         JOIN organizations b ON b.id = m.bank_id JOIN organizations f ON f.id = m.firm_id
         JOIN funding_needs n ON n.id = m.need_id
        WHERE m.id = $1`,
      [matchId],
    );
    return {
      productName: r.product_name,
      bankName: r.bank_name,
      firmName: r.firm_name,
      needAmount: Number(r.need_amount),
      needStatus: r.need_status,
    };
  }

  private async assertNeedOpen(em: EntityManager, match: Match): Promise<void> {
    const { needStatus } = await this.names(em, match.id);
    if (needStatus !== 'open') {
      throw conflict(`the need is ${needStatus}: its matches can no longer be taken up`);
    }
  }

  private async view(em: EntityManager, actor: Actor, id: string): Promise<MatchReviewView> {
    const m = await em.findOneByOrFail(Match, { id });
    const names = await this.names(em, id);
    const party = partyOf(actor);
    const moves = allowedMoves(m.status, party).filter((to) => {
      if (to === 'approved' && m.status === 'pending_approval')
        return m.proposedBy !== actor.userId;
      if (to === 'disbursed' && m.status === 'disbursed')
        return (m.disbursedAmount ?? 0) < (m.approvedAmount ?? 0);
      if (to === 'applied' || to === 'contacted') return names.needStatus === 'open';
      return true;
    });
    return {
      id: m.id,
      needId: m.needId,
      productId: m.productId,
      firmId: m.firmId,
      bankId: m.bankId,
      productName: names.productName,
      bankName: names.bankName,
      firmName: names.firmName,
      needAmount: names.needAmount,
      status: m.status,
      version: m.version,
      score: m.score,
      ineligible: m.ineligible,
      appliedAt: m.appliedAt,
      firstResponseAt: m.firstResponseAt,
      creditCheckConsentAt: m.creditCheckConsentAt,
      approvedAmount: m.approvedAmount,
      approvedRateBps: m.approvedRateBps,
      approvedTermMonths: m.approvedTermMonths,
      approvedAt: m.approvedAt,
      disbursedAmount: m.disbursedAmount,
      disbursedAt: m.disbursedAt,
      proposedAmount: m.proposedAmount,
      proposedRateBps: m.proposedRateBps,
      proposedTermMonths: m.proposedTermMonths,
      proposedBy: m.proposedBy,
      declineReason: m.declineReason,
      declineNote: m.declineNote,
      referredFromMatchId: m.referredFromMatchId,
      allowedMoves: [...moves],
    };
  }
}

function partyOf(actor: Actor): MatchParty {
  return actor.role === 'firm' ? 'firm' : 'bank';
}

function assertVersion(match: Match, version: number): void {
  if (match.version !== version) {
    throw conflict(
      `the match changed since version ${version}: it is now version ${match.version} (${match.status}); reload and try again`,
      [{ field: 'version', problem: `stale: the match is at version ${match.version}` }],
    );
  }
}

function illegalMove(from: MatchStatus, to: MatchStatus, party: MatchParty): ApiException {
  return conflict(`a ${party} cannot move a match from ${from} to ${to}`, [
    { field: 'to', problem: `not a move from ${from}` },
  ]);
}

function consentMissing(): ApiException {
  return badRequest(
    'creditCheckConsent',
    'must be true: a bank reviews an application only with consent',
  );
}

/** The library's verdict as a 409 that lists each failed rule. */
function assertEligible(evaluation: Evaluation): void {
  if (evaluation.eligible) return;
  const codes = evaluation.failures.map((f) => f.code);
  throw new HttpException(
    {
      statusCode: HttpStatus.CONFLICT,
      error: reasonPhrase(HttpStatus.CONFLICT),
      message: `the need is not eligible for this product: ${codes.join(', ')}`,
      details: codes.map((code) => ({ field: 'productId', problem: code })),
      failures: evaluation.failures,
    },
    HttpStatus.CONFLICT,
  );
}

/** Terms sent with a move that does not read them are refused, naming each. */
function onlyFields(dto: TransitionDto, allowed: readonly (typeof TERM_FIELDS)[number][]): void {
  const stray = TERM_FIELDS.filter(
    (f) => !allowed.includes(f) && dto[f] !== undefined && dto[f] !== null,
  ).map((field) => ({ field, problem: `is not used when moving to ${dto.to}` }));
  if (stray.length) throw badRequestOf(stray);
}

/** Everything wrong with approval terms, each naming its field. */
function termProblems(terms: Terms, limits: TermLimits): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (terms.amount > limits.amountMax) {
    problems.push({
      field: 'amount',
      problem: `must not exceed the product's maximum of ${yuan(limits.amountMax)}`,
    });
  }
  if (terms.amount > limits.needAmount) {
    problems.push({
      field: 'amount',
      problem: `must not exceed the ${yuan(limits.needAmount)} the firm asked for`,
    });
  }
  if (limits.quotaLeft !== null && terms.amount > limits.quotaLeft) {
    problems.push({
      field: 'amount',
      problem: `must not exceed the product's remaining credit quota of ${yuan(limits.quotaLeft)}`,
    });
  }
  if (terms.rateBps < limits.rateMinBps || terms.rateBps > limits.rateMaxBps) {
    problems.push({
      field: 'rateBps',
      problem: `must be within the product's ${limits.rateMinBps}–${limits.rateMaxBps} bps`,
    });
  }
  if (terms.termMonths < limits.termMin || terms.termMonths > limits.termMax) {
    problems.push({
      field: 'termMonths',
      problem: `must be within the product's ${limits.termMin}–${limits.termMax} months`,
    });
  }
  return problems;
}
