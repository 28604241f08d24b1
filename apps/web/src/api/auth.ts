import { useMutation } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { apiClient, refreshSession } from './api-client';
import { sessionStore, type SessionState } from './session';
import type { AuthTokens, ChangePasswordInput, LoginInput } from './types';

export type { ChangePasswordInput, LoginInput };

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
  // Local logout happens whatever the server says; revoking server-side is best effort.
  sessionStore.signOut('user');
  await apiClient.post<void>('/auth/logout', undefined, false).catch(() => undefined);
}

/** Ends every session of the user, on every device (the API refuses their tokens at once). */
export async function logoutEverywhere(): Promise<void> {
  await apiClient.post<void>('/auth/logout-all');
  sessionStore.signOut('user');
}

/** `POST /auth/password`: a new password, proven by the current one; signs in with it. */
export function useChangePassword() {
  return useMutation({
    mutationFn: (input: ChangePasswordInput) =>
      apiClient.post<AuthTokens>('/auth/password', input, false),
    onSuccess: (tokens) => sessionStore.signIn(tokens),
  });
}

/** Resumes the session after a reload through the refresh cookie. */
export async function bootstrapSession(): Promise<void> {
  if (sessionStore.getState().status !== 'bootstrapping') return;
  const ok = await refreshSession().catch(() => false);
  if (!ok) sessionStore.signOut('expired');
}
