import { median } from './lead-banks.service';

describe('median response days', () => {
  it('is the middle value, the mean of the two middle ones for an even count, none for no answer', () => {
    expect(median([])).toBeNull();
    expect(median([4])).toBe(4);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([0, 1])).toBe(0.5);
    expect(median([7, 1, 2, 3])).toBe(2.5);
  });

  it('does not reorder the caller’s list', () => {
    const days = [3, 1, 2];
    median(days);
    expect(days).toEqual([3, 1, 2]);
  });
});
