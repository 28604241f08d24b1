import { describe, expect, it } from '@jest/globals';
import { queueSearch } from '../../../api/bank-queue';
import { filtersFromSearch } from './queue-filters';

describe('queue filters in the address', () => {
  it('reads back what it writes, with the names the API reads', () => {
    const filters = {
      productId: '0b6f2c1e-8d1a-4c1b-9a53-3f0d5a0e7c11',
      tier: ['srdi' as const, 'little_giant' as const],
      regionCode: '430100',
      status: 'applied' as const,
      overdue: true,
      sort: 'waiting' as const,
    };
    const search = queueSearch(filters);
    expect(search).toBe(
      'productId=0b6f2c1e-8d1a-4c1b-9a53-3f0d5a0e7c11&tier=srdi%2Clittle_giant&regionCode=430100&status=applied&overdue=true&sort=waiting',
    );
    expect(filtersFromSearch(new URLSearchParams(search))).toEqual({
      ...filters,
      chainId: undefined,
      appliedOnly: undefined,
      whitelisted: undefined,
    });
  });

  it('drops what the API would refuse instead of sending it', () => {
    const f = filtersFromSearch(new URLSearchParams('productId=x&tier=unicorn,srdi&status=granted&regionCode=43&sort=name'));
    expect(f).toEqual({
      productId: undefined,
      chainId: undefined,
      tier: ['srdi'],
      regionCode: undefined,
      status: undefined,
      appliedOnly: undefined,
      overdue: undefined,
      whitelisted: undefined,
      sort: 'score',
    });
  });
});
