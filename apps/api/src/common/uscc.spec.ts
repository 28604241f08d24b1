import { completeUscc, isValidUscc, usccCheckCharacter } from './uscc';

describe('USCC check character (GB 32100-2015)', () => {
  it('accepts a published valid code', () => {
    expect(isValidUscc('91110108551385082Q')).toBe(true);
  });

  it('rejects the same code with any other check character', () => {
    for (const c of '0123456789ABCDEFGHJKLMNPRTUWXY') {
      expect(isValidUscc(`91110108551385082${c}`)).toBe(false);
    }
  });

  it('rejects letters outside the alphabet, lower case and wrong length', () => {
    expect(isValidUscc('91110108551385082O')).toBe(false);
    expect(isValidUscc('91110108551385082q')).toBe(false);
    expect(isValidUscc('9111010855138508')).toBe(false);
    expect(isValidUscc('91110108551385082QX')).toBe(false);
  });

  it('computes check characters that validate', () => {
    expect(usccCheckCharacter('91110108551385082')).toBe('Q');
    expect(isValidUscc(completeUscc('91430100MA4L1B2C'))).toBe(true);
    expect(usccCheckCharacter('9143010IMA4L1B2C3')).toBeNull();
  });
});
