import { type Check, type ScoreComponent, evaluateWorkedMatch } from '@lianrong/matching';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { type MatchStatus } from '../../common/domain-enums';
import { notFound } from '../../common/http/api-error';
import { type FirmClaimKind } from '../claims/claim-kinds';
import { FirmsService, type FirmView } from '../firms/firms.service';
import {
  WorkingCapitalEstimateService,
  type WorkingCapitalEstimateView,
} from '../firms/working-capital-estimate.service';
import { allowedMoves } from '../matches/match-transitions';
import { loadMatchContext, loadNeedEntries, loadProducts } from '../matching/matching-inputs';
import { type QueueNeed } from './bank-queue.service';
import { financialsStale } from './financials-staleness';
import { QUEUE_ROWS } from './queue-sql';

/** Who vouched for one of the firm's facts, as the firm's own profile shows it. */
export interface FactConfirmation {
  kind: FirmClaimKind;
  /** For a chain membership: which chain. */
  chain: { id: string; name: string } | null;
  decidedBy: { id: string; name: string; agency: string };
  decidedAt: Date;
}

/** A supply link the core enterprise itself confirmed (the basis of supply-chain loans). */
export interface ConfirmedSupplyLink {
  coreFirm: { id: string; name: string };
  annualSales: number;
  confirmedAt: Date | null;
}

export interface BankFirmMatch {
  id: string;
  version: number;
  status: MatchStatus;
  score: number | null;
  ineligible: boolean;
  product: { id: string; name: string };
  need: QueueNeed & { maxRateBps: number };
  appliedAt: Date | null;
  /** Every rule of the product as required vs actual, judged as the pipeline judges a worked match. */
  checks: Check[];
  components: ScoreComponent[];
  allowedMoves: MatchStatus[];
}

export interface BankFirmView {
  firm: FirmView;
  confirmations: FactConfirmation[];
  supplyLinks: ConfirmedSupplyLink[];
  latestYear: number | null;
  financialsStale: boolean;
  estimate: WorkingCapitalEstimateView | null;
  match: BankFirmMatch | null;
}

interface MatchRow {
  id: string;
  version: number;
  status: MatchStatus;
  score: number | null;
  ineligible: boolean;
  applied_at: Date | null;
  proposed_by: string | null;
  product_id: string;
  product_name: string;
  need_id: string;
  amount: string;
  term_months: number;
  purpose: QueueNeed['purpose'];
  collateral: QueueNeed['collateral'];
  max_rate_bps: number;
}

/**
 * A firm as the officer reviewing it sees it (GET /bank/firms/:firmId). DESIGN §2: an
 * officer sees a firm only when it is in the bank's queue — ranked in the officer's view of
 * one of its products, or applying to or worked by the bank; any other firm does not exist
 * for it (404).
 */
@Injectable()
export class BankFirmViewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly firms: FirmsService,
    private readonly estimates: WorkingCapitalEstimateService,
  ) {}

  async view(
    actor: Actor,
    firmId: string,
    matchId?: string,
    now = new Date(),
  ): Promise<BankFirmView> {
    const [{ visible }] = (await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM matches m WHERE m.firm_id = $1 AND m.bank_id = $2 AND ${QUEUE_ROWS}) AS visible`,
      [firmId, actor.orgId],
    )) as { visible: boolean }[];
    if (!visible) throw notFound('firm');
    const match = matchId ? await this.match(actor, firmId, matchId) : null;
    const [firm, confirmations, supplyLinks, estimate] = await Promise.all([
      this.firms.view(firmId),
      this.confirmations(firmId),
      this.supplyLinks(firmId),
      this.estimates.estimateFor(firmId),
    ]);
    const latestYear = firm.financials[0]?.year ?? null;
    const memberOf = new Set(firm.chains.map((c) => c.id));
    return {
      firm,
      // A chain left since its confirmation no longer vouches for anything.
      confirmations: confirmations.filter(
        (c) => c.kind !== 'chain' || memberOf.has(c.chain?.id ?? ''),
      ),
      supplyLinks,
      latestYear,
      financialsStale: financialsStale(latestYear, now),
      estimate,
      match,
    };
  }

  private async match(actor: Actor, firmId: string, matchId: string): Promise<BankFirmMatch> {
    const [row] = (await this.db.query(
      `SELECT m.id, m.version, m.status, m.score, m.ineligible, m.applied_at, m.proposed_by,
              p.id AS product_id, p.name AS product_name,
              n.id AS need_id, n.amount, n.term_months, n.purpose, n.collateral, n.max_rate_bps
         FROM matches m JOIN loan_products p ON p.id = m.product_id JOIN funding_needs n ON n.id = m.need_id
        WHERE m.id = $1 AND m.firm_id = $2 AND m.bank_id = $3 AND ${QUEUE_ROWS}`,
      [matchId, firmId, actor.orgId],
    )) as MatchRow[];
    if (!row) throw notFound('match');
    // The same inputs and library call as the firm's own view of the match (MatchesService).
    const [entry] = await loadNeedEntries(this.db.manager, { kind: 'ids', ids: [row.need_id] });
    const [product] = await loadProducts(this.db.manager, [row.product_id]);
    const evaluation = evaluateWorkedMatch(
      entry.firm,
      entry.need,
      product,
      await loadMatchContext(this.db.manager),
    );
    return {
      id: row.id,
      version: row.version,
      status: row.status,
      score: row.score,
      ineligible: row.ineligible,
      product: { id: row.product_id, name: row.product_name },
      need: {
        id: row.need_id,
        amount: Number(row.amount),
        termMonths: row.term_months,
        purpose: row.purpose,
        collateral: row.collateral,
        maxRateBps: row.max_rate_bps,
      },
      appliedAt: row.applied_at,
      checks: evaluation.checks,
      components: evaluation.components,
      allowedMoves: allowedMoves(row.status, 'bank').filter(
        (to) =>
          !(
            row.status === 'pending_approval' &&
            to === 'approved' &&
            row.proposed_by === actor.userId
          ),
      ),
    };
  }

  /** The latest confirmation of each fact (of each chain membership), with the deciding officer. */
  private async confirmations(firmId: string): Promise<FactConfirmation[]> {
    const rows = (await this.db.query(
      `SELECT DISTINCT ON (c.kind, c.chain_id)
              c.kind, c.chain_id, ch.name AS chain_name, c.decided_by, c.decided_at,
              u.display_name AS decider_name, uo.name AS decider_agency
         FROM firm_claims c
         LEFT JOIN chains ch ON ch.id = c.chain_id
         JOIN users u ON u.id = c.decided_by
         LEFT JOIN organizations uo ON uo.id = u.organization_id
        WHERE c.firm_id = $1 AND c.status = 'confirmed'
        ORDER BY c.kind, c.chain_id, c.decided_at DESC, c.id`,
      [firmId],
    )) as {
      kind: FirmClaimKind;
      chain_id: string | null;
      chain_name: string | null;
      decided_by: string;
      decided_at: Date;
      decider_name: string;
      decider_agency: string | null;
    }[];
    return rows.map((r) => ({
      kind: r.kind,
      chain: r.chain_id ? { id: r.chain_id, name: r.chain_name ?? '' } : null,
      decidedBy: { id: r.decided_by, name: r.decider_name, agency: r.decider_agency ?? '' },
      decidedAt: r.decided_at,
    }));
  }

  private async supplyLinks(firmId: string): Promise<ConfirmedSupplyLink[]> {
    const rows = (await this.db.query(
      `SELECT s.core_firm_id, o.name AS core_name, s.annual_sales, s.confirmed_at
         FROM supply_links s JOIN organizations o ON o.id = s.core_firm_id
        WHERE s.supplier_id = $1 AND s.status = 'confirmed'
        ORDER BY o.name, s.core_firm_id`,
      [firmId],
    )) as {
      core_firm_id: string;
      core_name: string;
      annual_sales: string;
      confirmed_at: Date | null;
    }[];
    return rows.map((r) => ({
      coreFirm: { id: r.core_firm_id, name: r.core_name },
      annualSales: Number(r.annual_sales),
      confirmedAt: r.confirmed_at,
    }));
  }
}
