import {
  collateralAccepted,
  hasFinancialThreshold,
  regionCovered,
  sectorOrChainCovered,
  sharesAny,
} from './eligibility';
import { debtRatio, latestYear, rdIntensity } from './firm-metrics';
import type { Check, FirmProfile, NeedInput, ProductInput } from './types';
import { tierAtLeast } from './types';

// The same rules as checkEligibility, in the same order, but reporting every rule the
// product imposes with the bound and the firm's or need's value, passed or not, so the
// page can show "研发投入占比 6.1% ≥ 要求 5.0%". checkEligibility stays the fast path for
// ranking; a property test keeps the two in step (failed checks = failures, in order).
// A rule the product does not impose (no region list, no revenue minimum, …) has no check.

// Ratios become percentages; rounding to 1e-6 % only strips float noise (0.061 × 100 =
// 6.1000000000000005) and never decides anything: `passed` is computed on the raw ratio.
function percent(ratio: number): number | null {
  if (!Number.isFinite(ratio)) return null;
  return Math.round(ratio * 1e8) / 1e6;
}

function bpsToPercent(bps: number): number {
  return bps / 100;
}

export function eligibilityChecks(firm: FirmProfile, need: NeedInput, product: ProductInput): Check[] {
  const checks: Check[] = [];
  checks.push({
    rule: 'product_inactive',
    required: 'active',
    actual: product.status,
    passed: product.status === 'active',
    unit: 'status',
  });
  checks.push({ rule: 'need_not_open', required: 'open', actual: need.status, passed: need.status === 'open', unit: 'status' });
  checks.push({
    rule: 'amount_out_of_range',
    required: { min: product.amountMin, max: product.amountMax },
    actual: need.amount,
    passed: need.amount >= product.amountMin && need.amount <= product.amountMax,
    unit: 'yuan',
  });
  checks.push({
    rule: 'term_out_of_range',
    required: { min: product.termMin, max: product.termMax },
    actual: need.termMonths,
    passed: need.termMonths >= product.termMin && need.termMonths <= product.termMax,
    unit: 'months',
  });
  checks.push({
    rule: 'tier_below_min',
    required: product.minTier,
    actual: firm.tier,
    passed: tierAtLeast(firm.tier, product.minTier),
    unit: 'tier',
  });
  if (product.regions.length > 0) {
    checks.push({
      rule: 'region_not_covered',
      required: [...product.regions],
      actual: firm.regionCode,
      passed: regionCovered(product.regions, firm.regionCode),
      unit: 'region',
    });
  }
  if (product.sectors.length > 0 || product.chains.length > 0) {
    // Either a sector prefix or a shared chain admits the firm, so both sides list both.
    checks.push({
      rule: 'sector_not_covered',
      required: [...product.sectors, ...product.chains],
      actual: [firm.industryCode, ...firm.chainIds],
      passed: sectorOrChainCovered(product, firm),
      unit: 'sector_or_chain',
    });
  }

  const fy = latestYear(firm);
  if (fy === undefined) {
    // Without accounts no threshold can be read; one check stands for all of them.
    if (hasFinancialThreshold(product)) {
      checks.push({ rule: 'financials_missing', required: 'reported', actual: null, passed: false, unit: 'financials' });
    }
  } else {
    if (product.minRevenue !== null) {
      checks.push({
        rule: 'revenue_below_min',
        required: product.minRevenue,
        actual: fy.revenue,
        passed: fy.revenue >= product.minRevenue,
        unit: 'yuan',
      });
    }
    if (product.minRdIntensity !== null) {
      const rd = rdIntensity(fy);
      checks.push({
        rule: 'rd_intensity_below_min',
        required: percent(product.minRdIntensity),
        actual: percent(rd),
        passed: rd >= product.minRdIntensity,
        unit: 'percent',
      });
    }
    if (product.maxDebtRatio !== null) {
      const debt = debtRatio(fy);
      // actual is null when total assets are 0: the ratio is unbounded and fails any maximum.
      checks.push({
        rule: 'debt_ratio_above_max',
        required: percent(product.maxDebtRatio),
        actual: percent(debt),
        passed: debt <= product.maxDebtRatio,
        unit: 'percent',
      });
    }
    if (product.minInventionPatents !== null) {
      checks.push({
        rule: 'patents_below_min',
        required: product.minInventionPatents,
        actual: fy.inventionPatents,
        passed: fy.inventionPatents >= product.minInventionPatents,
        unit: 'count',
      });
    }
  }
  if (product.minYearsInNiche !== null) {
    checks.push({
      rule: 'years_in_niche_below_min',
      required: product.minYearsInNiche,
      actual: firm.yearsInNiche,
      passed: firm.yearsInNiche >= product.minYearsInNiche,
      unit: 'years',
    });
  }
  if (product.requiresWhitelist) {
    checks.push({ rule: 'not_whitelisted', required: true, actual: firm.whitelisted, passed: firm.whitelisted, unit: 'flag' });
  }
  if (product.collateralAccepted.length > 0) {
    checks.push({
      rule: 'collateral_not_accepted',
      required: [...product.collateralAccepted],
      actual: need.collateral,
      passed: collateralAccepted(product, need),
      unit: 'collateral',
    });
  }
  if (product.kind === 'supply_chain') {
    checks.push({
      rule: 'not_in_supply_chain',
      required: [...product.coreEnterpriseIds],
      actual: [...firm.supplierOf],
      passed: sharesAny(product.coreEnterpriseIds, firm.supplierOf),
      unit: 'core_enterprise',
    });
  }
  // The firm's ceiling must reach the product's floor: required is the floor.
  checks.push({
    rule: 'rate_above_max',
    required: bpsToPercent(product.rateMinBps),
    actual: bpsToPercent(need.maxRateBps),
    passed: product.rateMinBps <= need.maxRateBps,
    unit: 'percent',
  });
  if (product.purposes.length > 0) {
    checks.push({
      rule: 'purpose_not_covered',
      required: [...product.purposes],
      actual: need.purpose,
      passed: product.purposes.includes(need.purpose),
      unit: 'purpose',
    });
  }
  return checks;
}
