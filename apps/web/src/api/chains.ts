import { useQuery } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { ChainList } from './types';

export function useGovChains() {
  return useQuery({
    queryKey: queryKeys.chains.list(),
    queryFn: ({ signal }) => apiClient.get<ChainList>('/gov/chains', signal),
    select: (data) => data.items,
  });
}
