import type { AuthTokens, SessionUser } from './types';

// Where the tokens live, and why:
// - The access token (15 min) stays in memory only. Script injected through an XSS
//   hole could still use it while the page is open, but cannot lift a long-lived
//   credential from storage.
// - The refresh token never reaches script: the API sets it as an HttpOnly cookie that
//   only /api/v1/auth receives (SameSite=Strict), so a reload or a new tab resumes the
//   session by calling /auth/refresh.
// - localStorage keeps only a hint that someone is signed in: whether a reload should try
//   to resume, and a signal to the other tabs when this one signs out.
const SIGNED_IN_KEY = 'lianrong.signedIn';
/** The API ends a session this long after its last refresh (SESSION_IDLE_MINUTES). */
export const IDLE_LIMIT_MS = 15 * 60_000;
/** Refresh this long before the access token expires, if the user was active meanwhile. */
const REFRESH_AHEAD_MS = 60_000;

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
  status: storage()?.getItem(SIGNED_IN_KEY) ? 'bootstrapping' : 'anonymous',
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
  signIn(tokens: AuthTokens): void {
    accessToken = tokens.accessToken;
    storage()?.setItem(SIGNED_IN_KEY, '1');
    scheduleRefresh(tokens.expiresIn);
    setState({ status: 'authenticated', user: tokens.user, logoutReason: null });
  },
  signOut(reason: LogoutReason): void {
    accessToken = null;
    clearRefreshTimer();
    storage()?.removeItem(SIGNED_IN_KEY);
    setState({ status: 'anonymous', user: null, logoutReason: reason });
  },
  /** Something the user did: a request, a click, a key. Only an active session is kept alive. */
  touch(): void {
    lastActivity = Date.now();
  },
};

// The session lives on while its user works: shortly before the access token expires, it is
// refreshed if there was activity since; an idle tab lets it lapse, and the API's idle limit
// ends it.
let lastActivity = Date.now();
let refreshTimer: ReturnType<typeof setTimeout> | null = null;
let refresher: (() => Promise<unknown>) | null = null;

/** The api client registers its single-flight refresh here (it imports this module). */
export function onRefreshDue(refresh: () => Promise<unknown>): void {
  refresher = refresh;
}

function clearRefreshTimer(): void {
  if (refreshTimer) clearTimeout(refreshTimer);
  refreshTimer = null;
}

function scheduleRefresh(expiresInSeconds: number): void {
  clearRefreshTimer();
  const issuedAt = Date.now();
  const delay = Math.max(0, expiresInSeconds * 1000 - REFRESH_AHEAD_MS);
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    if (lastActivity > issuedAt - REFRESH_AHEAD_MS && Date.now() - lastActivity < IDLE_LIMIT_MS)
      void refresher?.().catch(() => undefined);
  }, delay);
}

/** Logs this tab out when another tab logs out; counts the user's input as activity. */
export function syncSessionAcrossTabs(): () => void {
  const onStorage = (event: StorageEvent) => {
    if (event.key === SIGNED_IN_KEY && event.newValue === null && state.status === 'authenticated') {
      accessToken = null;
      clearRefreshTimer();
      setState({ status: 'anonymous', user: null, logoutReason: 'user' });
    }
  };
  const onInput = () => sessionStore.touch();
  window.addEventListener('storage', onStorage);
  window.addEventListener('pointerdown', onInput, { passive: true });
  window.addEventListener('keydown', onInput, { passive: true });
  return () => {
    window.removeEventListener('storage', onStorage);
    window.removeEventListener('pointerdown', onInput);
    window.removeEventListener('keydown', onInput);
  };
}
