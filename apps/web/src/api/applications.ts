// The firm's side of the loan loop: apply to a product, follow each application, withdraw,
// and apply again where a declining bank's referral points.
//
// GET /firms/me/applications is generated (schema.d.ts). The loop routes below (apply,
// transition, events, referrals) are written by hand from the shared contract while they
// are built in parallel; once their DTOs land they are swapped for the generated types.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  DeclineReason,
  FailureCode,
  MatchEventKind,
  MatchStatus,
  ProductKind,
} from '@lianrong/matching/vocabulary';
import { apiClient, type ApiError, isApiError } from './api-client';
import { queryKeys } from './query-keys';
import type { components } from './schema';

/** A row of 我的申请 (GET /firms/me/applications), newest activity first. */
export type FirmApplication = components['schemas']['FirmApplicationDto'];
export type FirmApplicationList = components['schemas']['FirmApplicationListDto'];

/** The match as it now stands, answered by every move (contract: MatchReviewDto). */
export interface MatchReview {
  id: string;
  needId: string;
  productId: string;
  firmId: string;
  bankId: string;
  productName: string;
  bankName: string;
  firmName: string;
  needAmount: number;
  status: MatchStatus;
  version: number;
  score: number | null;
  ineligible: boolean;
  appliedAt: string | null;
  firstResponseAt: string | null;
  creditCheckConsentAt: string | null;
  approvedAmount: number | null;
  approvedRateBps: number | null;
  approvedTermMonths: number | null;
  approvedAt: string | null;
  disbursedAmount: number | null;
  disbursedAt: string | null;
  proposedAmount: number | null;
  proposedRateBps: number | null;
  proposedTermMonths: number | null;
  proposedBy: string | null;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  referredFromMatchId: string | null;
  allowedMoves: MatchStatus[];
}

/** One step of a match's review, oldest first (contract: MatchEventDto). Money whole yuan, rates bps. */
export interface MatchEvent {
  id: string;
  kind: MatchEventKind;
  from: MatchStatus | null;
  to: MatchStatus;
  at: string;
  /** Null when the platform itself moved the match (a need fulfilled elsewhere closes it). */
  actorName: string | null;
  actorOrgName: string | null;
  amount: number | null;
  rateBps: number | null;
  termMonths: number | null;
  /** The drawdown's value date (放款日), YYYY-MM-DD. */
  occurredOn: string | null;
  reasonCode: DeclineReason | null;
  note: string | null;
  creditCheckConsent: boolean;
  referredFromMatchId: string | null;
}

/** A next-best product at another bank for a declined need (contract: ReferralDto). */
export interface Referral {
  productId: string;
  productName: string;
  bankName: string;
  kind: ProductKind;
  score: number;
  amountMax: number;
  rateMinBps: number;
  rateMaxBps: number;
  termMin: number;
  termMax: number;
}

/** Body of POST /needs/:id/applications: consent is the firm's explicit tick, never implied. */
export interface ApplyInput {
  productId: string;
  creditCheckConsent: true;
  referredFromMatchId?: string;
}

/** Body of POST /matches/:id/transition as the firm sends it. */
export interface FirmMoveInput {
  to: Extract<MatchStatus, 'withdrawn' | 'applied'>;
  version: number;
}

const keys = {
  all: ['applications'] as const,
  mine: ['applications', 'mine'] as const,
  events: (matchId: string) => ['applications', 'events', matchId] as const,
  referrals: (matchId: string) => ['applications', 'referrals', matchId] as const,
};

const matchPath = (id: string, tail: string) => `/matches/${encodeURIComponent(id)}${tail}`;

export function useMyApplications() {
  return useQuery({
    queryKey: keys.mine,
    queryFn: ({ signal }) => apiClient.get<FirmApplicationList>('/firms/me/applications', signal),
    select: (data) => data.items,
  });
}

export function useMatchEvents(matchId: string, enabled = true) {
  return useQuery({
    queryKey: keys.events(matchId),
    queryFn: ({ signal }) => apiClient.get<MatchEvent[]>(matchPath(matchId, '/events'), signal),
    enabled,
  });
}

export function useMatchReferrals(matchId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.referrals(matchId),
    queryFn: ({ signal }) => apiClient.get<Referral[]>(matchPath(matchId, '/referrals'), signal),
    enabled,
  });
}

/** An application changes the need's page (the card's status) and 我的申请 alike. */
function useRefreshAfterMove() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: keys.all }),
      queryClient.invalidateQueries({ queryKey: queryKeys.needs.all }),
    ]);
}

export function useApply(needId: string) {
  const refresh = useRefreshAfterMove();
  return useMutation({
    mutationFn: (input: ApplyInput) =>
      apiClient.post<MatchReview>(`/needs/${encodeURIComponent(needId)}/applications`, input),
    onSuccess: () => refresh(),
  });
}

export function useFirmMove() {
  const refresh = useRefreshAfterMove();
  return useMutation({
    mutationFn: ({ matchId, input }: { matchId: string; input: FirmMoveInput }) =>
      apiClient.post<MatchReview>(matchPath(matchId, '/transition'), input),
    // A stale version (409) means someone moved it first: refetch either way.
    onSettled: () => refresh(),
  });
}

/**
 * The rules a refused application failed (409): the API names each failure code as a
 * detail of `productId`. Empty for any other refusal.
 */
export function failedRules(error: unknown): FailureCode[] {
  if (!isApiError(error) || error.statusCode !== 409) return [];
  return (error as ApiError).details.filter((d) => d.field === 'productId').map((d) => d.problem as FailureCode);
}
