import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import {
  type DeclineReason,
  type MatchStatus,
  type ProductKind,
  type Purpose,
} from '../../common/domain-enums';
import { FundingNeed } from '../needs/funding-need.entity';
import { LoanProduct } from '../products/loan-product.entity';
import { Organization } from '../organizations/organization.entity';
import { Match } from './match.entity';
import { allowedMoves } from './match-transitions';

/** One of the firm's applications (any match it or a bank has worked), as 我的申请 lists it. */
export interface FirmApplicationView {
  id: string;
  status: MatchStatus;
  version: number;
  ineligible: boolean;
  need: { id: string; amount: number; purpose: Purpose };
  product: { id: string; name: string; kind: ProductKind };
  bankName: string;
  appliedAt: Date | null;
  approvedAmount: number | null;
  approvedRateBps: number | null;
  approvedTermMonths: number | null;
  disbursedAmount: number | null;
  disbursedAt: Date | null;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  referredFromMatchId: string | null;
  allowedMoves: MatchStatus[];
  latestEventAt: Date | null;
}

interface ApplicationRow {
  id: string;
  status: MatchStatus;
  version: number;
  ineligible: boolean;
  need_id: string;
  need_amount: string;
  need_purpose: Purpose;
  product_id: string;
  product_name: string;
  product_kind: ProductKind;
  bank_name: string;
  applied_at: Date | null;
  approved_amount: string | null;
  approved_rate_bps: number | null;
  approved_term_months: number | null;
  disbursed_amount: string | null;
  disbursed_at: Date | null;
  decline_reason: DeclineReason | null;
  decline_note: string | null;
  referred_from_match_id: string | null;
  latest_event_at: Date | null;
}

const LATEST_EVENT_AT = '(SELECT max(e.at) FROM match_events e WHERE e.match_id = m.id)';

const yuanOrNull = (v: string | null): number | null => (v === null ? null : Number(v));

@Injectable()
export class FirmApplicationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
  ) {}

  /**
   * The firm's applications and every match a bank has picked up, newest activity first.
   * Activity is the latest review event; a row without events (written before events
   * existed) falls back to when it was applied for, then to its last change.
   */
  async list(actor: Actor): Promise<{ items: FirmApplicationView[] }> {
    const qb = this.db
      .getRepository(Match)
      .createQueryBuilder('m')
      .innerJoin(FundingNeed, 'n', 'n.id = m.need_id')
      .innerJoin(LoanProduct, 'p', 'p.id = m.product_id')
      .innerJoin(Organization, 'b', 'b.id = m.bank_id')
      .select('m.id', 'id')
      .addSelect('m.status', 'status')
      .addSelect('m.version', 'version')
      .addSelect('m.ineligible', 'ineligible')
      .addSelect('n.id', 'need_id')
      .addSelect('n.amount', 'need_amount')
      .addSelect('n.purpose', 'need_purpose')
      .addSelect('p.id', 'product_id')
      .addSelect('p.name', 'product_name')
      .addSelect('p.kind', 'product_kind')
      .addSelect('b.name', 'bank_name')
      .addSelect('m.applied_at', 'applied_at')
      .addSelect('m.approved_amount', 'approved_amount')
      .addSelect('m.approved_rate_bps', 'approved_rate_bps')
      .addSelect('m.approved_term_months', 'approved_term_months')
      .addSelect('m.disbursed_amount', 'disbursed_amount')
      .addSelect('m.disbursed_at', 'disbursed_at')
      .addSelect('m.decline_reason', 'decline_reason')
      .addSelect('m.decline_note', 'decline_note')
      .addSelect('m.referred_from_match_id', 'referred_from_match_id')
      .addSelect(LATEST_EVENT_AT, 'latest_event_at')
      .where(`m.status <> 'suggested'`)
      .orderBy(`COALESCE(${LATEST_EVENT_AT}, m.applied_at, m.updated_at)`, 'DESC')
      .addOrderBy('m.id', 'DESC');
    const rows = await this.scope.restrict(qb, 'match', 'm', actor).getRawMany<ApplicationRow>();
    return {
      items: rows.map((r) => ({
        id: r.id,
        status: r.status,
        version: r.version,
        ineligible: r.ineligible,
        need: { id: r.need_id, amount: Number(r.need_amount), purpose: r.need_purpose },
        product: { id: r.product_id, name: r.product_name, kind: r.product_kind },
        bankName: r.bank_name,
        appliedAt: r.applied_at,
        approvedAmount: yuanOrNull(r.approved_amount),
        approvedRateBps: r.approved_rate_bps,
        approvedTermMonths: r.approved_term_months,
        disbursedAmount: yuanOrNull(r.disbursed_amount),
        disbursedAt: r.disbursed_at,
        declineReason: r.decline_reason,
        declineNote: r.decline_note,
        referredFromMatchId: r.referred_from_match_id,
        allowedMoves: [...allowedMoves(r.status, 'firm')],
        latestEventAt: r.latest_event_at,
      })),
    };
  }
}
