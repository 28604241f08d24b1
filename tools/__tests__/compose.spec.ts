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
    expect(commandOf(services.migrate)).toMatch(/cli\.js seed/);
  });

  it('needs nothing from the app environment to run postgres and redis alone', () => {
    for (const name of ['postgres', 'redis'])
      expect(JSON.stringify(services[name].environment ?? {})).not.toMatch(/JWT_SECRET|SEED_DEMO/);
  });

  it('runs the worker from the api image with its own entry point', () => {
    expect(services.worker.build?.dockerfile ?? services.api.build?.dockerfile).toBe(
      services.api.build?.dockerfile,
    );
    expect(commandOf(services.worker)).toContain('dist/api/apps/api/src/worker.js');
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

  it('starts compiled entry points whose sources exist and the build compiles', () => {
    // The commands name dist/api/<source path>.js, written by tools/build-api.mjs from its
    // ENTRIES; a renamed entry point would only show up as a crash-looping container.
    const dockerfile = fs.readFileSync(path.join(dockerDir, 'Dockerfile.api'), 'utf8');
    const commands = [...Object.values(services).map(commandOf), dockerfile].join('\n');
    const build = fs.readFileSync(path.join(root, 'tools/build-api.mjs'), 'utf8');
    const compiled = /export const ENTRIES = \[([^\]]*)\]/.exec(build)?.[1] ?? '';
    const sources = [...new Set(commands.match(/dist\/api\/(apps|libs)\/[\w./-]+\.js/g) ?? [])].map(
      (js) => js.replace(/^dist\/api\//, '').replace(/\.js$/, '.ts'),
    );
    expect(sources).toEqual(
      expect.arrayContaining([
        'apps/api/src/main.ts',
        'apps/api/src/worker.ts',
        'apps/api/src/database/cli.ts',
      ]),
    );
    for (const source of sources) {
      expect({ source, exists: fs.existsSync(path.join(root, source)) }).toEqual({
        source,
        exists: true,
      });
      expect({ source, compiled: compiled.includes(`'${source}'`) }).toEqual({
        source,
        compiled: true,
      });
    }
  });

  it('runs no TypeScript through a loader in any container', () => {
    const dockerfile = fs.readFileSync(path.join(dockerDir, 'Dockerfile.api'), 'utf8');
    const commands = [...Object.values(services).map(commandOf), dockerfile].join('\n');
    expect(commands).not.toMatch(/run-ts\.mjs|swc-node|ts-node|\.ts\b/);
  });

  it('builds on a Node.js LTS that still gets security fixes (22 or 24)', () => {
    for (const file of ['Dockerfile.api', 'Dockerfile.web']) {
      const text = fs.readFileSync(path.join(dockerDir, file), 'utf8');
      const images = [...text.matchAll(/(?:FROM|ARG NODE_IMAGE=)\s*(node:\S+)/g)].map((m) => m[1]);
      expect(images.length).toBeGreaterThan(0);
      for (const image of images) expect([22, 24]).toContain(major(image));
    }
  });

  it('installs only production dependencies into the api image it runs', () => {
    const text = fs.readFileSync(path.join(dockerDir, 'Dockerfile.api'), 'utf8');
    const stages = text.split(/^FROM /m).slice(1);
    const last = stages[stages.length - 1];
    expect(last).not.toMatch(/npm (install|ci)/);
    const from = /COPY --from=(\w+) \/app\/node_modules/.exec(last)?.[1];
    const source = stages.find((s) => new RegExp(`AS ${from}\\s`).test(s)) ?? '';
    expect(source).toMatch(/npm install --omit=dev/);
    expect(source).not.toMatch(/--include=dev/);
    expect(last).toMatch(/COPY --from=\w+ \/app\/dist\/api /);
  });

  it('lets no one but nginx reach the API, and nginx says who the client is', () => {
    const compose = fs.readFileSync(path.join(dockerDir, 'compose.yaml'), 'utf8');
    const api = /\n {2}api:\n([\s\S]*?)\n {2}\w+:\n/.exec(compose)?.[1] ?? '';
    expect(api).toMatch(/- '127\.0\.0\.1:\$\{API_PORT:-3000\}:3000'/);
    const conf = fs.readFileSync(path.join(dockerDir, 'nginx.conf'), 'utf8');
    expect(conf).not.toContain('$proxy_add_x_forwarded_for');
    expect(conf.match(/proxy_set_header X-Forwarded-For \$remote_addr;/g)?.length).toBe(
      conf.match(/proxy_pass http:\/\/api:3000;/g)?.length,
    );
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

  describe('security headers of the web app', () => {
    const snippet = fs.readFileSync(path.join(dockerDir, 'security-headers.conf'), 'utf8');
    const header = (name: string) =>
      new RegExp(`^add_header ${name} "([^"]*)" always;`, 'm').exec(snippet)?.[1];
    const csp = Object.fromEntries(
      (header('Content-Security-Policy') ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );

    it('sets a CSP that forbids framing, plugins and foreign or inline scripts', () => {
      expect(csp['default-src']).toEqual(["'self'"]);
      expect(csp['script-src']).toEqual(["'self'"]);
      expect(csp['frame-ancestors']).toEqual(["'none'"]);
      expect(csp['object-src']).toEqual(["'none'"]);
      expect(csp['base-uri']).toEqual(["'self'"]);
      // antd's CSS-in-JS writes <style> elements at run time.
      expect(csp['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    });

    it('sets X-Frame-Options, Referrer-Policy and X-Content-Type-Options', () => {
      expect(header('X-Frame-Options')).toBe('DENY');
      expect(header('Referrer-Policy')).toBe('no-referrer');
      expect(header('X-Content-Type-Options')).toBe('nosniff');
    });

    it('is included by every nginx location with headers of its own, and shipped where included', () => {
      const conf = fs.readFileSync(path.join(dockerDir, 'nginx.conf'), 'utf8');
      const include = /include (\/etc\/nginx\/snippets\/security-headers\.conf);/;
      const locations = [...conf.matchAll(/location ([^{]+)\{([^}]*)\}/g)];
      const withHeaders = locations.filter(([, , body]) => /add_header/.test(body));
      expect(withHeaders.map(([, where]) => where.trim())).toEqual(
        expect.arrayContaining(['/', '/assets/']),
      );
      for (const [, where, body] of withHeaders)
        expect({ where: where.trim(), includes: include.test(body) }).toEqual({
          where: where.trim(),
          includes: true,
        });
      const web = fs.readFileSync(path.join(dockerDir, 'Dockerfile.web'), 'utf8');
      expect(web).toContain(
        'COPY docker/security-headers.conf /etc/nginx/snippets/security-headers.conf',
      );
    });
  });
});
