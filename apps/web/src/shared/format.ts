// Display formatting for money, rates, ratios and dates. Pure functions (no React,
// no i18next) so they are unit-tested in Node and usable from chart options.
//
// Conventions (DESIGN §3): money arrives as whole yuan (integers), rates as basis
// points, ratios as fractions, timestamps as ISO 8601 UTC.
//
// Money, Chinese: below 1亿 in 万元, from 1亿 in 亿元, at most two decimals with
//   trailing zeros dropped (5,000,000 → 500万元, 12,345,600 → 1,234.56万元,
//   392,500,000 → 3.93亿元) — the way bank credit notices write amounts.
// Money, English: "CNY" + millions below 1bn, billions from 1bn, same precision
//   (12,345,600 → CNY 12.35m, 3,925,000,000 → CNY 3.93bn).
// Rates (bps) always show two decimals (385 → 3.85%), as loan rates and LPR are quoted;
// ratios show one decimal (0.052 → 5.2%). Missing values show an em dash.

export type Lang = 'zh-CN' | 'en';

export const EMPTY = '—';
const YI = 100_000_000;
const BILLION = 1_000_000_000;

// Rounds yuan / divisor to two decimals using integer arithmetic on hundredths, so
// half-way cases (392,500,000 / 1亿 = 3.925) round up instead of falling to binary
// floating-point error.
function scaled(yuan: number, divisor: number): string {
  const hundredths = Math.round((Math.abs(yuan) * 100) / divisor);
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths % 100;
  const wholeText = whole.toLocaleString('en-US');
  if (frac === 0) return wholeText;
  const fracText = String(frac).padStart(2, '0').replace(/0$/, '');
  return `${wholeText}.${fracText}`;
}

// Sign kept outside the rounding so -0.001万 prints as 0, not -0.
function signed(yuan: number, divisor: number): string {
  const body = scaled(yuan, divisor);
  return yuan < 0 && body !== '0' ? `-${body}` : body;
}

function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined || Number.isNaN(value);
}

/** Unit for an amount: 亿元 from 1亿 else 万元; in English bn from 1bn else m. */
export function moneyUnit(yuan: number, lang: Lang): { divisor: number; suffix: string; prefix: string } {
  if (lang === 'en') {
    return Math.abs(yuan) >= BILLION
      ? { divisor: BILLION, prefix: 'CNY ', suffix: 'bn' }
      : { divisor: 1_000_000, prefix: 'CNY ', suffix: 'm' };
  }
  return Math.abs(yuan) >= YI ? { divisor: YI, prefix: '', suffix: '亿元' } : { divisor: 10_000, prefix: '', suffix: '万元' };
}

export function formatMoney(yuan: number | null | undefined, lang: Lang): string {
  if (isMissing(yuan)) return EMPTY;
  const { divisor, prefix, suffix } = moneyUnit(yuan, lang);
  const body = signed(yuan, divisor);
  return body.startsWith('-') ? `-${prefix}${body.slice(1)}${suffix}` : `${prefix}${body}${suffix}`;
}

/** An amount range; when both ends share a unit the unit is written once (50–1,000万元). */
export function formatMoneyRange(min: number | null | undefined, max: number | null | undefined, lang: Lang): string {
  if (isMissing(min) && isMissing(max)) return EMPTY;
  if (isMissing(min)) return `≤ ${formatMoney(max, lang)}`;
  if (isMissing(max)) return `≥ ${formatMoney(min, lang)}`;
  const a = moneyUnit(min, lang);
  const b = moneyUnit(max, lang);
  if (a.divisor === b.divisor) {
    return `${a.prefix}${signed(min, a.divisor)}–${signed(max, b.divisor)}${b.suffix}`;
  }
  return `${formatMoney(min, lang)} – ${formatMoney(max, lang)}`;
}

/** Plain number of 万元 (two decimals), for chart axes and values whose unit is shown elsewhere. */
export function toWan(yuan: number): number {
  return Math.round(yuan / 100) / 100;
}

/** Basis points as an annual percentage rate: 385 → 3.85%. */
export function formatBps(bps: number | null | undefined): string {
  if (isMissing(bps)) return EMPTY;
  return `${(bps / 100).toFixed(2)}%`;
}

export function formatBpsRange(min: number | null | undefined, max: number | null | undefined): string {
  if (isMissing(min) || isMissing(max)) return formatBps(isMissing(min) ? max : min);
  if (min === max) return formatBps(min);
  return `${(min / 100).toFixed(2)}–${(max / 100).toFixed(2)}%`;
}

/** A fraction as a percentage with one decimal: 0.052 → 5.2%. */
export function formatRatio(ratio: number | null | undefined): string {
  if (isMissing(ratio)) return EMPTY;
  // Rounded on tenths of a percent via an integer, so 0.0525 does not print as 5.2% through float error.
  const tenths = Math.round(Math.round(ratio * 1_000_000) / 1_000);
  return `${(tenths / 10).toFixed(1)}%`;
}

export function formatTerm(months: number | null | undefined, lang: Lang): string {
  if (isMissing(months)) return EMPTY;
  return lang === 'en' ? `${months} mo` : `${months}个月`;
}

export function formatTermRange(min: number | null | undefined, max: number | null | undefined, lang: Lang): string {
  if (isMissing(min) || isMissing(max)) return formatTerm(isMissing(min) ? max : min, lang);
  if (min === max) return formatTerm(min, lang);
  return lang === 'en' ? `${min}–${max} mo` : `${min}–${max}个月`;
}

/** A match score (0–100) with one decimal: 87.456 → 87.5. */
export function formatScore(score: number | null | undefined): string {
  if (isMissing(score)) return EMPTY;
  return (Math.round(score * 10) / 10).toFixed(1);
}

export function formatCount(n: number | null | undefined): string {
  if (isMissing(n)) return EMPTY;
  return n.toLocaleString('en-US');
}

// Timestamps are stored in UTC; every user of the platform reads them in China time,
// whatever the browser's own zone is set to.
const TIME_ZONE = 'Asia/Shanghai';
const dateParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function shanghaiParts(iso: string): Record<string, string> | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts: Record<string, string> = {};
  for (const part of dateParts.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** 2026-01-15 (Asia/Shanghai) — ISO order reads naturally in both languages. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const p = shanghaiParts(iso);
  return p ? `${p.year}-${p.month}-${p.day}` : EMPTY;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return EMPTY;
  const p = shanghaiParts(iso);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : EMPTY;
}

/** Chart values in the unit the chart title names: 万元 in Chinese, millions in English. */
export function toChartMoney(yuan: number, lang: Lang): number {
  return lang === 'en' ? Math.round(yuan / 10_000) / 100 : toWan(yuan);
}

// Input conversions: officers type 万元 and percentages, the API takes whole yuan and
// integer basis points. The decimal point is shifted in the number's shortest decimal
// text, not by multiplying, so 1234.5678万 is exactly 12,345,678 yuan and 3.8% exactly
// 380 bps instead of whatever binary floating point makes of `× 10000` (e.g. 1.005 × 100
// = 100.49999…). What lies beyond the target unit rounds half away from zero.
function shiftDecimal(value: number, places: number): number {
  if (!Number.isFinite(value)) return Number.NaN;
  const text = Math.abs(value).toString();
  // Exponent forms (1e21, 5e-7) are outside any amount typed into a form; plain arithmetic is exact enough there.
  if (/e/i.test(text)) return Math.round(value * 10 ** places);
  const [whole, frac = ''] = text.split('.');
  const digits = `${whole}${frac.padEnd(places, '0').slice(0, places)}`;
  const roundUp = frac.length > places && Number(frac[places]) >= 5;
  const magnitude = Number(digits) + (roundUp ? 1 : 0);
  return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
}

/** 万元 typed by a user → whole yuan for the API (1234.5678 → 12,345,678). */
export function wanToYuan(wan: number): number {
  return shiftDecimal(wan, 4);
}

/** Whole yuan → 万元 for pre-filling an input (12,345,678 → 1234.5678). */
export function yuanToWan(yuan: number): number {
  return yuan / 10_000;
}

/** A percentage typed by a user → integer basis points for the API (3.8 → 380). */
export function percentToBps(percent: number): number {
  return shiftDecimal(percent, 2);
}

/** Integer basis points → a percentage for pre-filling an input (435 → 4.35). */
export function bpsToPercent(bps: number): number {
  return bps / 100;
}
