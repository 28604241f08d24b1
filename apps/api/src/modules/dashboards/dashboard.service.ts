import { gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { TIERS, type Tier } from '../../common/domain-enums';
import { badRequest, notFound } from '../../common/http/api-error';
import { AppConfig } from '../../config/app-config';
import { ChainDetailReader } from './chain-detail.reader';
import { blockerFigures, citiesOf, regionName, trendOf } from './dashboard-shape';
import { DashboardFactsService } from './dashboard-facts.service';
import { FactsCache } from './facts-cache';
import {
  emptySums,
  figuresOf,
  histogramMedian,
  ratioBps,
  resolvePeriod,
  resolveScope,
  scopeOf,
} from './dashboard-figures';
import {
  type BlockerSums,
  DashboardReader,
  type FactSource,
  groupKey,
  type ReadFilters,
} from './dashboard-reader';
import {
  type BanksView,
  type BlockersView,
  type ChainDetail,
  type ChainOverview,
  type DashboardFilters,
  type DashboardOverview,
  type Freshness,
  type IdName,
} from './dashboard.types';
import { regionPrefix } from '../../common/region';

/** What a request asks, before it is resolved against the caller's region. */
export interface FilterInput {
  from?: string;
  to?: string;
  tier?: Tier;
  city?: string;
  bank?: string;
  chain?: string;
}

interface Resolved {
  filters: DashboardFilters;
  read: ReadFilters;
  agency: ReturnType<typeof scopeOf>;
  source: FactSource;
  freshness: Freshness;
}

/**
 * The government dashboard (issue 11): per industrial chain of the agency's region, who
 * asked for money, who was matched, who got credit and cash, how fast banks answered and
 * what blocks the rest. This service resolves the request (period, region, filters), reads
 * the summed rows and shapes the answer. The figures, as the issue words them (the SQL is in
 * dashboard-facts.sql.ts, the names in ChainFigures):
 *
 * - Period: whole China months `from`…`to`, by default the twelve up to the current one.
 * - Firms by tier: member firms of the region by the certified tier that counts today.
 * - Firms with open needs / needs / amount asked: needs open at any time in the period
 *   (posted before it ended, not fulfilled or withdrawn before it began), their firms and Σ
 *   amount. Needs with at least one eligible product: of those, the ones holding a stored
 *   eligible match of any status.
 * - Applications: matches applied for in the period; answered: moved by the bank since;
 *   overdue: still unanswered past the bank's response days, in working days, now.
 * - Approved count and credit: matches approved in the period whose credit still stands
 *   (approved or disbursed). Declined: decline moves in the period. Approval rate:
 *   approved ÷ (approved + declined).
 * - Disbursed count: disbursed matches whose first drawdown's value date is in the period;
 *   amount: every drawdown (分笔) with a value date in the period.
 * - First-time borrowers (首贷户): firms whose first standing approval on the platform falls
 *   in the period (under a bank filter, granted by that bank).
 * - Credit-loan share (信用贷): credit to needs that offered no collateral ÷ all credit;
 *   average approved rate: weighted by the approved amount.
 * - Coverage: firms with an approval or a drawdown in the period ÷ firms with a need open
 *   at any time in the period.
 * - Median working days to the first bank move: over the period's answered applications,
 *   on China's official calendar (WorkingCalendar.workingDaysBetween).
 * - Lead bank (一链一行) and its share: its credit to the chain's firms in the period ÷ every
 *   bank's, whatever the bank filter. Each figure also by city (市州).
 * - A bank filter narrows the loan figures (applications to coverage); needs are the firms'.
 *
 * Region: only firms registered within the agency's region count, also in chains that span
 * regions. An agency sees the chains set up within its region and those with member firms
 * in it; a chain it does not see answers 404.
 */
@Injectable()
export class DashboardService {
  private readonly overviews = new FactsCache<{
    value: Omit<DashboardOverview, 'freshness'>;
    json: string;
    encoded: Map<string, { plain: Buffer; gzip?: Buffer }>;
  }>();
  private readonly bankLists = new FactsCache<BanksView['items']>();
  private readonly blockerInputsCache = new FactsCache<
    Awaited<ReturnType<DashboardService['blockerInputs']>>
  >();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly facts: DashboardFactsService,
    private readonly reader: DashboardReader,
    private readonly details: ChainDetailReader,
  ) {}

  async overview(actor: Actor, input: FilterInput, now = new Date()): Promise<DashboardOverview> {
    const { r, body } = await this.overviewBody(actor, input, now);
    return { ...body.value, freshness: r.freshness };
  }

  /**
   * The overview as encoded JSON. The page's answer is a few hundred kilobytes at scale;
   * serialising and encoding it again for every request of the same build would cost more
   * than the whole rest of the request, so the bytes (and their gzip, for the browsers that
   * take it) are kept with the answer, per freshness (which may change between builds).
   */
  async overviewPayload(
    actor: Actor,
    input: FilterInput,
    gzip: boolean,
    now = new Date(),
  ): Promise<Buffer> {
    const { r, body } = await this.overviewBody(actor, input, now);
    const freshness = JSON.stringify(r.freshness);
    let encoded = body.encoded.get(freshness);
    if (!encoded) {
      encoded = { plain: Buffer.from(`{"freshness":${freshness},${body.json.slice(1)}`, 'utf8') };
      // Two states of freshness at most per build (changes pending or not).
      if (body.encoded.size > 4) body.encoded.clear();
      body.encoded.set(freshness, encoded);
    }
    if (!gzip) return encoded.plain;
    encoded.gzip ??= gzipSync(encoded.plain);
    return encoded.gzip;
  }

  private async overviewBody(actor: Actor, input: FilterInput, now: Date) {
    const r = await this.resolve(actor, { ...input, chain: undefined }, now);
    const body = await this.cached(this.overviews, 'overview', actor, r, async () => {
      const value = await this.computeOverview(actor, r);
      return { value, json: JSON.stringify(value), encoded: new Map() };
    });
    return { r, body };
  }

  private async computeOverview(
    actor: Actor,
    r: Resolved,
  ): Promise<Omit<DashboardOverview, 'freshness'>> {
    const [chains, { sums, credit, trend }] = await Promise.all([
      this.reader.visibleChains(r.agency, r.read, r.source, r.freshness.asOf),
      this.reader.figureSums(r.read, r.source, r.freshness.asOf),
    ]);
    const items = chains.map((c) => this.chainOverview(c, sums, credit));
    return {
      region: { code: actor.regionCode, name: regionName(actor.regionCode) },
      filters: r.filters,
      totals: figuresOf(sums.get(groupKey(null, null)) ?? emptySums()),
      cities: citiesOf(null, sums),
      items,
      trend: trendOf(r.filters, trend, null),
      chainTrends: items.map((c) => ({ chainId: c.id, points: trendOf(r.filters, trend, c.id) })),
    };
  }

  /**
   * An answer from the facts is the same until the next build: kept per build, region and
   * filters (FactsCache). Live answers are summed afresh every time.
   */
  private cached<T>(
    cache: FactsCache<T>,
    kind: string,
    actor: Actor,
    r: Resolved,
    compute: () => Promise<T>,
  ): Promise<T> {
    if (r.source === 'live') return compute();
    const f = r.read;
    const key = [
      kind,
      r.freshness.asOf.toISOString(),
      actor.regionCode,
      f.scope.prefix,
      f.period.from,
      f.period.to,
      f.tier ?? '',
      f.bankId ?? '',
      f.chainId ?? '',
    ].join('|');
    return cache.get(key, compute);
  }

  async chain(
    actor: Actor,
    id: string,
    input: FilterInput & { limit?: number; offset?: number },
    now = new Date(),
  ): Promise<ChainDetail> {
    const r = await this.resolve(actor, { ...input, chain: undefined }, now);
    // Visible to the agency, whatever the city filter: else it does not exist for it.
    const [visible] = await this.reader.visibleChains(
      r.agency,
      { ...r.read, scope: r.agency, chainId: id },
      r.source,
      r.freshness.asOf,
    );
    if (!visible) throw notFound('chain');
    const read = { ...r.read, chainId: id };
    const limit = input.limit ?? 50;
    const offset = input.offset ?? 0;
    const [{ sums, credit, trend }, firms, coreEnterprises] = await Promise.all([
      this.reader.figureSums(read, r.source, r.freshness.asOf),
      this.details.firms(id, read, limit, offset),
      this.details.coreEnterprises(id, read),
    ]);
    const overview = this.chainOverview(visible, sums, credit);
    return {
      ...overview,
      filters: { ...r.filters, chain: { id: visible.id, name: visible.name } },
      freshness: r.freshness,
      trend: trendOf(r.filters, trend, id),
      firms: { ...firms, offset, limit },
      coreEnterprises,
    };
  }

  /**
   * What blocks the needs open now that no product takes (see needBlockers): per failure
   * code, the needs whose nearest products fail it — a need counts once per code, so the
   * shares may add up to more than 100% — by chain and by tier, and the needs one rule away.
   */
  async blockers(
    actor: Actor,
    input: { chain?: string; tier?: Tier; city?: string },
    now = new Date(),
  ): Promise<BlockersView> {
    const r = await this.resolve(actor, input, now);
    const state = await this.facts.state();
    // Blockers come from the facts even when the other figures are live; until the first
    // build there are none to keep.
    const asOf = state.refreshedAt ?? r.freshness.asOf;
    const fromFacts = { ...r, source: 'facts' as const, freshness: { ...r.freshness, asOf } };
    const read = () => this.blockerInputs(r, asOf);
    const { chains, sums } = state.refreshedAt
      ? await this.cached(this.blockerInputsCache, 'blockers', actor, fromFacts, read)
      : await read();
    const chainId = r.read.chainId;
    const empty: BlockerSums = { openNeeds: 0, blockedNeeds: 0, oneRuleAway: 0, codes: new Map() };
    const get = (chain: string | null, tier: Tier | null) =>
      sums.get(groupKey(chain, tier)) ?? empty;
    return {
      filters: r.filters,
      freshness: state.refreshedAt ? this.freshnessOf(state, 'facts') : null,
      totals: blockerFigures(get(chainId, null)),
      byChain: chains.map((c) => ({
        chain: { id: c.id, name: c.name },
        ...blockerFigures(get(c.id, null)),
      })),
      byTier: TIERS.filter((t) => !r.read.tier || t === r.read.tier).map((tier) => ({
        tier,
        ...blockerFigures(get(chainId, tier)),
      })),
    };
  }

  private async blockerInputs(r: Resolved, asOf: Date) {
    const [chains, sums] = await Promise.all([
      this.reader.visibleChains(r.agency, r.read, 'facts', asOf),
      this.reader.blockerSums(r.read, asOf),
    ]);
    return { chains, sums };
  }

  /**
   * Bank responsiveness on the response clock: per bank, the applications of the region's
   * firms in the period, the median working days to its first move, the ones still
   * unanswered past its limit, and approved ÷ (approved + declined).
   */
  async banks(actor: Actor, input: FilterInput, now = new Date()): Promise<BanksView> {
    const r = await this.resolve(actor, input, now);
    const items = await this.cached(this.bankLists, 'banks', actor, r, () => this.bankItems(r));
    return { filters: r.filters, freshness: r.freshness, items };
  }

  private async bankItems(r: Resolved): Promise<BanksView['items']> {
    const rows = await this.reader.bankSums(r.read, r.source, r.freshness.asOf);
    const banks: { id: string; name: string; response_days: number }[] = rows.length
      ? await this.db.query(
          `SELECT id, name, response_days FROM organizations WHERE id = ANY($1::uuid[])`,
          [rows.map((b) => b.bankId)],
        )
      : [];
    const bank = new Map(banks.map((b) => [b.id, b]));
    return rows
      .map(({ bankId, sums: s }) => ({
        bank: { id: bankId, name: bank.get(bankId)?.name ?? '' },
        responseDays: bank.get(bankId)?.response_days ?? 0,
        applications: s.applications,
        answered: s.answered,
        overdue: s.overdue,
        medianResponseDays: histogramMedian(s.responseDays),
        approvedCount: s.approvals,
        declinedCount: s.declines,
        approvalRateBps: ratioBps(s.approvals, s.approvals + s.declines),
        approvedAmount: s.approvedAmount,
        disbursedAmount: s.disbursedAmount,
      }))
      .sort(
        (a, b) =>
          b.applications - a.applications || a.bank.name.localeCompare(b.bank.name, 'zh-CN'),
      );
  }

  /** The request's period, region and filters, checked; and where its figures come from. */
  async resolve(actor: Actor, input: FilterInput, now: Date): Promise<Resolved> {
    const period = resolvePeriod(input.from, input.to, now);
    const scope = resolveScope(actor.regionCode, input.city);
    const agency = scopeOf(regionPrefix(actor.regionCode));
    const bank = input.bank ? await this.named(input.bank, 'bank') : null;
    const chain = input.chain ? await this.visibleChain(agency, input.chain) : null;
    const state = await this.facts.state();
    const source: FactSource =
      this.config.GOV_DASHBOARD_SOURCE === 'live' || !state.refreshedAt ? 'live' : 'facts';
    return {
      filters: { period, tier: input.tier ?? null, city: input.city ?? null, bank, chain },
      read: {
        scope,
        period,
        tier: input.tier ?? null,
        bankId: bank?.id ?? null,
        chainId: chain?.id ?? null,
      },
      agency,
      source,
      freshness:
        source === 'facts'
          ? this.freshnessOf(state, 'facts')
          : this.freshnessOf(state, 'live', now),
    };
  }

  private freshnessOf(
    state: Awaited<ReturnType<DashboardFactsService['state']>>,
    source: FactSource,
    now?: Date,
  ): Freshness {
    return {
      asOf: source === 'live' ? (now as Date) : (state.refreshedAt as Date),
      source,
      pendingChanges:
        source === 'facts' && state.changeSeq !== null && state.currentSeq > state.changeSeq,
      refreshEveryMinutes: Math.round(this.config.GOV_FACTS_REFRESH_EVERY_MS / 60_000),
    };
  }

  private async named(id: string, kind: 'bank'): Promise<IdName> {
    const [row]: IdName[] = await this.db.query(
      `SELECT id, name FROM organizations WHERE id = $1 AND kind = $2`,
      [id, kind],
    );
    if (!row) throw badRequest(kind, `is not a ${kind}`);
    return row;
  }

  /** A chain filter must name a chain the agency sees (400, naming the field, otherwise). */
  private async visibleChain(agency: ReturnType<typeof scopeOf>, id: string): Promise<IdName> {
    const [row]: IdName[] = await this.db.query(
      `SELECT c.id, c.name FROM chains c
        WHERE c.id = $1 AND (c.region_code BETWEEN $2 AND $3
              OR EXISTS (SELECT 1 FROM chain_members cm JOIN organizations o ON o.id = cm.firm_id
                          WHERE cm.chain_id = c.id AND o.region_code BETWEEN $2 AND $3))`,
      [id, agency.lo, agency.hi],
    );
    if (!row) throw badRequest('chain', 'is not a chain of your region');
    return row;
  }

  private chainOverview(
    c: {
      id: string;
      name: string;
      region_code: string;
      lead_bank_id: string | null;
      lead_bank_name: string | null;
    },
    sums: Map<string, ReturnType<typeof emptySums>>,
    credit: Map<string, Map<string, number>>,
  ): ChainOverview {
    const byBank = credit.get(c.id) ?? new Map<string, number>();
    const all = [...byBank.values()].reduce((a, b) => a + b, 0);
    const lead = c.lead_bank_id ? (byBank.get(c.lead_bank_id) ?? 0) : 0;
    return {
      id: c.id,
      name: c.name,
      regionCode: c.region_code,
      leadBank: c.lead_bank_id ? { id: c.lead_bank_id, name: c.lead_bank_name ?? '' } : null,
      leadBankApprovedAmount: lead,
      leadBankShareBps: c.lead_bank_id ? ratioBps(lead, all) : null,
      figures: figuresOf(sums.get(groupKey(c.id, null)) ?? emptySums()),
      cities: citiesOf(c.id, sums),
    };
  }
}
