/** Query parameters that carry credentials when a client puts them there anyway. */
const SECRET_PARAMS = /^(token|access_?token|refresh_?token|ticket|password|secret)$/i;

/**
 * The URL as the request log may keep it: no route of the API takes a credential in
 * the URL, but a client that sends one anyway must not get it written to the logs.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const raw = eq < 0 ? pair : pair.slice(0, eq);
      let name = raw;
      try {
        name = decodeURIComponent(raw.replace(/\+/g, ' '));
      } catch {
        // a malformed %-escape: judge the name as written
      }
      return SECRET_PARAMS.test(name) && eq >= 0 ? `${raw}=[REDACTED]` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}
