// Server-sent events read with fetch, so the access token travels in the Authorization
// header. EventSource cannot set headers: the token would have to go in the URL, where
// proxies' access logs and the browser's history keep it.
import { config } from '../config';
import { refreshSession } from './api-client';
import { sessionStore } from './session';

export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * Splits what has arrived into complete events (the text/event-stream format: fields per
 * line, a blank line ends an event, lines starting with ':' are comments) and the
 * unfinished tail to keep for the next chunk.
 */
export function parseEventStream(buffer: string): { events: ServerSentEvent[]; rest: string } {
  const text = buffer.replace(/\r\n?/g, '\n');
  const events: ServerSentEvent[] = [];
  let start = 0;
  let end: number;
  while ((end = text.indexOf('\n\n', start)) >= 0) {
    let event = 'message';
    const data: string[] = [];
    for (const line of text.slice(start, end).split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
    start = end + 2;
  }
  return { events, rest: text.slice(start) };
}

/** 1 s, 2 s, 4 s … up to 30 s, with jitter so a restarted API is not hit by every tab at once. */
export function reconnectDelay(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}

export type StreamState = 'connecting' | 'live' | 'down';

export interface StreamOptions {
  path: string;
  onEvent: (event: ServerSentEvent) => void;
  onState: (state: StreamState) => void;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Keeps a stream open until the returned function is called: reconnects with backoff
 * after a failure, at once after the server ends the stream (it does when the access
 * token expires), and refreshes the session on a 401 before trying again.
 */
export function openEventStream({ path, onEvent, onState }: StreamOptions): () => void {
  const abort = new AbortController();
  const { signal } = abort;

  const readOnce = async (): Promise<'ended' | 'unauthorized'> => {
    const token = sessionStore.getAccessToken();
    const response = await fetch(`${config.apiBase}${path}`, {
      headers: { Accept: 'text/event-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      cache: 'no-store',
      signal,
    });
    if (response.status === 401) return 'unauthorized';
    if (!response.ok || !response.body) throw new Error(`stream answered ${response.status}`);
    onState('live');
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let heard = false;
    for (;;) {
      const { value, done } = await reader.read();
      // A stream cut before its first event is a failure (a proxy refusing it), not an expiry.
      if (done) {
        if (heard) return 'ended';
        throw new Error('stream ended before its first event');
      }
      const { events, rest } = parseEventStream(buffer + value);
      buffer = rest;
      heard ||= events.length > 0;
      for (const event of events) onEvent(event);
    }
  };

  void (async () => {
    let failures = 0;
    let refused = 0;
    while (!signal.aborted) {
      onState('connecting');
      try {
        const outcome = await readOnce();
        if (outcome === 'unauthorized') {
          // The session is over when the refresh fails, or a fresh token is refused too; the
          // page's other calls then sign the user out.
          if (++refused > 1 || !(await refreshSession())) break;
          continue;
        }
        refused = 0;
        failures = 0;
      } catch {
        if (signal.aborted) break;
        failures += 1;
      }
      if (signal.aborted) break;
      onState('down');
      await sleep(failures === 0 ? 250 : reconnectDelay(failures), signal);
    }
    if (!signal.aborted) onState('down');
  })();

  return () => abort.abort();
}
