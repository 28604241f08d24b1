/** The integration suite's own database, derived from DATABASE_URL so it never touches the dev data. */
export function testDatabaseUrl(): string {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/lianrong');
  // lianrong → lianrong_test, lianrong_a → lianrong_a_test: a checkout never wipes another's.
  url.pathname = `${url.pathname.replace(/\/$/, '') || '/lianrong'}_test`;
  return url.toString();
}

/** A database of one suite's own next to the test database (lianrong_test → lianrong_test_schema). */
export function siblingDatabaseUrl(suffix: string): string {
  const url = new URL(testDatabaseUrl());
  url.pathname = `${url.pathname}_${suffix}`;
  return url.toString();
}

export function applyTestEnv(): void {
  // Pinned, so that deriving it again (now from the test database's own URL) gives the same name.
  process.env.TEST_DATABASE_URL = testDatabaseUrl();
  process.env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  process.env.LOG_LEVEL = 'silent';
  // The suites log in, register and write far faster than any person; rate-limit.integration-spec
  // sets its own low limits.
  process.env.LOGIN_RATE_LIMIT ??= '1000';
  process.env.LOGIN_IP_RATE_LIMIT ??= '100000';
  process.env.REGISTRATION_RATE_LIMIT ??= '100000';
  process.env.WRITE_RATE_LIMIT ??= '100000';
  process.env.BULL_PREFIX ??= `{lianrong-test-${process.pid}}`;
  process.env.TZ = 'UTC';
  process.env.SEED_DEMO ??= 'true';
  // The suites compare dry-run counts with the database: always against a fresh read.
  process.env.DRY_RUN_FRESH_WAIT_MS ??= '60000';
}
