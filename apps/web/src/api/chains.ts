import { useQuery } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { ChainSummary, ListResponse } from './types';

export function useGovChains() {
  return useQuery({
    queryKey: queryKeys.chains.list(),
    queryFn: ({ signal }) => apiClient.get<ListResponse<ChainSummary>>('/gov/chains', signal),
    select: (data) => data.items,
  });
}
