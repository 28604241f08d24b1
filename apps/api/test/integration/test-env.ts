/** The integration suite's own database, derived from DATABASE_URL so it never touches the dev data. */
export function testDatabaseUrl(): string {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lianrong');
  url.pathname = '/lianrong_test';
  return url.toString();
}

/** A database of one suite's own next to the test database (lianrong_test → lianrong_test_schema). */
export function siblingDatabaseUrl(suffix: string): string {
  const url = new URL(testDatabaseUrl());
  url.pathname = `${url.pathname}_${suffix}`;
  return url.toString();
}

export function applyTestEnv(): void {
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.LOG_LEVEL = 'silent';
  process.env.LOGIN_RATE_LIMIT ??= '1000';
  process.env.BULL_PREFIX ??= `{lianrong-test-${process.pid}}`;
  process.env.TZ = 'UTC';
  process.env.SEED_DEMO ??= 'true';
}
