import type { AuthTokens, SessionUser } from './types';

// Where the tokens live, and why:
// - The access token (15 min) stays in memory only. Script injected through an XSS
//   hole could still use it while the page is open, but cannot lift a long-lived
//   credential from storage.
// - The refresh token goes to localStorage so that a reload or a new tab keeps the
//   session (firm owners come back from their phone's browser). An httpOnly cookie
//   would hide it from script entirely, but the API hands tokens out in the JSON
//   body; rotation with reuse detection (a stolen, already-spent token revokes the
//   whole family) limits the damage of a leak.
const REFRESH_KEY = 'lianrong.refreshToken';

export type SessionStatus = 'bootstrapping' | 'anonymous' | 'authenticated';
export type LogoutReason = 'user' | 'expired';

export interface SessionState {
  status: SessionStatus;
  user: SessionUser | null;
  logoutReason: LogoutReason | null;
}

type Listener = () => void;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    // Private modes may forbid storage; the session then lasts as long as the tab.
    return null;
  }
}

let accessToken: string | null = null;
let state: SessionState = {
  status: storage()?.getItem(REFRESH_KEY) ? 'bootstrapping' : 'anonymous',
  user: null,
  logoutReason: null,
};
const listeners = new Set<Listener>();

function setState(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

export const sessionStore = {
  getState: (): SessionState => state,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  getAccessToken: (): string | null => accessToken,
  // Read from storage each time: another tab may have rotated the token meanwhile.
  getRefreshToken: (): string | null => storage()?.getItem(REFRESH_KEY) ?? null,
  signIn(tokens: AuthTokens): void {
    accessToken = tokens.accessToken;
    storage()?.setItem(REFRESH_KEY, tokens.refreshToken);
    setState({ status: 'authenticated', user: tokens.user, logoutReason: null });
  },
  signOut(reason: LogoutReason): void {
    accessToken = null;
    storage()?.removeItem(REFRESH_KEY);
    setState({ status: 'anonymous', user: null, logoutReason: reason });
  },
};

/** Logs this tab out when another tab logs out (the shared refresh token disappears). */
export function syncSessionAcrossTabs(): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === REFRESH_KEY && event.newValue === null && state.status === 'authenticated') {
      accessToken = null;
      setState({ status: 'anonymous', user: null, logoutReason: 'user' });
    }
  };
  window.addEventListener('storage', onStorage);
  return () => window.removeEventListener('storage', onStorage);
}
