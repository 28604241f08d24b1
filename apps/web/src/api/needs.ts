import { useQuery } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { NeedList } from './types';

export function useNeeds() {
  return useQuery({
    queryKey: queryKeys.needs.list(),
    queryFn: ({ signal }) => apiClient.get<NeedList>('/needs', signal),
    select: (data) => data.items,
  });
}
