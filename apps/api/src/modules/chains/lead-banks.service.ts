import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccessScope } from '../../common/auth/access-scope';
import { type Actor } from '../../common/auth/actor';
import { regionPrefix } from '../../common/region';
import { AppConfig } from '../../config/app-config';
import { WorkingCalendar } from '../matches/response-clock';
import { Chain } from './chain.entity';

/** How a chain's lead bank has served the chain's firms of the caller's region. */
export interface LeadBankPerformance {
  /** Applications the chain's firms made to the lead bank's products. */
  applications: number;
  /** Of those, the ones the bank has moved (first response given). */
  answered: number;
  /** Unanswered past the bank's own response limit, in working days. */
  overdue: number;
  /** Median working days (China's official calendar) from application to first move. */
  medianResponseDays: number | null;
  /** Credit granted (授信): matches approved or disbursed. */
  approvedCount: number;
  approvedAmount: number;
  disbursedAmount: number;
  /** Credit every bank granted the same firms: the lead bank's share is approvedAmount ÷ this. */
  chainApprovedAmount: number;
}

export interface LeadBankChange {
  at: Date;
  from: { id: string; name: string } | null;
  to: { id: string; name: string } | null;
  by: string | null;
}

export interface ChainLeadBank {
  chainId: string;
  chainName: string;
  leadBank: { id: string; name: string } | null;
  /** When the current lead bank was named on the platform; null when it came with the chain. */
  leadSince: Date | null;
  performance: LeadBankPerformance | null;
  /** Newest first, at most five. */
  changes: LeadBankChange[];
}

export interface LeadBanksOverview {
  chains: ChainLeadBank[];
  /** Banks an agency may name. */
  banks: { id: string; name: string }[];
  /** A change re-matches the chain's firms this long after the last change of a burst. */
  rematchDelaySeconds: number;
}

interface MatchRow {
  chain_id: string;
  applied_at: Date | null;
  first_response_at: Date | null;
  status: string;
  approved_amount: string | null;
  disbursed_amount: string | null;
  response_days: number;
}

interface ChangeRow {
  entity_id: string;
  at: Date;
  from_bank_id: string | null;
  to_bank_id: string | null;
  by: string | null;
}

const CREDITED = new Set(['approved', 'disbursed']);
const MAX_CHANGES = 5;

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** 一链一行: each chain's lead bank, its record on the chain, and who changed it when. */
@Injectable()
export class LeadBanksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: AccessScope,
    private readonly calendar: WorkingCalendar,
    private readonly config: AppConfig,
  ) {}

  async overview(actor: Actor, now = new Date()): Promise<LeadBanksOverview> {
    const chains = await this.scope
      .restrict(this.db.getRepository(Chain).createQueryBuilder('c'), 'chain', 'c', actor)
      .orderBy('c.name')
      .getMany();
    const ids = chains.map((c) => c.id);
    const banks: { id: string; name: string }[] = await this.db.query(
      `SELECT id, name FROM organizations WHERE kind = 'bank' ORDER BY name, id`,
    );
    const bankName = new Map(banks.map((b) => [b.id, b.name]));
    const ref = (id: string | null) => (id ? { id, name: bankName.get(id) ?? '' } : null);

    // Firms count only where the caller's region covers them, also in chains spanning regions.
    const region = `${regionPrefix(actor.regionCode)}%`;
    const rows: MatchRow[] = await this.db.query(
      `SELECT cm.chain_id, m.applied_at, m.first_response_at, m.status, m.approved_amount, m.disbursed_amount,
              b.response_days
         FROM chains c
         JOIN chain_members cm ON cm.chain_id = c.id
         JOIN organizations fo ON fo.id = cm.firm_id AND fo.region_code LIKE $2
         JOIN matches m ON m.firm_id = cm.firm_id AND m.bank_id = c.lead_bank_id
         JOIN organizations b ON b.id = m.bank_id
        -- Applying sets applied_at and leaves 'suggested' for good (no move leads back to it):
        -- the first condition changes no answer, and lets matches_firm_queue_idx find the rows.
        WHERE c.id = ANY($1::uuid[]) AND m.status <> 'suggested'
          AND (m.applied_at IS NOT NULL OR m.status IN ('approved', 'disbursed'))`,
      [ids, region],
    );
    const chainCredit: { chain_id: string; amount: string }[] = await this.db.query(
      `SELECT cm.chain_id, COALESCE(sum(m.approved_amount), 0) AS amount
         FROM chain_members cm
         JOIN organizations fo ON fo.id = cm.firm_id AND fo.region_code LIKE $2
         JOIN matches m ON m.firm_id = cm.firm_id AND m.status IN ('approved', 'disbursed')
        WHERE cm.chain_id = ANY($1::uuid[])
        GROUP BY cm.chain_id`,
      [ids, region],
    );
    const creditByChain = new Map(chainCredit.map((r) => [r.chain_id, Number(r.amount)]));
    const changes: ChangeRow[] = await this.db.query(
      `SELECT a.entity_id, a.at, a.data->>'fromBankId' AS from_bank_id, a.data->>'toBankId' AS to_bank_id,
              u.display_name AS by
         FROM audit_events a LEFT JOIN users u ON u.id = a.actor_user_id
        WHERE a.entity_type = 'chain' AND a.action = 'chain.lead_bank.set' AND a.entity_id = ANY($1::uuid[])
        ORDER BY a.at DESC, a.id DESC`,
      [ids],
    );

    return {
      chains: chains.map((chain) => {
        const own = rows.filter((r) => r.chain_id === chain.id);
        const history = changes.filter((c) => c.entity_id === chain.id);
        return {
          chainId: chain.id,
          chainName: chain.name,
          leadBank: ref(chain.leadBankId),
          leadSince: history[0]?.to_bank_id === chain.leadBankId ? (history[0]?.at ?? null) : null,
          performance: chain.leadBankId
            ? this.performance(own, creditByChain.get(chain.id) ?? 0, now)
            : null,
          changes: history.slice(0, MAX_CHANGES).map((c) => ({
            at: c.at,
            from: ref(c.from_bank_id),
            to: ref(c.to_bank_id),
            by: c.by,
          })),
        };
      }),
      banks,
      rematchDelaySeconds: Math.ceil(this.config.CHAIN_REMATCH_DELAY_MS / 1000),
    };
  }

  private performance(rows: MatchRow[], chainApproved: number, now: Date): LeadBankPerformance {
    const applications = rows.filter((r) => r.applied_at !== null);
    const answered = applications.filter((r) => r.first_response_at !== null);
    const credited = rows.filter((r) => CREDITED.has(r.status));
    return {
      applications: applications.length,
      answered: answered.length,
      overdue: applications.filter(
        (r) =>
          r.first_response_at === null &&
          r.status === 'applied' &&
          this.calendar.isOverdue(r.applied_at as Date, now, r.response_days),
      ).length,
      medianResponseDays: median(
        answered.map((r) =>
          this.calendar.workingDaysBetween(r.applied_at as Date, r.first_response_at as Date),
        ),
      ),
      approvedCount: credited.length,
      approvedAmount: credited.reduce((s, r) => s + Number(r.approved_amount ?? 0), 0),
      disbursedAmount: credited.reduce((s, r) => s + Number(r.disbursed_amount ?? 0), 0),
      chainApprovedAmount: chainApproved,
    };
  }
}
