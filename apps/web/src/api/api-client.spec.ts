import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import type * as ClientModule from './api-client';
import type * as SessionModule from './session';
import type { AuthTokens } from './types';

// The client in a Node test: a Map-backed localStorage and a scripted fetch.
class MemoryStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}

const user = {
  id: 'u1',
  email: 'firm@lianrong.demo',
  displayName: '张敏',
  role: 'firm' as const,
  organization: { id: 'o1', name: '湖南博匠信息科技有限公司', kind: 'firm' as const, regionCode: '430104' },
};

function tokens(n: number): AuthTokens {
  return { accessToken: `access-${n}`, expiresIn: 900, user };
}

function json(status: number, body: unknown): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

type FetchArgs = [string, RequestInit];
let client: typeof ClientModule;
let session: typeof SessionModule;
let calls: FetchArgs[];

async function load(handler: (url: string, init: RequestInit) => Response | Promise<Response>) {
  calls = [];
  const storage = new MemoryStorage();
  Object.assign(globalThis, { window: { localStorage: storage, addEventListener: () => undefined } });
  globalThis.fetch = ((url: string, init: RequestInit) => {
    calls.push([url, init]);
    return Promise.resolve(handler(url, init));
  }) as typeof fetch;
  // A fresh module pair per test: the session store reads storage when it loads.
  await jest.isolateModulesAsync(async () => {
    session = await import('./session');
    client = await import('./api-client');
  });
  return storage;
}

/** Lets the promise chains a timer started (fetch, parse, sign-in) run to their end. */
async function settled(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

const bearer = (init: RequestInit) => (init.headers as Record<string, string>).Authorization;

describe('api client', () => {
  beforeEach(() => {
    jest.resetModules();
    // The session's refresh-ahead timer runs on a fake clock the tests move by hand.
    jest.useFakeTimers();
  });

  it('sends the bearer token and parses JSON', async () => {
    await load(() => json(200, { items: [] }));
    session.sessionStore.signIn(tokens(1));
    await expect(client.apiClient.get('/needs')).resolves.toEqual({ items: [] });
    expect(calls[0][0]).toBe('/api/v1/needs');
    expect(bearer(calls[0][1])).toBe('Bearer access-1');
  });

  it('shares one refresh among concurrent 401s, then retries each request with the new token', async () => {
    let refreshes = 0;
    await load((url, init) => {
      if (url.endsWith('/auth/refresh')) {
        refreshes += 1;
        // The refresh token is the browser's HttpOnly cookie: nothing in the body.
        expect(init.body).toBeUndefined();
        return json(200, tokens(2));
      }
      return bearer(init) === 'Bearer access-2' ? json(200, { ok: url }) : json(401, { statusCode: 401 });
    });
    session.sessionStore.signIn(tokens(1));
    const results = await Promise.all([
      client.apiClient.get('/firms/me'),
      client.apiClient.get('/needs'),
      client.apiClient.get('/products'),
    ]);
    expect(refreshes).toBe(1);
    expect(results).toEqual([{ ok: '/api/v1/firms/me' }, { ok: '/api/v1/needs' }, { ok: '/api/v1/products' }]);
    expect(session.sessionStore.getAccessToken()).toBe('access-2');
  });

  it('logs out when the refresh token is refused', async () => {
    const storage = await load((url) =>
      url.endsWith('/auth/refresh')
        ? json(401, { statusCode: 401, error: 'Unauthorized', message: 'refresh token reused', details: [] })
        : json(401, { statusCode: 401, error: 'Unauthorized', message: 'jwt expired', details: [] }),
    );
    session.sessionStore.signIn(tokens(1));
    await expect(client.apiClient.get('/needs')).rejects.toMatchObject({ statusCode: 401, message: 'jwt expired' });
    expect(session.sessionStore.getState()).toMatchObject({ status: 'anonymous', user: null, logoutReason: 'expired' });
    expect(storage.getItem('lianrong.signedIn')).toBeNull();
  });

  it('refreshes a minute before the access token expires while its user is active, and not when idle', async () => {
    let refreshes = 0;
    await load((url) => {
      if (url.endsWith('/auth/refresh')) {
        refreshes += 1;
        return json(200, tokens(refreshes + 1));
      }
      return json(200, {});
    });
    session.sessionStore.signIn(tokens(1));
    jest.advanceTimersByTime(5 * 60_000);
    await client.apiClient.get('/needs');
    jest.advanceTimersByTime(9 * 60_000);
    await settled();
    expect(refreshes).toBe(1);
    expect(session.sessionStore.getAccessToken()).toBe('access-2');
    // Nobody touches the tab for the next 15 minutes: the session is left to lapse.
    jest.advanceTimersByTime(15 * 60_000);
    await settled();
    expect(refreshes).toBe(1);
  });

  it('does not refresh for the auth endpoints themselves', async () => {
    await load(() => json(401, { statusCode: 401, error: 'Unauthorized', message: 'wrong email or password', details: [] }));
    await expect(client.apiClient.post('/auth/login', { email: 'x@y.z', password: 'p' }, false)).rejects.toBeInstanceOf(
      client.ApiError,
    );
    expect(calls).toHaveLength(1);
  });

  it('parses the error shape with field details', async () => {
    await load(() =>
      json(400, {
        statusCode: 400,
        error: 'Bad Request',
        message: 'validation failed',
        details: [{ field: 'uscc', problem: 'check character does not match' }],
      }),
    );
    session.sessionStore.signIn(tokens(1));
    const error = await client.apiClient.post('/needs', { amount: -1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.ApiError);
    expect(error).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      details: [{ field: 'uscc', problem: 'check character does not match' }],
    });
  });

  it('turns a non-JSON gateway error into an ApiError with its status', async () => {
    await load(() => new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    session.sessionStore.signIn(tokens(1));
    await expect(client.apiClient.get('/needs')).rejects.toMatchObject({ statusCode: 502, error: 'Bad Gateway', details: [] });
  });

  it('turns a network failure into statusCode 0', async () => {
    await load(() => Promise.reject(new TypeError('fetch failed')));
    await expect(client.apiClient.get('/needs')).rejects.toMatchObject({ statusCode: 0, error: 'NetworkError' });
  });
});
