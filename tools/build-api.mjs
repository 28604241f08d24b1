#!/usr/bin/env node
// `npm run build:api`: compiles the API, the worker and the database CLI to plain
// CommonJS in dist/api, for production images that run `node` on JavaScript with only
// the production dependencies installed.
//
// The files compiled are those the three entry points reach (followed through the
// compiled `require`s), not every file under src: scripts for developers (the scale
// seed, the type generator) stay out, and so do the dev dependencies they use. Every
// package the compiled code requires must be a production dependency in package.json;
// the build fails naming the file otherwise, so a dev-only import cannot reach an image
// that does not install it.
//
// SWC compiles with the decorator settings Nest and TypeORM need (legacy decorators,
// decorator metadata, no define semantics for class fields), the same as Jest and
// tools/run-ts.mjs, and rewrites the @lianrong/matching aliases to relative paths.
//   --out <dir>   write elsewhere than dist/api (the build test uses a temporary folder)
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import swc from '@swc/core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The processes an image starts: HTTP API, matching worker, migrate/seed CLI. */
export const ENTRIES = [
  'apps/api/src/main.ts',
  'apps/api/src/worker.ts',
  'apps/api/src/database/cli.ts',
];

/**
 * Files loaded by path rather than by `require`: worker threads. Kept when their loader is.
 * @type {Record<string, string[]>}
 */
const LOADED_BY_PATH = {
  'libs/matching/src/batch/parallel-runner.ts': ['libs/matching/src/batch/shard-worker.ts'],
};

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** @param {string} file */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** @returns {import('@swc/core').Options} */
function swcOptions() {
  const tsconfig = readJson(path.join(ROOT, 'tsconfig.base.json'));
  return {
    swcrc: false,
    configFile: false,
    sourceMaps: true,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        // DTO fields must not become own properties set to undefined (they would erase defaults).
        useDefineForClassFields: false,
      },
      keepClassNames: true,
      target: 'es2022',
      baseUrl: ROOT,
      paths: tsconfig.compilerOptions.paths,
    },
    module: { type: 'commonjs' },
  };
}

/**
 * The package a bare specifier names: `@scope/name` or `name`.
 * @param {string} specifier
 */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/**
 * A relative `require` of compiled code, back to the source file it came from.
 * @param {string} fromFile
 * @param {string} specifier
 */
function resolveSource(fromFile, specifier) {
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [`${base}.ts`, path.join(base, 'index.ts'), base];
  const found = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
  if (!found) throw new Error(`${path.relative(ROOT, fromFile)}: cannot resolve ${specifier}`);
  return found;
}

/**
 * @param {{ out?: string }} [options]
 * @returns {{ out: string, files: number, packages: string[], seconds: number }}
 */
export function buildApi(options = {}) {
  const started = performance.now();
  const out = path.resolve(ROOT, options.out ?? 'dist/api');
  const pkg = readJson(path.join(ROOT, 'package.json'));
  const production = new Set(Object.keys(pkg.dependencies ?? {}));
  const opts = swcOptions();

  fs.rmSync(out, { recursive: true, force: true });
  const queue = ENTRIES.map((e) => path.join(ROOT, e));
  /** @type {Set<string>} */
  const seen = new Set();
  /** @type {Set<string>} */
  const packages = new Set();
  /** @type {string[]} */
  const problems = [];

  while (queue.length) {
    const file = /** @type {string} */ (queue.pop());
    if (seen.has(file)) continue;
    seen.add(file);
    const rel = path.relative(ROOT, file);
    const target = path.join(out, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });

    if (!file.endsWith('.ts')) {
      // JSON read through require (the industry table, the release number).
      if (rel === 'package.json') {
        fs.writeFileSync(
          target,
          `${JSON.stringify({ name: pkg.name, version: pkg.version, private: true }, null, 2)}\n`,
        );
      } else fs.copyFileSync(file, target);
      continue;
    }

    const result = swc.transformFileSync(file, opts);
    const jsFile = target.replace(/\.ts$/, '.js');
    const mapName = `${path.basename(jsFile)}.map`;
    fs.writeFileSync(jsFile, `${result.code}\n//# sourceMappingURL=${mapName}\n`);
    if (result.map) fs.writeFileSync(path.join(path.dirname(jsFile), mapName), result.map);

    for (const [, specifier] of result.code.matchAll(/\brequire\("([^"]+)"\)/g)) {
      if (specifier.startsWith('.')) {
        try {
          queue.push(resolveSource(file, specifier));
        } catch (err) {
          problems.push(err instanceof Error ? err.message : String(err));
        }
      } else if (!BUILTINS.has(specifier)) {
        const name = packageOf(specifier);
        if (!production.has(name))
          problems.push(
            `${rel}: requires ${name}, which is not a production dependency in package.json`,
          );
        packages.add(name);
      }
    }
    for (const extra of LOADED_BY_PATH[rel] ?? []) queue.push(path.join(ROOT, extra));
  }

  if (problems.length) {
    fs.rmSync(out, { recursive: true, force: true });
    throw new Error(`build:api failed:\n  ${problems.join('\n  ')}`);
  }
  return {
    out,
    files: seen.size,
    packages: [...packages].sort(),
    seconds: (performance.now() - started) / 1000,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  try {
    const r = buildApi(at > 0 ? { out: process.argv[at + 1] } : {});
    console.log(
      `build:api: ${r.files} files → ${path.relative(process.cwd(), r.out) || '.'} in ${r.seconds.toFixed(1)}s; ` +
        `production packages required: ${r.packages.length}`,
    );
    console.log(
      `start: node --enable-source-maps ${path.relative(process.cwd(), r.out)}/apps/api/src/main.js`,
    );
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
