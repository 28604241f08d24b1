import { regionWithin, usccProblem, usccRegionCode } from '@lianrong/matching/registration';
import { FIRMS } from './demo-data';

describe('demo firms', () => {
  it.each(FIRMS.map((f) => [f.name, f] as const))(
    '%s has a USCC whose checks and region hold',
    (_name, firm) => {
      expect(usccProblem(firm.uscc)).toBeNull();
      expect(regionWithin(firm.regionCode, usccRegionCode(firm.uscc))).toBe(true);
    },
  );

  it('no two demo firms share a USCC', () => {
    expect(new Set(FIRMS.map((f) => f.uscc)).size).toBe(FIRMS.length);
  });
});
