import type { FirmClaim, FirmClaimKind } from '../../api/types';

export interface FactState {
  /** The confirmation the current fact rests on. */
  confirmed: FirmClaim | null;
  pending: FirmClaim | null;
  /** The latest rejection, when nothing was confirmed after it. */
  rejected: FirmClaim | null;
}

const KINDS: FirmClaimKind[] = ['tier', 'chain', 'region', 'industry', 'years_in_niche'];
const decidedAt = (c: FirmClaim | null) => (c?.decidedAt ? Date.parse(c.decidedAt) : -Infinity);

/** Each fact's state from the firm's claims (the API lists them newest first). */
export function factStates(claims: readonly FirmClaim[]): Record<FirmClaimKind, FactState> {
  const byKind = Object.fromEntries(KINDS.map((k) => [k, { confirmed: null, pending: null, rejected: null }])) as Record<
    FirmClaimKind,
    FactState
  >;
  const sorted = [...claims].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  for (const claim of sorted) {
    const state = byKind[claim.kind];
    if (claim.status === 'pending') state.pending ??= claim;
    else if (claim.status === 'confirmed' && (!state.confirmed || decidedAt(claim) > decidedAt(state.confirmed)))
      state.confirmed = claim;
    else if (claim.status === 'rejected' && (!state.rejected || decidedAt(claim) > decidedAt(state.rejected)))
      state.rejected = claim;
  }
  for (const state of Object.values(byKind)) {
    if (state.rejected && decidedAt(state.rejected) < decidedAt(state.confirmed)) state.rejected = null;
  }
  return byKind;
}
