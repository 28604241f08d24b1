import http, { type IncomingHttpHeaders } from 'node:http';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
  /** From sending the request to the end of the answer (to its headers, for a stream). */
  ms: number;
}

/**
 * One request to a running API over a fresh connection (no keep-alive socket outlives it).
 * Fails when no answer came within `withinMs`: a request that hangs is the failure the
 * fault tests look for. Of an event stream only the status and headers are read.
 */
export function call(
  base: string,
  method: string,
  path: string,
  { token, body, withinMs = 15_000 }: { token?: string; body?: unknown; withinMs?: number } = {},
): Promise<Answer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      {
        method,
        agent: false,
        headers: {
          accept: 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(payload
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (res) => {
        const answer = (text: string) => {
          clearTimeout(timer);
          let parsed: unknown = undefined;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON (a workbook, an event stream)
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: parsed,
            text,
            ms: Date.now() - started,
          });
        };
        if (String(res.headers['content-type']).startsWith('text/event-stream')) {
          answer('');
          res.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => answer(Buffer.concat(chunks).toString('utf8')));
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`${method} ${path}: no answer within ${withinMs} ms`));
    }, withinMs);
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end(payload);
  });
}
