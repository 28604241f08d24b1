import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiClient } from './api-client';
import { queryKeys } from './query-keys';
import type { AdminUser, AdminUserList } from './types';

/** `GET /admin/users?q=`: users found by email, name or organisation. */
export function useAdminUsers(q: string) {
  return useQuery({
    queryKey: queryKeys.users.list(q),
    queryFn: ({ signal }) =>
      apiClient.get<AdminUserList>(`/admin/users${q ? `?q=${encodeURIComponent(q)}` : ''}`, signal),
    select: (data) => data.items,
    placeholderData: keepPreviousData,
  });
}

export type UserChange = { id: string; change: 'disable' | 'enable' | 'forceReset' };

/** Disable, re-enable or force a password reset; every one ends the user's sessions. */
export function useChangeUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: UserChange) =>
      change === 'forceReset'
        ? apiClient.post<AdminUser>(`/admin/users/${id}/password-reset`)
        : apiClient.patch<AdminUser>(`/admin/users/${id}`, { disabled: change === 'disable' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users.all }),
  });
}
