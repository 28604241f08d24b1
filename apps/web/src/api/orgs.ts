import { useQuery } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { OrganizationList } from './types';

export function useOrgs() {
  return useQuery({
    queryKey: queryKeys.orgs.list(),
    queryFn: ({ signal }) => apiClient.get<OrganizationList>('/admin/orgs', signal),
    select: (data) => data.items,
  });
}
