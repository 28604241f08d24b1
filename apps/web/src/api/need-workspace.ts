import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient, isApiError } from './api-client';
import { queryKeys } from './query-keys';
import type {
  FundingNeed,
  NeedInput,
  NeedMatchList,
  NearMissList,
  WhatIfInput,
  WhatIfResult,
  WorkingCapitalEstimate,
} from './types';

// Keys live under queryKeys.needs.all, so any need write refreshes the list and the pages.
const keys = {
  detail: (id: string) => [...queryKeys.needs.all, 'detail', id] as const,
  matches: (id: string) => [...queryKeys.needs.all, 'matches', id] as const,
  nearMisses: (id: string) => [...queryKeys.needs.all, 'near-misses', id] as const,
  estimate: ['firms', 'me', 'working-capital-estimate'] as const,
};

const needPath = (id: string, tail = '') => `/needs/${encodeURIComponent(id)}${tail}`;

/** While the worker has not ranked a fresh need yet, ask again every few seconds. */
const MATCH_POLL_MS = 3_000;

export function useNeed(id: string) {
  return useQuery({
    queryKey: keys.detail(id),
    queryFn: ({ signal }) => apiClient.get<FundingNeed>(needPath(id), signal),
  });
}

export function useNeedMatches(id: string) {
  return useQuery({
    queryKey: keys.matches(id),
    queryFn: ({ signal }) => apiClient.get<NeedMatchList>(needPath(id, '/matches'), signal),
    select: (data) => data.items,
    refetchInterval: (query) => (query.state.data?.items.length === 0 ? MATCH_POLL_MS : false),
  });
}

export function useNearMisses(id: string) {
  return useQuery({
    queryKey: keys.nearMisses(id),
    queryFn: ({ signal }) => apiClient.get<NearMissList>(needPath(id, '/near-misses'), signal),
    select: (data) => data.items,
  });
}

/**
 * The suggested working-capital line's bottom figure. The estimate page owns the full
 * answer; here only the new line is read, and "no financials yet" (404) is a null.
 */
export function useSuggestedLine() {
  return useQuery({
    queryKey: keys.estimate,
    queryFn: async ({ signal }) => {
      try {
        const body = await apiClient.get<WorkingCapitalEstimate>(
          '/firms/me/working-capital-estimate',
          signal,
        );
        return { year: body.year, newLoanLimit: body.newLoanLimit };
      } catch (error) {
        if (isApiError(error) && error.statusCode === 404) return null;
        throw error;
      }
    },
  });
}

export function useCreateNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NeedInput) => apiClient.post<FundingNeed>('/needs', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.needs.all }),
  });
}

export function useUpdateNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: Partial<NeedInput> }) =>
      apiClient.patch<FundingNeed>(needPath(id), input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.needs.all }),
  });
}

export function useWithdrawNeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiClient.post<FundingNeed>(needPath(id, '/withdraw')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.needs.all }),
  });
}

/** 试算: computed on the server by the matching library; nothing is saved, so nothing to invalidate. */
export function useWhatIf(id: string) {
  return useMutation({
    mutationFn: (input: WhatIfInput) => apiClient.post<WhatIfResult>(needPath(id, '/what-if'), input),
  });
}
