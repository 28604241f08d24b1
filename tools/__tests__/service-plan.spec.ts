import {
  deriveDatabaseUrl,
  isLoopbackHost,
  pickPostgresVersion,
  planServices,
  withLoopbackTrust,
  type Probes,
} from '../lib/service-plan.cjs';

// A bare Debian machine as root: nothing runs, nothing installed, no Docker engine.
const bare: Probes = {
  postgres: 'down',
  redis: 'down',
  postgresLocal: true,
  redisLocal: true,
  docker: false,
  root: true,
  sudo: false,
  apt: true,
  postgresInstalled: false,
  redisInstalled: false,
};

describe('planServices', () => {
  it('touches nothing when both answer, whatever else the machine has', () => {
    expect(planServices({ ...bare, postgres: 'up', redis: 'up', docker: true })).toEqual({
      kind: 'ready',
    });
    expect(planServices({ ...bare, postgres: 'up', redis: 'up', root: false, apt: false })).toEqual(
      { kind: 'ready' },
    );
  });

  it('prefers a running Docker engine and starts only what is missing', () => {
    expect(planServices({ ...bare, docker: true })).toEqual({
      kind: 'docker',
      services: ['postgres', 'redis'],
    });
    expect(planServices({ ...bare, docker: true, postgres: 'up' })).toEqual({
      kind: 'docker',
      services: ['redis'],
    });
    expect(planServices({ ...bare, docker: true, redis: 'up' })).toEqual({
      kind: 'docker',
      services: ['postgres'],
    });
  });

  it('installs both from Debian on a bare machine, updating the lists first', () => {
    expect(planServices(bare)).toEqual({
      kind: 'debian',
      privilege: 'root',
      steps: [
        { op: 'apt-update' },
        { op: 'apt-install', packages: ['postgresql', 'redis-server'] },
        { op: 'pg-start' },
        { op: 'pg-ensure-login' },
        { op: 'redis-start' },
      ],
    });
  });

  it('only starts what is installed but stopped, without apt', () => {
    const plan = planServices({ ...bare, postgresInstalled: true, redisInstalled: true });
    expect(plan).toEqual({
      kind: 'debian',
      privilege: 'root',
      steps: [{ op: 'pg-start' }, { op: 'pg-ensure-login' }, { op: 'redis-start' }],
    });
  });

  it('installs only the missing one when the other answers', () => {
    expect(planServices({ ...bare, postgres: 'up' })).toEqual({
      kind: 'debian',
      privilege: 'root',
      steps: [
        { op: 'apt-update' },
        { op: 'apt-install', packages: ['redis-server'] },
        { op: 'redis-start' },
      ],
    });
  });

  it('uses sudo when not root', () => {
    const plan = planServices({ ...bare, root: false, sudo: true });
    expect(plan.kind === 'debian' && plan.privilege).toBe('sudo');
  });

  it('fails clearly without root, sudo or Docker', () => {
    const plan = planServices({ ...bare, root: false, sudo: false });
    expect(plan.kind).toBe('error');
    expect(plan.kind === 'error' && plan.message).toMatch(/root or sudo/);
  });

  it('fails clearly when packages are needed and there is no apt-get', () => {
    const plan = planServices({ ...bare, apt: false });
    expect(plan.kind === 'error' && plan.message).toMatch(/no apt-get/);
    // …but starting what is already installed needs no apt.
    expect(
      planServices({ ...bare, apt: false, postgresInstalled: true, redisInstalled: true }).kind,
    ).toBe('debian');
  });

  it('fixes the login of a local Debian cluster that refuses a passwordless user, without Docker', () => {
    const p: Probes = {
      ...bare,
      postgres: 'auth_failed',
      redis: 'up',
      postgresInstalled: true,
      docker: true,
    };
    expect(planServices(p)).toEqual({
      kind: 'debian',
      privilege: 'root',
      steps: [{ op: 'pg-ensure-login' }],
    });
  });

  it('refuses to replace a foreign PostgreSQL that refuses our login', () => {
    const plan = planServices({
      ...bare,
      postgres: 'auth_failed',
      redis: 'up',
      postgresInstalled: false,
    });
    expect(plan.kind === 'error' && plan.message).toMatch(/DATABASE_URL/);
  });

  it('reports a Redis that answers but refuses commands', () => {
    const plan = planServices({ ...bare, postgres: 'up', redis: 'auth_failed', docker: true });
    expect(plan.kind === 'error' && plan.message).toMatch(/REDIS_URL/);
  });

  it('never provisions for a remote host', () => {
    const plan = planServices({ ...bare, postgresLocal: false, docker: true });
    expect(plan.kind).toBe('error');
    expect(plan.kind === 'error' && plan.message).toMatch(/DATABASE_URL/);
  });
});

describe('URL helpers', () => {
  it('recognises loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'])
      expect(isLoopbackHost(h)).toBe(true);
    for (const h of ['db.example.com', '10.0.0.5', 'postgres'])
      expect(isLoopbackHost(h)).toBe(false);
  });

  it('derives the test database next to the base one, keeping credentials and query', () => {
    expect(deriveDatabaseUrl('postgres://postgres@127.0.0.1:5432/lianrong', 'test')).toBe(
      'postgres://postgres@127.0.0.1:5432/lianrong_test',
    );
    expect(deriveDatabaseUrl('postgres://u:p%40ss@db:6543/app?sslmode=disable', 'e2e')).toBe(
      'postgres://u:p%40ss@db:6543/app_e2e?sslmode=disable',
    );
    expect(deriveDatabaseUrl('postgres://postgres@127.0.0.1:5432', 'test')).toBe(
      'postgres://postgres@127.0.0.1:5432/lianrong_test',
    );
  });
});

describe('pg_hba edit', () => {
  const fresh = [
    '# Database administrative login by Unix domain socket',
    'local   all             postgres                                peer',
    'host    all             all             127.0.0.1/32            scram-sha-256',
    '',
  ].join('\n');

  it('puts the trust lines before the SCRAM lines (first match wins) and keeps the rest', () => {
    const next = withLoopbackTrust(fresh, 'postgres');
    expect(next).not.toBeNull();
    const lines = (next ?? '').split('\n');
    const trust = lines.findIndex((l) =>
      /^host\s+all\s+postgres\s+127\.0\.0\.1\/32\s+trust$/.test(l),
    );
    const scram = lines.findIndex((l) => l.includes('scram-sha-256'));
    expect(trust).toBeGreaterThanOrEqual(0);
    expect(trust).toBeLessThan(scram);
    expect(next).toContain('::1/128');
    expect(next?.endsWith(fresh)).toBe(true);
  });

  it('is idempotent', () => {
    const once = withLoopbackTrust(fresh, 'postgres') ?? '';
    expect(withLoopbackTrust(once, 'postgres')).toBeNull();
  });

  it('picks the newest cluster version', () => {
    expect(pickPostgresVersion(['15', '16', '9.6', 'README'])).toBe('16');
    expect(pickPostgresVersion([])).toBeNull();
  });
});
