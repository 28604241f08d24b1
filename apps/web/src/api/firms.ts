import { useQuery } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { FirmProfile } from './types';

export function useMyFirm() {
  return useQuery({
    queryKey: queryKeys.firms.me,
    queryFn: ({ signal }) => apiClient.get<FirmProfile>('/firms/me', signal),
  });
}
