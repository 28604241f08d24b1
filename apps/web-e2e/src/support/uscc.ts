import { completeUscc } from '@lianrong/matching/registration';

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * A Changsha (430100) USCC no earlier run used: the two characters each spec owns (so
 * specs never collide) and six base-31 digits of the clock.
 */
export function freshUscc(specTag: string): string {
  let n = Date.now() % 31 ** 6;
  let org = '';
  for (let i = 0; i < 6; i++) {
    org = USCC_ALPHABET[n % 31] + org;
    n = Math.floor(n / 31);
  }
  return completeUscc(`91430100${specTag}${org}`);
}

/** The same code with character `index` (0-based) replaced by another digit. */
export function withWrongCharacter(uscc: string, index: number): string {
  const wrong = uscc[index] === '1' ? '2' : '1';
  return `${uscc.slice(0, index)}${wrong}${uscc.slice(index + 1)}`;
}
