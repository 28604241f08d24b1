'use strict';
// How tools/test.mjs turns each step's outcome into counts and the final
// `N passed, N failed` line. Pure, so the arithmetic is unit-tested.

/**
 * The fields of Jest's --json report that the summary reads.
 * @typedef {object} JestReport
 * @property {number} numPassedTests
 * @property {number} numFailedTests
 * @property {number} [numRuntimeErrorTestSuites]
 */

/**
 * @typedef {object} StepResult
 * @property {string} id
 * @property {'passed' | 'failed' | 'skipped'} status
 * @property {number} passed
 * @property {number} failed
 * @property {number} seconds
 * @property {string} [note]
 */

/**
 * Lint and type-check are one check each.
 * @param {number} exitCode
 * @returns {Pick<StepResult, 'status' | 'passed' | 'failed'>}
 */
function checkOutcome(exitCode) {
  return exitCode === 0
    ? { status: 'passed', passed: 1, failed: 0 }
    : { status: 'failed', passed: 0, failed: 1 };
}

/**
 * A suite that cannot even load (syntax error, failing globalSetup) has no failed
 * tests, and a runner can exit non-zero with every test green (open handles, no
 * report written); both must still show up as failures in the count, or the last
 * line would read "0 failed" for a red run.
 * @param {JestReport | null} report
 * @param {number} exitCode
 * @returns {Pick<StepResult, 'status' | 'passed' | 'failed' | 'note'>}
 */
function jestOutcome(report, exitCode) {
  if (!report) {
    return { status: 'failed', passed: 0, failed: 1, note: 'no Jest report was written' };
  }
  const passed = report.numPassedTests;
  let failed = report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0);
  /** @type {string | undefined} */
  let note;
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    note = `Jest exited with ${exitCode} although no test failed`;
  }
  return { status: failed === 0 ? 'passed' : 'failed', passed, failed, note };
}

/** @param {StepResult[]} results */
function totals(results) {
  return results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed }), {
    passed: 0,
    failed: 0,
  });
}

/** @param {StepResult[]} results */
function summaryLine(results) {
  const t = totals(results);
  return `${t.passed} passed, ${t.failed} failed`;
}

/** @param {StepResult[]} results */
function exitCodeFor(results) {
  return results.some((r) => r.status === 'failed' || r.failed > 0) ? 1 : 0;
}

/**
 * The table printed above the final line.
 * @param {StepResult[]} results
 */
function summaryTable(results) {
  const width = Math.max(...results.map((r) => r.id.length), 4);
  return results
    .map((r) => {
      const head = `${r.id.padEnd(width)}  ${r.status.padEnd(7)}`;
      if (r.status === 'skipped') return `${head}  ${r.note ?? ''}`.trimEnd();
      const counts = `${r.passed} passed, ${r.failed} failed`;
      return `${head}  ${r.seconds.toFixed(1).padStart(6)}s  ${counts}${r.note ? `  (${r.note})` : ''}`;
    })
    .join('\n');
}

/**
 * --only may be repeated or comma-separated; an unknown name is an error, not a
 * silently empty run.
 * @param {string[]} argv
 * @param {readonly string[]} known
 * @returns {{ only: string[] | null, error?: string }}
 */
function parseOnly(argv, known) {
  /** @type {string[]} */
  const only = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    /** @type {string | undefined} */
    let value;
    if (arg === '--only') value = argv[++i];
    else if (arg.startsWith('--only=')) value = arg.slice('--only='.length);
    else return { only: null, error: `unknown argument: ${arg}` };
    if (!value) return { only: null, error: '--only needs a value' };
    for (const v of value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      if (!known.includes(v))
        return { only: null, error: `unknown step "${v}" (known: ${known.join(', ')})` };
      if (!only.includes(v)) only.push(v);
    }
  }
  return { only: only.length > 0 ? only : null };
}

module.exports = {
  checkOutcome,
  jestOutcome,
  totals,
  summaryLine,
  exitCodeFor,
  summaryTable,
  parseOnly,
};
