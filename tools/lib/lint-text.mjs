#!/usr/bin/env node
// Lints source texts as if they were saved at the given repo paths, with the repo's own
// ESLint config, and prints the messages as JSON on the last line of stdout. A child
// process because the config is native ESM, which Jest cannot import without
// --experimental-vm-modules.
//   stdin:  [{ "filePath": "apps/web/src/x.ts", "code": "…" }, …]
//   stdout: [[{ "ruleId": "…", "message": "…" }, …], …]   (one list per input, same order)
import { Buffer } from 'node:buffer';
import path from 'node:path';
import { ESLint } from 'eslint';
import { ROOT } from './proc.mjs';

/** @typedef {{ filePath: string, code: string }} Probe */

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const probes = /** @type {Probe[]} */ (JSON.parse(Buffer.concat(chunks).toString('utf8')));

const eslint = new ESLint({ cwd: ROOT });
const out = [];
for (const probe of probes) {
  const [result] = await eslint.lintText(probe.code, { filePath: path.join(ROOT, probe.filePath) });
  out.push(result.messages.map((m) => ({ ruleId: m.ruleId, message: m.message })));
}
process.stdout.write(`\n${JSON.stringify(out)}\n`);
