// The firm's side of the loan loop: apply to a product, follow each application, withdraw,
// and apply again where a declining bank's referral points.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FailureCode, MatchStatus } from '@lianrong/matching/vocabulary';
import { apiClient, type ApiError, isApiError } from './api-client';
import { queryKeys } from './query-keys';
import type { components } from './schema';

/** A row of 我的申请 (GET /firms/me/applications), newest activity first. */
export type FirmApplication = components['schemas']['FirmApplicationDto'];
export type FirmApplicationList = components['schemas']['FirmApplicationListDto'];

/** The match as it now stands, answered by every move. */
export type MatchReview = components['schemas']['MatchReviewDto'];

/** One step of a match's review, oldest first. Money whole yuan, rates bps. */
export type MatchEvent = components['schemas']['MatchEventDto'];

/** A next-best product at another bank for a declined need. */
export type Referral = components['schemas']['ReferralDto'];

/** Body of POST /needs/:id/applications: consent is the firm's explicit tick, never implied. */
export type ApplyInput = components['schemas']['ApplicationDto'] & { creditCheckConsent: true };

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
