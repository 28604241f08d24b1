import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Tier } from '../../common/domain-enums';
import { bind, factParams } from './dashboard-facts.sql';
import { addMonths, monthDate } from './dashboard-figures';
import { type ReadFilters } from './dashboard-reader';
import { type ChainCoreEnterprise, type ChainFirm, type FirmStage } from './dashboard.types';

/** Suppliers listed per core enterprise (the largest by confirmed annual sales). */
export const SUPPLIERS_PER_CORE = 50;

// Standing credit approved, and drawdowns on it, within the period — the same definitions
// as the chain figures (dashboard-facts.sql.ts).
const APPROVED_IN_PERIOD = `
  SELECT COALESCE(sum(m.approved_amount), 0)::bigint FROM matches m
   WHERE m.firm_id = X AND m.status IN ('approved', 'disbursed')
     AND date_trunc('month', m.approved_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN :from::date AND :to::date`;
const DISBURSED_IN_PERIOD = `
  SELECT COALESCE(sum(e.amount), 0)::bigint FROM match_events e JOIN matches m ON m.id = e.match_id
   WHERE m.firm_id = X AND m.status = 'disbursed' AND e.to_status = 'disbursed' AND e.amount IS NOT NULL
     AND e.occurred_on >= :from::date AND e.occurred_on < :after::date`;

/**
 * A chain's page: its member firms of the region, each with how far it got, and its core
 * enterprises with their confirmed suppliers and what each received. Read from the records
 * (a page of firms at a time), not from the facts.
 */
@Injectable()
export class ChainDetailReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  private values(f: ReadFilters, now = new Date()) {
    return {
      lo: f.scope.lo,
      hi: f.scope.hi,
      minTierYear: factParams(now).minTierYear,
      from: monthDate(f.period.from),
      to: monthDate(f.period.to),
      after: monthDate(addMonths(f.period.to, 1)),
      tier: f.tier,
    };
  }

  /**
   * Stage, furthest first: disbursed (a drawdown in the period), approved (credit approved in
   * the period), in_progress (an application under way now), matched (a need open now with
   * an eligible product), blocked (needs open now, none with an eligible product),
   * no_open_need. Whatever the bank: the bank filter narrows the figures, not the firms.
   */
  async firms(
    chainId: string,
    f: ReadFilters,
    limit: number,
    offset: number,
  ): Promise<{ total: number; items: ChainFirm[] }> {
    const { text, params } = bind(
      `WITH members AS (
         SELECT o.id, o.name, o.region_code, f.whitelisted,
                (CASE WHEN f.tier_year >= :minTierYear THEN f.tier ELSE 'none' END)::firm_tier AS tier,
                EXISTS (SELECT 1 FROM chain_core_enterprises ce WHERE ce.chain_id = cm.chain_id AND ce.firm_id = cm.firm_id) AS core
           FROM chain_members cm
           JOIN organizations o ON o.id = cm.firm_id
           JOIN firms f ON f.id = cm.firm_id
          WHERE cm.chain_id = :chain AND o.region_code BETWEEN :lo AND :hi
       ),
       chosen AS (
         SELECT * FROM members WHERE :tier::firm_tier IS NULL OR tier = :tier::firm_tier
       ),
       page AS (SELECT * FROM chosen ORDER BY name, id LIMIT :limit OFFSET :offset)
       SELECT p.*, (SELECT count(*)::int FROM chosen) AS total,
              n.open_needs, n.open_amount, n.matched_needs, a.live_applications,
              (${APPROVED_IN_PERIOD.replace('X', 'p.id')}) AS approved_amount,
              (SELECT count(*)::int FROM matches m WHERE m.firm_id = p.id AND m.status IN ('approved', 'disbursed')
                  AND date_trunc('month', m.approved_at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN :from::date AND :to::date) AS approvals,
              (${DISBURSED_IN_PERIOD.replace('X', 'p.id')}) AS disbursed_amount
         FROM page p
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS open_needs, COALESCE(sum(n.amount), 0)::bigint AS open_amount,
                  (count(*) FILTER (WHERE EXISTS (SELECT 1 FROM matches m WHERE m.need_id = n.id AND NOT m.ineligible)))::int AS matched_needs
             FROM funding_needs n WHERE n.firm_id = p.id AND n.status = 'open') n
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS live_applications FROM matches m
            WHERE m.firm_id = p.id AND m.status IN ('applied', 'contacted', 'in_review', 'pending_approval')) a
        ORDER BY p.name, p.id`,
      { ...this.values(f), chain: chainId, limit, offset },
    );
    const rows: {
      id: string;
      name: string;
      region_code: string;
      whitelisted: boolean;
      tier: Tier;
      core: boolean;
      total: number;
      open_needs: number;
      open_amount: string;
      matched_needs: number;
      live_applications: number;
      approved_amount: string;
      approvals: number;
      disbursed_amount: string;
    }[] = await this.db.query(text, params);
    let total = rows[0]?.total;
    if (total === undefined) {
      // A page past the end still says how many there are.
      const bound = bind(
        `SELECT count(*)::int AS n FROM chain_members cm JOIN organizations o ON o.id = cm.firm_id JOIN firms f ON f.id = cm.firm_id
          WHERE cm.chain_id = :chain AND o.region_code BETWEEN :lo AND :hi
            AND (:tier::firm_tier IS NULL OR (CASE WHEN f.tier_year >= :minTierYear THEN f.tier ELSE 'none' END) = :tier::firm_tier)`,
        { ...this.values(f), chain: chainId },
      );
      total = ((await this.db.query(bound.text, bound.params)) as { n: number }[])[0].n;
    }
    return {
      total,
      items: rows.map((r) => {
        const disbursed = Number(r.disbursed_amount);
        const stage: FirmStage =
          disbursed > 0
            ? 'disbursed'
            : r.approvals > 0
              ? 'approved'
              : r.live_applications > 0
                ? 'in_progress'
                : r.matched_needs > 0
                  ? 'matched'
                  : r.open_needs > 0
                    ? 'blocked'
                    : 'no_open_need';
        return {
          id: r.id,
          name: r.name,
          regionCode: r.region_code,
          tier: r.tier,
          core: r.core,
          whitelisted: r.whitelisted,
          stage,
          openNeeds: r.open_needs,
          openNeedAmount: Number(r.open_amount),
          liveApplications: r.live_applications,
          approvedAmount: Number(r.approved_amount),
          disbursedAmount: disbursed,
        };
      }),
    };
  }

  /**
   * The chain's core enterprises (链主; listed wherever they are registered: a chain's
   * leaders are public) with their confirmed suppliers of the agency's region and the
   * financing each received in the period.
   */
  async coreEnterprises(chainId: string, f: ReadFilters): Promise<ChainCoreEnterprise[]> {
    const { text, params } = bind(
      `SELECT co.id AS core_id, co.name AS core_name, co.region_code AS core_region,
              (SELECT count(*)::int FROM supply_links sl JOIN organizations so ON so.id = sl.supplier_id
                WHERE sl.core_firm_id = ce.firm_id AND sl.status = 'confirmed' AND so.region_code BETWEEN :lo AND :hi) AS supplier_count,
              s.supplier_id, s.name AS supplier_name, s.region_code AS supplier_region, s.annual_sales, s.confirmed_at,
              CASE WHEN s.supplier_id IS NOT NULL THEN (${APPROVED_IN_PERIOD.replace('X', 's.supplier_id')}) END AS approved_amount,
              CASE WHEN s.supplier_id IS NOT NULL THEN (${DISBURSED_IN_PERIOD.replace('X', 's.supplier_id')}) END AS disbursed_amount
         FROM chain_core_enterprises ce
         JOIN organizations co ON co.id = ce.firm_id
         LEFT JOIN LATERAL (
           SELECT sl.supplier_id, so.name, so.region_code, sl.annual_sales, sl.confirmed_at
             FROM supply_links sl JOIN organizations so ON so.id = sl.supplier_id
            WHERE sl.core_firm_id = ce.firm_id AND sl.status = 'confirmed' AND so.region_code BETWEEN :lo AND :hi
            ORDER BY sl.annual_sales DESC, sl.supplier_id LIMIT ${SUPPLIERS_PER_CORE}) s ON true
        WHERE ce.chain_id = :chain
        ORDER BY co.name, co.id, s.annual_sales DESC, s.supplier_id`,
      { ...this.values(f), chain: chainId },
    );
    const rows: {
      core_id: string;
      core_name: string;
      core_region: string;
      supplier_count: number;
      supplier_id: string | null;
      supplier_name: string | null;
      supplier_region: string | null;
      annual_sales: string | null;
      confirmed_at: Date | null;
      approved_amount: string | null;
      disbursed_amount: string | null;
    }[] = await this.db.query(text, params);
    const cores = new Map<string, ChainCoreEnterprise>();
    for (const r of rows) {
      let core = cores.get(r.core_id);
      if (!core) {
        core = {
          id: r.core_id,
          name: r.core_name,
          regionCode: r.core_region,
          supplierCount: r.supplier_count,
          suppliers: [],
        };
        cores.set(r.core_id, core);
      }
      if (r.supplier_id) {
        core.suppliers.push({
          id: r.supplier_id,
          name: r.supplier_name ?? '',
          regionCode: r.supplier_region ?? '',
          annualSales: Number(r.annual_sales),
          confirmedAt: r.confirmed_at,
          approvedAmount: Number(r.approved_amount),
          disbursedAmount: Number(r.disbursed_amount),
        });
      }
    }
    return [...cores.values()];
  }
}
