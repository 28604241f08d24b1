// @lianrong/matching/metrics — the derived ratios of one financial year, browser-safe so
// the firm's financials form shows, while the user types, the very figures the rules read.
// Only type imports besides firm-metrics itself: no rule and no Node module comes along.
export { debtRatio, netMargin, rdIntensity, revenueGrowth } from './firm-metrics';
export type { FinancialYear } from './types';
