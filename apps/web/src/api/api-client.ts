import { config } from '../config';
import { onRefreshDue, sessionStore } from './session';
import type { ErrorDetail } from '@lianrong/matching/vocabulary';
import type { AuthTokens } from './types';

/** One field-level problem of a refused request: the API's own shape, from the shared vocabulary. */
export type ApiErrorDetail = ErrorDetail;

/** The API's error body (DESIGN §8), also used for network failures (statusCode 0). */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  method?: Method;
  body?: unknown;
  signal?: AbortSignal;
  /** false for the auth endpoints themselves: no bearer, no refresh-and-retry. */
  auth?: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseDetails(value: unknown): ApiErrorDetail[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((d) => ({ field: String(d.field ?? ''), problem: String(d.problem ?? '') }));
}

async function toApiError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // A proxy or gateway error page rather than the API's JSON; keep the status.
  }
  if (isRecord(body)) {
    // Nest may send message as an array of validation strings; join them for display.
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? response.statusText);
    return new ApiError(
      typeof body.statusCode === 'number' ? body.statusCode : response.status,
      String(body.error ?? response.statusText),
      message,
      parseDetails(body.details),
    );
  }
  return new ApiError(response.status, response.statusText || 'Error', text || response.statusText);
}

async function send(path: string, options: RequestOptions, withToken: boolean): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // A FormData body (a file upload) sets its own multipart boundary header.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  const token = withToken ? sessionStore.getAccessToken() : null;
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(`${config.apiBase}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NetworkError', cause instanceof Error ? cause.message : 'Network error');
  }
}

async function readBody<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

// Single flight: when several requests hit 401 at once (the access token expired
// under a page that loads four queries), they all wait for one refresh instead of each
// presenting the same refresh cookie.
let refreshInFlight: Promise<boolean> | null = null;

async function doRefresh(): Promise<boolean> {
  // No body: the refresh token is the HttpOnly cookie the browser sends to /auth only.
  const response = await send('/auth/refresh', { method: 'POST' }, false);
  if (!response.ok) {
    // 4xx: the session is spent, idle too long, past its 12 hours, or ended. 5xx: say so
    // instead of logging out.
    if (response.status >= 500) throw await toApiError(response);
    return false;
  }
  sessionStore.signIn(await readBody<AuthTokens>(response));
  return true;
}

/** Trades the refresh cookie for a new access token; true when the session lives on. */
export function refreshSession(): Promise<boolean> {
  refreshInFlight ??= doRefresh().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
}
onRefreshDue(refreshSession);

async function authorizedResponse(path: string, options: RequestOptions): Promise<Response> {
  const auth = options.auth ?? true;
  if (auth) sessionStore.touch();
  let response = await send(path, options, auth);
  if (response.status === 401 && auth) {
    if (await refreshSession()) {
      response = await send(path, options, true);
    }
    if (response.status === 401 && sessionStore.getState().status !== 'anonymous') {
      sessionStore.signOut('expired');
    }
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return readBody<T>(await authorizedResponse(path, options));
}

/** A file the API answers (e.g. an .xlsx template), with the same session handling as JSON calls. */
export async function apiDownload(path: string): Promise<Blob> {
  return (await authorizedResponse(path, {})).blob();
}

export const apiClient = {
  get: <T>(path: string, signal?: AbortSignal) => apiRequest<T>(path, { signal }),
  post: <T>(path: string, body?: unknown, auth = true) => apiRequest<T>(path, { method: 'POST', body, auth }),
  put: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PUT', body }),
  upload: <T>(path: string, form: FormData) => apiRequest<T>(path, { method: 'POST', body: form }),
  patch: <T>(path: string, body?: unknown) => apiRequest<T>(path, { method: 'PATCH', body }),
  delete: <T>(path: string) => apiRequest<T>(path, { method: 'DELETE' }),
};
