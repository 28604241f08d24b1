// 统一社会信用代码 (GB 32100-2015): 18 characters; the 18th is a check character over
// the first 17 with the weights below, modulo 31, in an alphabet without I, O, S, V, Z.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = ALPHABET.indexOf(first17[i]);
    if (value < 0) return null;
    sum += value * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31];
}

export function isValidUscc(uscc: string): boolean {
  if (!SHAPE.test(uscc)) return false;
  return usccCheckCharacter(uscc.slice(0, 17)) === uscc[17];
}

/** Completes 17 characters with their check character (demo data, tests). */
export function withUsccCheck(first17: string): string {
  const check = usccCheckCharacter(first17);
  if (!check) throw new Error(`not a USCC body: ${first17}`);
  return first17 + check;
}
