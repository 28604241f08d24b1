#!/usr/bin/env node
// `npm run typecheck`: `tsc --noEmit` on every project tsconfig in apps/*, libs/* and
// tools/, found on disk so a new project (or a spec/integration tsconfig) is checked
// without anyone remembering to list it. Two at a time: these machines have 2 cores.
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ROOT, bin } from './lib/proc.mjs';

/** @returns {string[]} repo-relative tsconfig paths */
function discover() {
  /** @type {string[]} */
  const dirs = ['tools'];
  for (const group of ['apps', 'libs']) {
    const base = path.join(ROOT, group);
    if (!fs.existsSync(base)) continue;
    for (const entry of fs.readdirSync(base, { withFileTypes: true })) {
      if (entry.isDirectory()) dirs.push(`${group}/${entry.name}`);
    }
  }
  /** @type {string[]} */
  const configs = [];
  for (const dir of dirs) {
    const abs = path.join(ROOT, dir);
    if (!fs.existsSync(abs)) continue;
    for (const file of fs.readdirSync(abs).sort()) {
      if (!/^tsconfig(\..+)?\.json$/.test(file)) continue;
      const rel = `${dir}/${file}`;
      if (!isSolutionConfig(path.join(ROOT, rel))) configs.push(rel);
    }
  }
  return configs;
}

/**
 * An Nx "solution" tsconfig (`files: []` + `references`) has nothing of its own to
 * check; its references are checked one by one.
 * @param {string} file
 */
function isSolutionConfig(file) {
  const text = fs.readFileSync(file, 'utf8');
  return /"files"\s*:\s*\[\s*\]/.test(text) && /"references"\s*:/.test(text);
}

/**
 * @param {string} config
 * @returns {Promise<{ config: string, code: number, output: string, seconds: number }>}
 */
function check(config) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(bin('tsc'), ['-p', config, '--noEmit', '--pretty', 'false'], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ config, code: 127, output: err.message, seconds: 0 }));
    child.on('close', (code) =>
      resolve({ config, code: code ?? 1, output, seconds: (performance.now() - t0) / 1000 }),
    );
  });
}

async function main() {
  const configs = discover();
  const queue = [...configs];
  /** @type {Array<{ config: string, code: number, output: string, seconds: number }>} */
  const results = [];
  const workers = Array.from({ length: 2 }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const r = await check(next);
      // Whole blocks, so errors of two projects checked at once do not interleave.
      const mark = r.code === 0 ? 'ok  ' : 'FAIL';
      console.log(`[typecheck] ${mark} ${r.config} (${r.seconds.toFixed(1)}s)`);
      if (r.code !== 0) process.stdout.write(r.output.endsWith('\n') ? r.output : `${r.output}\n`);
      results.push(r);
    }
  });
  await Promise.all(workers);
  const failed = results.filter((r) => r.code !== 0);
  console.log(
    `[typecheck] ${configs.length - failed.length}/${configs.length} projects type-check`,
  );
  process.exitCode = failed.length > 0 ? 1 : 0;
}

void main();
