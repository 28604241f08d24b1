import {
  type WorkingCapitalYear,
  type TurnoverItem,
  estimateWorkingCapitalLoan,
  revenueGrowth,
} from '@lianrong/matching';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type Actor } from '../../common/auth/actor';
import { ApiException } from '../../common/http/api-error';
import { type WorkingCapitalEstimateQuery } from './dtos/working-capital-estimate.query';
import { FinancialYear } from './financial-year.entity';

/** The 流动资金贷款需求量测算 as a loan officer writes it: money in whole yuan, days and ratios as decimals. */
export interface WorkingCapitalEstimateView {
  year: number;
  previousYear: number | null;
  /** Where the growth came from: the query, last year's revenue growth, or 0 without a usable previous year. */
  growth: { value: number; source: 'query' | 'last_year' | 'none' };
  revenue: number;
  costOfSales: number;
  netProfit: number;
  netMargin: number;
  /** averageBalance rounded to whole yuan; days from the exact average. */
  items: TurnoverItem[];
  daySum: number;
  turnoverCount: number | null;
  workingCapital: number;
  deductions: {
    ownWorkingCapital: number;
    existingWorkingCapitalLoans: number;
    otherFunding: number;
  };
  newLoanLimit: number;
}

/**
 * The new line the estimate suggests with its defaults (last year's growth, else 0; no other
 * funding), for lists that show one figure per firm. `previous` counts only when it is the
 * year right before `latest`, as in the full estimate.
 */
export function defaultSuggestedLine(
  latest: WorkingCapitalYear,
  previous: WorkingCapitalYear | undefined,
): number {
  const prev = previous?.year === latest.year - 1 ? previous : undefined;
  return estimateWorkingCapitalLoan(latest, prev, revenueGrowth(latest, prev) ?? 0, 0).newLoanLimit;
}

@Injectable()
export class WorkingCapitalEstimateService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async estimate(
    actor: Actor,
    query: WorkingCapitalEstimateQuery,
  ): Promise<WorkingCapitalEstimateView> {
    const view = await this.estimateFor(actor.orgId, query);
    if (view === null) {
      throw query.year === undefined
        ? new ApiException(
            HttpStatus.NOT_FOUND,
            'no financial year reported yet: enter financials first',
          )
        : new ApiException(HttpStatus.NOT_FOUND, `no financials reported for ${query.year}`, [
            { field: 'year', problem: 'has no financials reported' },
          ]);
    }
    return view;
  }

  /**
   * Any firm's estimate (an officer reads the firm it reviews); null when the firm has not
   * reported the year asked for, or any year.
   */
  async estimateFor(
    firmId: string,
    query: WorkingCapitalEstimateQuery = {},
  ): Promise<WorkingCapitalEstimateView | null> {
    const repo = this.db.getRepository(FinancialYear);
    const fy =
      query.year === undefined
        ? await repo.findOne({ where: { firmId }, order: { year: 'DESC' } })
        : await repo.findOne({ where: { firmId, year: query.year } });
    if (fy === null) return null;
    const prev = (await repo.findOne({ where: { firmId, year: fy.year - 1 } })) ?? undefined;
    const lastGrowth = revenueGrowth(fy, prev);
    const growth: WorkingCapitalEstimateView['growth'] =
      query.growth !== undefined
        ? { value: query.growth, source: 'query' }
        : lastGrowth !== null
          ? { value: lastGrowth, source: 'last_year' }
          : { value: 0, source: 'none' };
    const est = estimateWorkingCapitalLoan(fy, prev, growth.value, query.otherFunding ?? 0);
    return {
      year: est.year,
      previousYear: est.previousYear,
      growth,
      revenue: est.revenue,
      costOfSales: est.costOfSales,
      netProfit: est.netProfit,
      netMargin: est.netMargin,
      // An average of two balances can end in half a yuan; money leaves the API as whole
      // yuan, so it is rounded here (half up). The days were computed from the exact average.
      items: est.items.map((item) => ({
        ...item,
        averageBalance: Math.round(item.averageBalance),
      })),
      daySum: est.daySum,
      turnoverCount: est.turnoverCount,
      // Already whole yuan: the method floors the working capital and the new line.
      workingCapital: est.workingCapital,
      deductions: est.deductions,
      newLoanLimit: est.newLoanLimit,
    };
  }
}
