import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { CoreEnterpriseList, SupplyLink, SupplyLinkInput, SupplyLinks } from './types';

export function useSupplyLinks() {
  return useQuery({
    queryKey: queryKeys.supplyLinks.mine(),
    queryFn: ({ signal }) => apiClient.get<SupplyLinks>('/firms/me/supply-links', signal),
  });
}

/** Type-ahead over core enterprises; the previous answer stays while the next one loads. */
export function useCoreEnterpriseSearch(q: string) {
  return useQuery({
    queryKey: queryKeys.supplyLinks.coreSearch(q),
    queryFn: ({ signal }) =>
      apiClient.get<CoreEnterpriseList>(
        `/supply-links/core-enterprises?q=${encodeURIComponent(q)}`,
        signal,
      ),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useClaimSupplyLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SupplyLinkInput) => apiClient.post<SupplyLink>('/firms/me/supply-links', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.supplyLinks.all }),
  });
}

export type SupplyLinkDecision = { id: string; action: 'confirm' } | { id: string; action: 'reject'; reason: string };

export function useDecideSupplyLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (decision: SupplyLinkDecision) =>
      apiClient.post<SupplyLink>(
        `/supply-links/${encodeURIComponent(decision.id)}/${decision.action}`,
        decision.action === 'reject' ? { reason: decision.reason } : undefined,
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.supplyLinks.all }),
  });
}
