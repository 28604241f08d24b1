// 统一社会信用代码 (GB 32100-2015). Characters 9–17 are the organisation code of GB 11714,
// which carries its own check character (the 17th); the 18th checks all seventeen before
// it. Both are verified so a typo is caught where it is, and the message can say which.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS_18 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const WEIGHTS_17 = [3, 7, 9, 10, 5, 8, 4, 2];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
// Characters 3–8: the registering authority's GB/T 2260 code at issue (100000: national).
const REGION = /^[1-9][0-9]{5}$/;

/** The first failing part, in the order a reader checks a code; null when valid. */
export type UsccProblem = 'format' | 'region' | 'organisation_check' | 'uscc_check';

/** 18th character over the first 17 (GB 32100), or null if they are not USCC characters. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS_18[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * GB 11714 check character over an organisation code's 8 body characters. Letters count
 * A=10 … Z=35 as in GB 11714 itself (not the USCC alphabet's positions).
 */
export function organisationCheckCharacter(body8: string): string | null {
  if (!/^[0-9A-Z]{8}$/.test(body8)) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i], 36) * WEIGHTS_17[i];
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

export function usccProblem(uscc: string): UsccProblem | null {
  if (!SHAPE.test(uscc)) return 'format';
  if (!REGION.test(uscc.slice(2, 8))) return 'region';
  if (organisationCheckCharacter(uscc.slice(8, 16)) !== uscc[16]) return 'organisation_check';
  if (usccCheckCharacter(uscc.slice(0, 17)) !== uscc[17]) return 'uscc_check';
  return null;
}

export function isValidUscc(uscc: string): boolean {
  return usccProblem(uscc) === null;
}

/** GB/T 2260 code in characters 3–8 (may be city or province level, or 100000 for national). */
export function usccRegionCode(uscc: string): string {
  return uscc.slice(2, 8);
}

/** Completes 16 characters with both check characters (demo data, tests). */
export function completeUscc(first16: string): string {
  const org = organisationCheckCharacter(first16.slice(8, 16));
  const first17 = first16.length === 16 && org ? first16 + org : null;
  const check = first17 && usccCheckCharacter(first17);
  if (!first17 || !check) throw new Error(`not a USCC body: ${first16}`);
  return first17 + check;
}
