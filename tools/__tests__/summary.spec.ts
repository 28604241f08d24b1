import {
  checkOutcome,
  exitCodeFor,
  jestOutcome,
  parseOnly,
  summaryLine,
  type StepResult,
} from '../lib/summary.cjs';

const step = (id: string, o: Pick<StepResult, 'status' | 'passed' | 'failed'>): StepResult => ({
  id,
  seconds: 1,
  ...o,
});

describe('test summary', () => {
  it('sums Jest tests and counts lint and type-check as one check each', () => {
    const results = [
      step('lint', checkOutcome(0)),
      step('typecheck', checkOutcome(2)),
      step(
        'unit',
        jestOutcome({ numPassedTests: 120, numFailedTests: 0, numRuntimeErrorTestSuites: 0 }, 0),
      ),
      step(
        'integration',
        jestOutcome({ numPassedTests: 40, numFailedTests: 2, numRuntimeErrorTestSuites: 0 }, 1),
      ),
      { id: 'e2e', status: 'skipped', passed: 0, failed: 0, seconds: 0 } as StepResult,
    ];
    expect(summaryLine(results)).toBe('161 passed, 3 failed');
    expect(exitCodeFor(results)).toBe(1);
  });

  it('is green only when nothing failed; skipped steps count for nothing', () => {
    const results = [
      step('lint', checkOutcome(0)),
      step('unit', jestOutcome({ numPassedTests: 3, numFailedTests: 0 }, 0)),
      { id: 'e2e', status: 'skipped', passed: 0, failed: 0, seconds: 0 } as StepResult,
    ];
    expect(summaryLine(results)).toBe('4 passed, 0 failed');
    expect(exitCodeFor(results)).toBe(0);
  });

  it('counts suites that could not run as failures', () => {
    expect(
      jestOutcome({ numPassedTests: 5, numFailedTests: 0, numRuntimeErrorTestSuites: 2 }, 1),
    ).toMatchObject({
      status: 'failed',
      passed: 5,
      failed: 2,
    });
  });

  it('never reports "0 failed" for a runner that exited non-zero', () => {
    expect(jestOutcome({ numPassedTests: 5, numFailedTests: 0 }, 1)).toMatchObject({
      status: 'failed',
      failed: 1,
    });
    expect(jestOutcome(null, 1)).toMatchObject({ status: 'failed', passed: 0, failed: 1 });
  });

  it('parses repeated and comma-separated --only', () => {
    const known = ['lint', 'typecheck', 'unit', 'integration', 'e2e'];
    expect(parseOnly([], known)).toEqual({ only: null });
    expect(parseOnly(['--only', 'unit', '--only=e2e'], known)).toEqual({ only: ['unit', 'e2e'] });
    expect(parseOnly(['--only', 'lint,typecheck'], known)).toEqual({ only: ['lint', 'typecheck'] });
    expect(parseOnly(['--only', 'bogus'], known).error).toMatch(/unknown step/);
    expect(parseOnly(['--only'], known).error).toMatch(/needs a value/);
    expect(parseOnly(['--fast'], known).error).toMatch(/unknown argument/);
  });
});
