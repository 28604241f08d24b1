import { estimateWorkingCapitalLoan } from './estimate';
import { debtRatio, latestYear, netMargin, previousYear, rdIntensity, revenueGrowth } from './firm-metrics';
import { sharesAny } from './eligibility';
import type { FirmProfile, MatchContext, NeedInput, ProductInput, ScoreComponent } from './types';
import { tierRank } from './types';

// The score is a sum of weighted components, each rounded to 0.01 point once. Points are
// kept as integer centipoints internally so every path (scalar, batch, SQL baseline)
// adds exact integers and agrees to the last digit; the arithmetic inside a component is
// plain IEEE float in a fixed order, which PostgreSQL reproduces bit for bit.

/** Points per component; they add up to 100. The one place the weights live. */
export const SCORE_WEIGHTS = {
  tier: 20,
  innovation: 25,
  financial_health: 20,
  fit: 20,
  chain: 15,
} as const;

/** National little-giant averages (MIIT): R&D intensity 8.9 %, 15.7 invention patents. */
export const LITTLE_GIANT_AVERAGES = { rdIntensity: 0.089, inventionPatents: 15.7 } as const;

// Being at the little-giant average earns half the innovation marks; twice it earns all.
const INNOVATION_SATURATION = 2;
// Growth −10 % scores 0 and +40 % scores 1; margin 20 % scores 1; debt ratio 40 % or less scores 1.
const GROWTH_FLOOR = -0.1;
const GROWTH_SPAN = 0.5;
const UNKNOWN_GROWTH_VALUE = 0.5;
const MARGIN_FULL = 0.2;
const DEBT_FULL = 0.4;
// 300 bps between the firm's ceiling and the product's floor is full rate headroom.
const RATE_HEADROOM_FULL_BPS = 300;
// The estimate's growth assumption: last year's growth, kept within a prudent band.
const ESTIMATE_GROWTH_MAX = 0.3;

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** weight × value in integer centipoints, half up (floor(x + 0.5), which SQL mirrors). */
export function centipoints(weight: number, value: number): number {
  return Math.floor(weight * value * 100 + 0.5);
}

export function tierValue(rank: number): number {
  return rank / 4;
}

export function innovationValue(rd: number, patents: number): number {
  const rdPart = clamp01(rd / (LITTLE_GIANT_AVERAGES.rdIntensity * INNOVATION_SATURATION));
  const patentPart = clamp01(patents / (LITTLE_GIANT_AVERAGES.inventionPatents * INNOVATION_SATURATION));
  return 0.5 * rdPart + 0.5 * patentPart;
}

export function financialHealthValue(growth: number | null, margin: number, debt: number): number {
  const g = growth === null ? UNKNOWN_GROWTH_VALUE : clamp01((growth - GROWTH_FLOOR) / GROWTH_SPAN);
  const m = clamp01(margin / MARGIN_FULL);
  const d = clamp01((1 - debt) / (1 - DEBT_FULL));
  return 0.35 * g + 0.3 * m + 0.35 * d;
}

/**
 * How well the estimated new working-capital line (DESIGN §4) covers a working-capital
 * need: 1 when it covers the amount, else the covered share. Other purposes are not
 * measured by that method and are not penalised.
 */
export function workingCapitalValue(firm: FirmProfile, need: NeedInput): number {
  if (need.purpose !== 'working_capital') return 1;
  const fy = latestYear(firm);
  if (fy === undefined) return 0;
  const prev = previousYear(firm, fy);
  const growth = revenueGrowth(fy, prev);
  const expected = growth === null ? 0 : Math.min(ESTIMATE_GROWTH_MAX, Math.max(0, growth));
  const limit = estimateWorkingCapitalLoan(fy, prev, expected).newLoanLimit;
  if (need.amount <= limit) return 1;
  return limit / need.amount;
}

/** 1 in the middle of [lo, hi], 0 at its ends; 1 for a single-point range. */
export function centered(x: number, lo: number, hi: number): number {
  if (hi <= lo) return 1;
  const v = Math.min(x - lo, hi - x) / ((hi - lo) / 2);
  return v < 0 ? 0 : v;
}

export function fitValue(
  amount: number,
  amountMin: number,
  amountMax: number,
  term: number,
  termMin: number,
  termMax: number,
  maxRateBps: number,
  rateMinBps: number,
  wcValue: number,
): number {
  const a = 0.5 + 0.5 * centered(amount, amountMin, amountMax);
  const t = 0.5 + 0.5 * centered(term, termMin, termMax);
  const r = clamp01((maxRateBps - rateMinBps) / RATE_HEADROOM_FULL_BPS);
  return 0.3 * a + 0.3 * wcValue + 0.25 * r + 0.15 * t;
}

export function chainValue(inChain: boolean, leadBank: boolean, whitelisted: boolean): number {
  return 0.4 * (inChain ? 1 : 0) + 0.35 * (leadBank ? 1 : 0) + 0.25 * (whitelisted ? 1 : 0);
}

/** Chain centipoints by (inChain << 2 | leadBank << 1 | whitelisted). */
export const CHAIN_CENTIPOINTS: readonly number[] = Array.from({ length: 8 }, (_, i) =>
  centipoints(SCORE_WEIGHTS.chain, chainValue((i & 4) !== 0, (i & 2) !== 0, (i & 1) !== 0)),
);

/** The components that depend on the firm and need alone, computed once per need. */
export type NeedScoreParts = {
  tierValue: number;
  innovationValue: number;
  financialHealthValue: number;
  workingCapitalValue: number;
  whitelisted: boolean;
  /** tier + innovation + financial health, centipoints. */
  firmCentipoints: number;
};

export function needScoreParts(firm: FirmProfile, need: NeedInput): NeedScoreParts {
  const fy = latestYear(firm);
  const tierV = tierValue(tierRank(firm.tier));
  let innovationV = 0;
  let healthV = 0;
  if (fy !== undefined) {
    innovationV = innovationValue(rdIntensity(fy), fy.inventionPatents);
    healthV = financialHealthValue(revenueGrowth(fy, previousYear(firm, fy)), netMargin(fy), debtRatio(fy));
  }
  return {
    tierValue: tierV,
    innovationValue: innovationV,
    financialHealthValue: healthV,
    workingCapitalValue: workingCapitalValue(firm, need),
    whitelisted: firm.whitelisted,
    firmCentipoints:
      centipoints(SCORE_WEIGHTS.tier, tierV) +
      centipoints(SCORE_WEIGHTS.innovation, innovationV) +
      centipoints(SCORE_WEIGHTS.financial_health, healthV),
  };
}

export function isLeadBank(firm: FirmProfile, product: ProductInput, ctx: MatchContext | undefined): boolean {
  const lead = ctx?.leadBankByChain;
  if (lead === undefined) return false;
  for (const c of firm.chainIds) if (lead[c] === product.bankId) return true;
  return false;
}

export type ScoreResult = { score: number; centipoints: number; components: ScoreComponent[] };

function component(name: ScoreComponent['name'], value: number): ScoreComponent {
  const weight = SCORE_WEIGHTS[name];
  return { name, weight, value, points: centipoints(weight, value) / 100 };
}

/** The score of a pair already known to be eligible. */
export function scorePair(
  firm: FirmProfile,
  need: NeedInput,
  product: ProductInput,
  ctx: MatchContext | undefined,
  parts: NeedScoreParts = needScoreParts(firm, need),
): ScoreResult {
  const fitV = fitValue(
    need.amount,
    product.amountMin,
    product.amountMax,
    need.termMonths,
    product.termMin,
    product.termMax,
    need.maxRateBps,
    product.rateMinBps,
    parts.workingCapitalValue,
  );
  const chainV = chainValue(sharesAny(product.chains, firm.chainIds), isLeadBank(firm, product, ctx), parts.whitelisted);
  const components = [
    component('tier', parts.tierValue),
    component('innovation', parts.innovationValue),
    component('financial_health', parts.financialHealthValue),
    component('fit', fitV),
    component('chain', chainV),
  ];
  const cp =
    parts.firmCentipoints + centipoints(SCORE_WEIGHTS.fit, fitV) + centipoints(SCORE_WEIGHTS.chain, chainV);
  return { score: cp / 100, centipoints: cp, components };
}
