import type { MatchStatus, UserRole } from '../../common/domain-enums';

/** Which side of the loan may make a move: the applying firm or the product's bank. */
export type MatchParty = Extract<UserRole, 'firm' | 'bank'>;

/**
 * The review pipeline (DESIGN §3), the only place its moves are listed. Keys are the status a
 * match is in; values the statuses each party may move it to. A move listed here can still
 * be refused for its terms (an amount above the product's maximum) or its actor (a maker
 * confirming their own proposal); a move not listed is a 409.
 */
export const MATCH_MOVES: Record<MatchStatus, Record<MatchParty, readonly MatchStatus[]>> = {
  suggested: { firm: ['applied', 'withdrawn'], bank: ['contacted'] },
  applied: { firm: ['withdrawn'], bank: ['in_review', 'declined'] },
  contacted: { firm: ['applied', 'withdrawn'], bank: ['in_review', 'declined'] },
  in_review: { firm: ['withdrawn'], bank: ['approved', 'declined'] },
  // 'approved' is the checker's confirmation, 'in_review' sends the proposal back.
  pending_approval: { firm: ['withdrawn'], bank: ['approved', 'in_review'] },
  approved: { firm: ['withdrawn'], bank: ['disbursed'] },
  // A further drawdown (分笔放款) is a move to the same status.
  disbursed: { firm: [], bank: ['disbursed'] },
  declined: { firm: ['applied'], bank: [] },
  withdrawn: { firm: ['applied'], bank: [] },
};

export function allowedMoves(from: MatchStatus, party: MatchParty): readonly MatchStatus[] {
  return MATCH_MOVES[from][party];
}

/** Statuses in which a match is a live application or piece of bank work. */
export const LIVE_STATUSES: readonly MatchStatus[] = [
  'applied',
  'contacted',
  'in_review',
  'pending_approval',
  'approved',
];
