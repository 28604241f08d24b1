import { redactUrl } from './redact-url';

describe('redactUrl', () => {
  it('leaves URLs without credentials alone', () => {
    expect(redactUrl('/api/v1/needs')).toBe('/api/v1/needs');
    expect(redactUrl('/api/v1/products/1/matches?limit=20&cursor=abc')).toBe(
      '/api/v1/products/1/matches?limit=20&cursor=abc',
    );
  });

  it.each(['token', 'access_token', 'accessToken', 'refreshToken', 'ticket', 'TOKEN', 'to%6Ben'])(
    'hides the value of %s',
    (name) => {
      expect(redactUrl(`/admin/queues?x=1&${name}=eyJhbGciOi.secret.sig`)).toBe(
        `/admin/queues?x=1&${name}=[REDACTED]`,
      );
    },
  );

  it('survives a malformed escape', () => {
    expect(redactUrl('/a?%E0%A4%A=1&token=s')).toBe('/a?%E0%A4%A=1&token=[REDACTED]');
  });
});
