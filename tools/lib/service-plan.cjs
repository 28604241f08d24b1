'use strict';
// Pure decision logic behind tools/services.mjs: given what the probes found, which
// provisioning branch runs. Kept free of I/O so every branch is unit-tested
// (tools/__tests__/service-plan.spec.ts) — the Debian install branch cannot be
// exercised for real on a machine that already has the services.
const { URL } = require('node:url');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/lianrong';
const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * 'auth_failed' means something accepts TCP on the port but refuses our login (or,
 * for Redis, our commands): a server we did not expect, which we must not replace.
 * @typedef {'up' | 'down' | 'auth_failed'} ServiceState
 */

/**
 * @typedef {object} Probes
 * @property {ServiceState} postgres
 * @property {ServiceState} redis
 * @property {boolean} postgresLocal host of DATABASE_URL is loopback
 * @property {boolean} redisLocal host of REDIS_URL is loopback
 * @property {boolean} docker `docker info` succeeded
 * @property {boolean} root running as uid 0
 * @property {boolean} sudo a `sudo` binary exists
 * @property {boolean} apt an `apt-get` binary exists
 * @property {boolean} postgresInstalled Debian's PostgreSQL server and pg_ctlcluster are present
 * @property {boolean} redisInstalled redis-server is present
 */

/**
 * @typedef {{ op: 'apt-update' }
 *   | { op: 'apt-install', packages: string[] }
 *   | { op: 'pg-start' }
 *   | { op: 'pg-ensure-login' }
 *   | { op: 'redis-start' }} Step
 */

/**
 * @typedef {{ kind: 'ready' }
 *   | { kind: 'docker', services: Array<'postgres' | 'redis'> }
 *   | { kind: 'debian', privilege: 'root' | 'sudo', steps: Step[] }
 *   | { kind: 'error', message: string }} Plan
 */

/** @param {string} host */
function isLoopbackHost(host) {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * The integration and browser suites each get their own database next to the
 * developer's, so a test run never wipes the demo data: lianrong → lianrong_test.
 * @param {string} baseUrl
 * @param {string} suffix
 */
function deriveDatabaseUrl(baseUrl, suffix) {
  const url = new URL(baseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'lianrong';
  url.pathname = `/${encodeURIComponent(`${name}_${suffix}`)}`;
  return url.toString();
}

/**
 * @param {Probes} p
 * @returns {Plan}
 */
function planServices(p) {
  /** @type {Array<'postgres' | 'redis'>} */
  const missing = [];
  if (p.postgres !== 'up') missing.push('postgres');
  if (p.redis !== 'up') missing.push('redis');
  if (missing.length === 0) return { kind: 'ready' };

  // A server on another host is someone else's to run; we can only report it.
  const remote = missing.filter((s) => !(s === 'postgres' ? p.postgresLocal : p.redisLocal));
  if (remote.length > 0) {
    return {
      kind: 'error',
      message: `${remote.map(label).join(' and ')} at a non-local address do(es) not answer; start it there, or unset ${remote
        .map((s) => (s === 'postgres' ? 'DATABASE_URL' : 'REDIS_URL'))
        .join('/')} to use a local one`,
    };
  }

  if (p.redis === 'auth_failed') {
    return {
      kind: 'error',
      message:
        'something answers on the Redis port but refuses our commands (password set?); put the password in REDIS_URL (redis://:secret@127.0.0.1:6379)',
    };
  }

  // Docker cannot help with a foreign Postgres that refuses our login: the port is taken.
  const onlyDown = missing.every((s) => p[s] === 'down');
  if (p.docker && onlyDown) return { kind: 'docker', services: missing };

  if (p.postgres === 'auth_failed' && !p.postgresInstalled) {
    return {
      kind: 'error',
      message:
        'a PostgreSQL answers on the port but refuses our login, and it is not a Debian cluster we can configure; put its user and password in DATABASE_URL',
    };
  }

  const privilege = p.root ? 'root' : p.sudo ? 'sudo' : null;
  if (privilege === null) {
    return {
      kind: 'error',
      message: `${missing.map(label).join(' and ')} must be installed or started, which needs root or sudo (or a running Docker engine); run as root, or start them yourself`,
    };
  }

  /** @type {string[]} */
  const packages = [];
  if (p.postgres === 'down' && !p.postgresInstalled) packages.push('postgresql');
  if (p.redis === 'down' && !p.redisInstalled) packages.push('redis-server');
  if (packages.length > 0 && !p.apt) {
    return {
      kind: 'error',
      message: `no Docker engine and no apt-get: install ${packages.join(' and ')} yourself (PostgreSQL ≥ 15, Redis ≥ 7) or start a Docker engine`,
    };
  }

  /** @type {Step[]} */
  const steps = [];
  if (packages.length > 0) steps.push({ op: 'apt-update' }, { op: 'apt-install', packages });
  if (p.postgres === 'down') steps.push({ op: 'pg-start' });
  // Runs after a start too: a fresh Debian cluster asks for a SCRAM password on
  // 127.0.0.1, which the passwordless default URL cannot give.
  if (p.postgres !== 'up') steps.push({ op: 'pg-ensure-login' });
  if (p.redis === 'down') steps.push({ op: 'redis-start' });
  return { kind: 'debian', privilege, steps };
}

/** @param {'postgres' | 'redis'} s */
function label(s) {
  return s === 'postgres' ? 'PostgreSQL' : 'Redis';
}

const TRUST_MARKER = '# lianrong tools/services.mjs:';

/**
 * Lines prepended to pg_hba.conf (first match wins there) so the URL's user logs in
 * over loopback without a password. Chosen over setting a password because the
 * documented default URL has none and the cluster only listens on localhost.
 * Returns null when the file already has them, so the edit is idempotent.
 * @param {string} hba current pg_hba.conf
 * @param {string} user
 */
function withLoopbackTrust(hba, user) {
  if (hba.includes(`${TRUST_MARKER} trust ${user}`)) return null;
  const role = /^[a-z_][a-z0-9_]*$/.test(user) ? user : `"${user.replace(/"/g, '""')}"`;
  const block = [
    `${TRUST_MARKER} trust ${user} — local development logs in over loopback without a password`,
    `host    all    ${role}    127.0.0.1/32    trust`,
    `host    all    ${role}    ::1/128         trust`,
    '',
  ].join('\n');
  return block + hba;
}

/**
 * Highest Debian cluster version among the names in /etc/postgresql.
 * @param {string[]} names
 */
function pickPostgresVersion(names) {
  const versions = names
    .filter((n) => /^\d+(\.\d+)?$/.test(n))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ?? null;
}

module.exports = {
  DEFAULT_DATABASE_URL,
  DEFAULT_REDIS_URL,
  isLoopbackHost,
  deriveDatabaseUrl,
  planServices,
  withLoopbackTrust,
  pickPostgresVersion,
};
