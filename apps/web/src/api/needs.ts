import { useQuery } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { FundingNeed, ListResponse } from './types';

export function useNeeds() {
  return useQuery({
    queryKey: queryKeys.needs.list(),
    queryFn: ({ signal }) => apiClient.get<ListResponse<FundingNeed>>('/needs', signal),
    select: (data) => data.items,
  });
}
