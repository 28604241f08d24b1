import { checkEligibility } from './eligibility';
import type { FailureCode, FirmProfile, NeedInput, ProductInput } from './types';
import { FAILURE_CODES } from './types';

/**
 * What keeps a need from every product, told the way an agency reads it: the products the
 * need comes nearest to (those failing the fewest rules) and the rules they fail.
 */
export type NeedBlockers = {
  /** Some product takes the need as it is: nothing blocks it. */
  eligible: boolean;
  /** Rules the nearest products fail; 0 when eligible, null when there is no product at all. */
  fewestFailures: number | null;
  /** Every failure code of the nearest products, once each, in FAILURE_CODES order. */
  codes: FailureCode[];
};

const CODE_ORDER: ReadonlyMap<FailureCode, number> = new Map(FAILURE_CODES.map((c, i) => [c, i]));

/**
 * The need against the products a bank offers now. Paused products are left out: "the
 * product is paused" is no policy lever, and a need's nearest products should be ones it
 * could actually obtain. The rules are checkEligibility's; nothing is re-decided here.
 */
export function needBlockers(firm: FirmProfile, need: NeedInput, products: readonly ProductInput[]): NeedBlockers {
  let fewest: number | null = null;
  let codes = new Set<FailureCode>();
  for (const product of products) {
    if (product.status !== 'active') continue;
    const failures = checkEligibility(firm, need, product);
    if (failures.length === 0) return { eligible: true, fewestFailures: 0, codes: [] };
    if (fewest === null || failures.length < fewest) {
      fewest = failures.length;
      codes = new Set();
    }
    if (failures.length === fewest) for (const f of failures) codes.add(f.code);
  }
  return {
    eligible: false,
    fewestFailures: fewest,
    codes: [...codes].sort((a, b) => (CODE_ORDER.get(a) ?? 0) - (CODE_ORDER.get(b) ?? 0)),
  };
}
