import { useMutation } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { apiClient, refreshSession } from './api-client';
import { sessionStore, type SessionState } from './session';
import type { AuthTokens, LoginInput } from './types';

export type { LoginInput };

/** `POST /auth/register-firm`; `regionCode` omitted means the USCC's own division. */
export interface RegisterFirmInput {
  uscc: string;
  name: string;
  regionCode?: string;
  industryCode: string;
  email: string;
  password: string;
}

export function useSession(): SessionState {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.getState);
}

export function useLogin() {
  return useMutation({
    mutationFn: (input: LoginInput) => apiClient.post<AuthTokens>('/auth/login', input, false),
    onSuccess: (tokens) => sessionStore.signIn(tokens),
  });
}

export function useRegisterFirm() {
  return useMutation({
    mutationFn: (input: RegisterFirmInput) =>
      apiClient.post<AuthTokens>('/auth/register-firm', input, false),
    onSuccess: (tokens) => sessionStore.signIn(tokens),
  });
}

export async function logout(): Promise<void> {
  const refreshToken = sessionStore.getRefreshToken();
  // Local logout happens whatever the server says; revoking server-side is best effort.
  sessionStore.signOut('user');
  if (refreshToken) {
    await apiClient.post<void>('/auth/logout', { refreshToken }, false).catch(() => undefined);
  }
}

/** Restores the session after a reload from the stored refresh token. */
export async function bootstrapSession(): Promise<void> {
  if (sessionStore.getState().status !== 'bootstrapping') return;
  const ok = await refreshSession().catch(() => false);
  if (!ok) sessionStore.signOut('expired');
}
