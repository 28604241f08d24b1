#!/usr/bin/env node
// Runs a TypeScript entry point through SWC (decorator metadata and tsconfig paths
// included), so scripts and dev servers need no separate build step.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
const child = spawn(process.execPath, ['-r', '@swc-node/register', entry, ...args], {
  stdio: 'inherit',
  cwd: process.cwd(),
  env: { SWC_NODE_PROJECT: path.join(root, 'tsconfig.base.json'), ...process.env },
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
