import type { Collateral, ProductKind, Purpose, Tier } from '@lianrong/matching/vocabulary';
import type { ProductInput } from '../../api/types';
import { percentToBps, wanToYuan } from '../../shared/format';

// The publish form's values and their translation into the API body. Kept apart from
// the drawer so the conversion is unit-tested without rendering antd.

/** What the officer types: money in 万元, rates in %, both converted on submit. */
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
  regions: string[];
  sectors: string[];
  collateralAccepted: Collateral[];
  purposes: Purpose[];
  coreEnterpriseIds: string[];
  requiresWhitelist: boolean;
  description?: string;
  listNow: boolean;
}

export function toProductInput(values: ProductFormValues): ProductInput {
  const input: ProductInput = {
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
    collateralAccepted: values.collateralAccepted,
    purposes: values.purposes,
    requiresWhitelist: values.requiresWhitelist,
    status: values.listNow ? 'active' : 'paused',
  };
  // Only supply-chain loans carry core enterprises; the API rejects an empty list there.
  if (values.kind === 'supply_chain') input.coreEnterpriseIds = values.coreEnterpriseIds;
  const description = values.description?.trim();
  if (description) input.description = description;
  return input;
}

