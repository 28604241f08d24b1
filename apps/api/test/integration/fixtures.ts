/** Request bodies the suites share; each suite states only what it changes. */
export const WORKING_CAPITAL_NEED = {
  amount: 2_000_000,
  termMonths: 12,
  purpose: 'working_capital',
  maxRateBps: 500,
  collateral: 'none',
};

export const creditProduct = (name: string, overrides: Record<string, unknown> = {}) => ({
  name,
  kind: 'credit',
  amountMin: 100_000,
  amountMax: 5_000_000,
  termMin: 3,
  termMax: 24,
  rateMinBps: 400,
  rateMaxBps: 600,
  ...overrides,
});
