import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// No Docker engine runs on the CI machines, so the compose file and Dockerfiles are
// checked statically: the settings the platform relies on, and that every path they
// name exists in the repo.
const root = path.resolve(__dirname, '..', '..');
const dockerDir = path.join(root, 'docker');

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[] | string;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
  environment?: Record<string, string>;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const compose = parse(fs.readFileSync(path.join(dockerDir, 'compose.yaml'), 'utf8'), {
  merge: true,
}) as ComposeFile;
const services = compose.services;

const major = (image: string | undefined) => Number(/:(\d+)/.exec(image ?? '')?.[1]);
const commandOf = (s: ComposeService) =>
  Array.isArray(s.command) ? s.command.join(' ') : (s.command ?? '');

describe('docker/compose.yaml', () => {
  it('runs PostgreSQL 16 and Redis 7', () => {
    expect(major(services.postgres?.image)).toBe(16);
    expect(major(services.redis?.image)).toBe(7);
  });

  it('keeps BullMQ jobs safe in Redis: AOF on, no eviction', () => {
    const cmd = commandOf(services.redis);
    expect(cmd).toMatch(/--appendonly yes(\s|$)/);
    expect(cmd).toMatch(/--maxmemory-policy noeviction(\s|$)/);
  });

  it('has the api, worker and web services', () => {
    for (const name of ['api', 'worker', 'web']) expect(services[name]).toBeDefined();
  });

  it.each(['api', 'worker'])('starts %s only once PostgreSQL and Redis are healthy', (name) => {
    const deps = services[name].depends_on ?? {};
    expect(deps.postgres?.condition).toBe('service_healthy');
    expect(deps.redis?.condition).toBe('service_healthy');
  });

  it('gives every long-running service a healthcheck', () => {
    for (const name of ['postgres', 'redis', 'api', 'worker', 'web'])
      expect(services[name].healthcheck?.test).toBeTruthy();
  });

  it('asks the api for readiness, and the web for its page and a live api behind its proxy', () => {
    const test = (name: string) => [services[name].healthcheck?.test ?? []].flat().join(' ');
    expect(test('api')).toContain('http://127.0.0.1:3000/api/health/ready');
    expect(test('web')).toContain('http://127.0.0.1/api/health/live');
    expect(test('web')).toMatch(/http:\/\/127\.0\.0\.1\/ /);
  });

  it('points api and worker at the compose postgres and redis', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name].environment?.DATABASE_URL).toMatch(/@postgres:5432\//);
      expect(services[name].environment?.REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
    }
  });

  it('passes JWT_SECRET with no default, so a missing secret is refused at start', () => {
    for (const name of ['migrate', 'api', 'worker'])
      expect(services[name].environment?.JWT_SECRET).toBe('${JWT_SECRET}');
  });

  it('loads the demo data only when SEED_DEMO=true is passed', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      expect(services[name].environment?.NODE_ENV).toBe('production');
      expect(services[name].environment?.SEED_DEMO).toBe('${SEED_DEMO:-false}');
    }
    // The CLI's seed step itself does nothing unless SEED_DEMO is true.
    expect(commandOf(services.migrate)).toMatch(/cli\.ts seed/);
  });

  it('needs nothing from the app environment to run postgres and redis alone', () => {
    for (const name of ['postgres', 'redis'])
      expect(JSON.stringify(services[name].environment ?? {})).not.toMatch(/JWT_SECRET|SEED_DEMO/);
  });

  it('runs the worker from the api image with its own entry point', () => {
    expect(services.worker.build?.dockerfile ?? services.api.build?.dockerfile).toBe(
      services.api.build?.dockerfile,
    );
    expect(commandOf(services.worker)).toContain('apps/api/src/worker.ts');
  });
});

describe('Dockerfiles', () => {
  const builds = Object.entries(services).filter(([, s]) => s.build);

  it.each(builds.map(([name, s]) => [name, s.build as { context: string; dockerfile: string }]))(
    '%s builds from the monorepo root with an existing Dockerfile',
    (_name, build) => {
      const context = path.resolve(dockerDir, build.context);
      expect(context).toBe(root);
      expect(fs.existsSync(path.join(context, build.dockerfile))).toBe(true);
    },
  );

  it.each(['Dockerfile.api', 'Dockerfile.web'])(
    '%s copies only paths that exist in the repo',
    (file) => {
      const text = fs.readFileSync(path.join(dockerDir, file), 'utf8');
      const copies = text
        .split('\n')
        .filter((l) => /^COPY\s/.test(l) && !/--from=/.test(l))
        .map((l) =>
          l
            .replace(/^COPY\s+(--\S+\s+)*/, '')
            .trim()
            .split(/\s+/)
            .slice(0, -1),
        );
      expect(copies.length).toBeGreaterThan(0);
      for (const src of copies.flat())
        expect({ src, exists: fs.existsSync(path.join(root, src)) }).toEqual({ src, exists: true });
    },
  );

  it('starts entry points that exist in the repo', () => {
    // The commands name .ts files run through tools/run-ts.mjs; a renamed entry point
    // would only show up as a crash-looping container.
    const dockerfile = fs.readFileSync(path.join(dockerDir, 'Dockerfile.api'), 'utf8');
    const commands = [...Object.values(services).map(commandOf), dockerfile].join('\n');
    const entries = [...new Set(commands.match(/(apps|libs|tools)\/[\w./-]+\.(ts|mjs)/g) ?? [])];
    expect(entries).toEqual(
      expect.arrayContaining(['apps/api/src/main.ts', 'apps/api/src/worker.ts']),
    );
    for (const entry of entries) {
      expect({ entry, exists: fs.existsSync(path.join(root, entry)) }).toEqual({
        entry,
        exists: true,
      });
    }
  });

  it('proxies /api to the api service from nginx', () => {
    const conf = fs.readFileSync(path.join(dockerDir, 'nginx.conf'), 'utf8');
    expect(conf).toMatch(/location \/api\/\s*{[^}]*proxy_pass http:\/\/api:3000;/);
    expect(fs.readFileSync(path.join(dockerDir, 'Dockerfile.web'), 'utf8')).toContain(
      '/app/dist/apps/web',
    );
  });

  it('passes the notification stream through nginx unbuffered and uncut', () => {
    const conf = fs.readFileSync(path.join(dockerDir, 'nginx.conf'), 'utf8');
    const block = /location = \/api\/v1\/notifications\/stream\s*{([^}]*)}/.exec(conf)?.[1] ?? '';
    expect(block).toContain('proxy_pass http://api:3000;');
    expect(block).toContain('proxy_buffering off;');
    expect(block).toMatch(/proxy_read_timeout (\d+[hm]);/);
  });
});
