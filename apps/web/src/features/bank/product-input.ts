import type { Collateral, ProductKind, Purpose, Tier } from '@lianrong/matching/vocabulary';
import type { LoanProduct, ProductInput } from '../../api/types';
import { bpsToPercent, percentToBps, wanToYuan, yuanToWan } from '../../shared/format';

// The product form's values and their translation to and from the API body. Kept apart
// from the drawer so the conversion is unit-tested without rendering antd.

/**
 * What the officer types: money in 万元 and ratios and rates in %, converted on submit.
 * An empty threshold (null) sets no restriction.
 */
export interface ProductFormValues {
  name: string;
  kind: ProductKind;
  amountMin: number;
  amountMax: number;
  termMin: number;
  termMax: number;
  rateMin: number;
  rateMax: number;
  minTier: Tier;
  /** GB/T 2260 division prefixes (43, 4301, 430104). */
  regions: string[];
  /** GB/T 4754-2017 codes at any level. */
  sectors: string[];
  chainIds: string[];
  /** 万元 */
  minRevenue: number | null;
  /** % of revenue */
  minRdIntensity: number | null;
  /** % of total assets */
  maxDebtRatio: number | null;
  minInventionPatents: number | null;
  minYearsInNiche: number | null;
  /** 万元 */
  creditQuota: number | null;
  collateralAccepted: Collateral[];
  purposes: Purpose[];
  coreEnterpriseIds: string[];
  requiresWhitelist: boolean;
  description?: string | null;
  listNow: boolean;
}

/** An untouched number input is undefined, a cleared one null: both mean "not set". */
const orNull = <T>(value: T | null | undefined, convert: (v: T) => number): number | null =>
  value === null || value === undefined ? null : convert(value);
const same = (v: number) => v;

/**
 * The whole product as the API takes it, for a create and an edit alike: every field is
 * sent, so an edit that clears a threshold sends null rather than leaving the old value.
 */
export function toProductInput(values: ProductFormValues): ProductInput {
  const description = values.description?.trim();
  return {
    name: values.name.trim(),
    kind: values.kind,
    amountMin: wanToYuan(values.amountMin),
    amountMax: wanToYuan(values.amountMax),
    termMin: values.termMin,
    termMax: values.termMax,
    rateMinBps: percentToBps(values.rateMin),
    rateMaxBps: percentToBps(values.rateMax),
    minTier: values.minTier,
    regions: values.regions,
    sectors: values.sectors.map((s) => s.toUpperCase()),
    chainIds: values.chainIds,
    minRevenue: orNull(values.minRevenue, wanToYuan),
    minRdIntensityBps: orNull(values.minRdIntensity, percentToBps),
    maxDebtRatioBps: orNull(values.maxDebtRatio, percentToBps),
    minInventionPatents: orNull(values.minInventionPatents, same),
    minYearsInNiche: orNull(values.minYearsInNiche, same),
    creditQuota: orNull(values.creditQuota, wanToYuan),
    collateralAccepted: values.collateralAccepted,
    purposes: values.purposes,
    // Only supply-chain loans serve a core enterprise's suppliers; switching away clears them.
    coreEnterpriseIds: values.kind === 'supply_chain' ? values.coreEnterpriseIds : [],
    requiresWhitelist: values.requiresWhitelist,
    description: description ? description : null,
    status: values.listNow ? 'active' : 'paused',
  };
}

/** A stored product back in the form's units, for editing it. */
export function toFormValues(product: LoanProduct): ProductFormValues {
  return {
    name: product.name,
    kind: product.kind,
    amountMin: yuanToWan(product.amountMin),
    amountMax: yuanToWan(product.amountMax),
    termMin: product.termMin,
    termMax: product.termMax,
    rateMin: bpsToPercent(product.rateMinBps),
    rateMax: bpsToPercent(product.rateMaxBps),
    minTier: product.minTier,
    regions: product.regions,
    sectors: product.sectors,
    chainIds: product.chainIds,
    minRevenue: orNull(product.minRevenue, yuanToWan),
    minRdIntensity: orNull(product.minRdIntensityBps, bpsToPercent),
    maxDebtRatio: orNull(product.maxDebtRatioBps, bpsToPercent),
    minInventionPatents: product.minInventionPatents,
    minYearsInNiche: product.minYearsInNiche,
    creditQuota: orNull(product.creditQuota, yuanToWan),
    collateralAccepted: product.collateralAccepted,
    purposes: product.purposes,
    coreEnterpriseIds: product.coreEnterpriseIds,
    requiresWhitelist: product.requiresWhitelist,
    description: product.description ?? '',
    listNow: product.status === 'active',
  };
}

/**
 * The API names fields in its units (rateMinBps), the form in the officer's (rateMin);
 * a field error from the API lands on the form field it is about.
 */
export const FORM_FIELD_OF_API: Readonly<Record<string, keyof ProductFormValues>> = {
  rateMinBps: 'rateMin',
  rateMaxBps: 'rateMax',
  minRdIntensityBps: 'minRdIntensity',
  maxDebtRatioBps: 'maxDebtRatio',
};
