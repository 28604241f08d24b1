import { regionCovers, regionPrefix } from './region';

describe('region jurisdiction', () => {
  it('strips trailing zero pairs', () => {
    expect(regionPrefix('430000')).toBe('43');
    expect(regionPrefix('430100')).toBe('4301');
    expect(regionPrefix('430102')).toBe('430102');
  });

  it('a province covers its cities, a city not its neighbour', () => {
    expect(regionCovers('430000', '430211')).toBe(true);
    expect(regionCovers('430100', '430104')).toBe(true);
    expect(regionCovers('430100', '430200')).toBe(false);
    expect(regionCovers('430000', '440300')).toBe(false);
  });
});
