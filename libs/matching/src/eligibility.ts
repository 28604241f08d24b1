import { debtRatio, latestYear, rdIntensity } from './firm-metrics';
import type { Failure, FirmProfile, NeedInput, ProductInput } from './types';
import { tierAtLeast } from './types';

// DESIGN §4 rules 1–11. Every rule is checked so the firm sees all the reasons at once.
// Parameters per code (required = the product's bound, actual = the firm's/need's value):
//   amount_out_of_range / term_out_of_range: the crossed bound (amountMin or amountMax), the need's value
//   tier_below_min: product minTier, firm tier
//   region_not_covered: product regions joined by ',', firm regionCode
//   sector_not_covered: product sectors joined by ',', firm industryCode (chains did not match either)
//   revenue_below_min / rd_intensity_below_min / patents_below_min / years_in_niche_below_min: minimum, firm value
//   debt_ratio_above_max: maximum, firm value (Infinity when total assets are 0)
//   not_in_supply_chain: product coreEnterpriseIds joined by ','
//   collateral_not_accepted: accepted list joined by ',', need collateral
//   rate_above_max: product rateMinBps, need maxRateBps
//   purpose_not_covered: product purposes joined by ',', need purpose

export function regionCovered(regions: readonly string[], regionCode: string): boolean {
  if (regions.length === 0) return true;
  for (const r of regions) if (regionCode.startsWith(r)) return true;
  return false;
}

export function sectorPrefixMatches(sectors: readonly string[], industryCode: string): boolean {
  for (const s of sectors) if (industryCode.startsWith(s)) return true;
  return false;
}

export function sharesAny(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

export function sectorOrChainCovered(product: ProductInput, firm: FirmProfile): boolean {
  if (product.sectors.length === 0 && product.chains.length === 0) return true;
  return sectorPrefixMatches(product.sectors, firm.industryCode) || sharesAny(product.chains, firm.chainIds);
}

// Credit (信用贷) products lend without security, so an unsecured need always fits them.
export function collateralAccepted(product: ProductInput, need: NeedInput): boolean {
  if (product.collateralAccepted.length === 0) return true;
  if (product.kind === 'credit' && need.collateral === 'none') return true;
  return product.collateralAccepted.includes(need.collateral);
}

export function hasFinancialThreshold(product: ProductInput): boolean {
  return (
    product.minRevenue !== null ||
    product.minRdIntensity !== null ||
    product.maxDebtRatio !== null ||
    product.minInventionPatents !== null
  );
}

export function checkEligibility(firm: FirmProfile, need: NeedInput, product: ProductInput): Failure[] {
  const failures: Failure[] = [];
  if (product.status !== 'active') failures.push({ code: 'product_inactive', actual: product.status });
  if (need.status !== 'open') failures.push({ code: 'need_not_open', actual: need.status });

  if (need.amount < product.amountMin) {
    failures.push({ code: 'amount_out_of_range', required: product.amountMin, actual: need.amount });
  } else if (need.amount > product.amountMax) {
    failures.push({ code: 'amount_out_of_range', required: product.amountMax, actual: need.amount });
  }
  if (need.termMonths < product.termMin) {
    failures.push({ code: 'term_out_of_range', required: product.termMin, actual: need.termMonths });
  } else if (need.termMonths > product.termMax) {
    failures.push({ code: 'term_out_of_range', required: product.termMax, actual: need.termMonths });
  }

  if (!tierAtLeast(firm.tier, product.minTier)) {
    failures.push({ code: 'tier_below_min', required: product.minTier, actual: firm.tier });
  }
  if (!regionCovered(product.regions, firm.regionCode)) {
    failures.push({ code: 'region_not_covered', required: product.regions.join(','), actual: firm.regionCode });
  }
  if (!sectorOrChainCovered(product, firm)) {
    failures.push({ code: 'sector_not_covered', required: product.sectors.join(','), actual: firm.industryCode });
  }

  const fy = latestYear(firm);
  if (fy === undefined) {
    if (hasFinancialThreshold(product)) failures.push({ code: 'financials_missing' });
  } else {
    if (product.minRevenue !== null && fy.revenue < product.minRevenue) {
      failures.push({ code: 'revenue_below_min', required: product.minRevenue, actual: fy.revenue });
    }
    const rd = rdIntensity(fy);
    if (product.minRdIntensity !== null && rd < product.minRdIntensity) {
      failures.push({ code: 'rd_intensity_below_min', required: product.minRdIntensity, actual: rd });
    }
    const debt = debtRatio(fy);
    if (product.maxDebtRatio !== null && debt > product.maxDebtRatio) {
      failures.push({ code: 'debt_ratio_above_max', required: product.maxDebtRatio, actual: debt });
    }
    if (product.minInventionPatents !== null && fy.inventionPatents < product.minInventionPatents) {
      failures.push({ code: 'patents_below_min', required: product.minInventionPatents, actual: fy.inventionPatents });
    }
  }
  if (product.minYearsInNiche !== null && firm.yearsInNiche < product.minYearsInNiche) {
    failures.push({ code: 'years_in_niche_below_min', required: product.minYearsInNiche, actual: firm.yearsInNiche });
  }

  if (product.requiresWhitelist && !firm.whitelisted) failures.push({ code: 'not_whitelisted' });
  if (!collateralAccepted(product, need)) {
    failures.push({
      code: 'collateral_not_accepted',
      required: product.collateralAccepted.join(','),
      actual: need.collateral,
    });
  }
  if (product.kind === 'supply_chain' && !sharesAny(product.coreEnterpriseIds, firm.supplierOf)) {
    failures.push({ code: 'not_in_supply_chain', required: product.coreEnterpriseIds.join(',') });
  }
  if (product.rateMinBps > need.maxRateBps) {
    failures.push({ code: 'rate_above_max', required: product.rateMinBps, actual: need.maxRateBps });
  }
  if (product.purposes.length > 0 && !product.purposes.includes(need.purpose)) {
    failures.push({ code: 'purpose_not_covered', required: product.purposes.join(','), actual: need.purpose });
  }
  return failures;
}
