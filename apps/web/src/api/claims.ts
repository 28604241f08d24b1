import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { ClaimableChain, ClaimInput, FirmClaim, FirmClaimList, FirmClaimStatus } from './types';

// Kept beside the hooks (not in query-keys.ts) so the claims journey is one file to read.
export const claimKeys = {
  mine: ['firms', 'me', 'claims'] as const,
  chains: ['firms', 'me', 'claims', 'chains'] as const,
  gov: {
    all: ['gov', 'claims'] as const,
    list: (status: FirmClaimStatus | 'all') => ['gov', 'claims', status] as const,
  },
};

export function useMyClaims() {
  return useQuery({
    queryKey: claimKeys.mine,
    queryFn: ({ signal }) => apiClient.get<FirmClaimList>('/firms/me/claims', signal),
    select: (data) => data.items,
  });
}

export function useClaimableChains(enabled: boolean) {
  return useQuery({
    queryKey: claimKeys.chains,
    queryFn: ({ signal }) => apiClient.get<{ items: ClaimableChain[] }>('/firms/me/claims/chains', signal),
    select: (data) => data.items,
    enabled,
    staleTime: 10 * 60_000,
  });
}

/** Files a claim; the profile itself changes only when an agency confirms it. */
export function useFileClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ClaimInput) => apiClient.post<FirmClaim>('/firms/me/claims', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: claimKeys.mine }),
  });
}

export function useGovClaims(status: FirmClaimStatus) {
  return useQuery({
    queryKey: claimKeys.gov.list(status),
    queryFn: ({ signal }) =>
      apiClient.get<FirmClaimList>(`/gov/claims?status=${encodeURIComponent(status)}`, signal),
    select: (data) => data.items,
  });
}

export type ClaimDecision = { id: string; action: 'confirm' } | { id: string; action: 'reject'; reason: string };

export function useDecideClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: ClaimDecision) =>
      apiClient.post<FirmClaim>(
        `/gov/claims/${encodeURIComponent(decision.id)}/${decision.action}`,
        decision.action === 'reject' ? { reason: decision.reason } : undefined,
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: claimKeys.gov.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard.all });
    },
  });
}
