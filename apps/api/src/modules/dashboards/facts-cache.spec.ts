import { FactsCache } from './facts-cache';

describe('FactsCache', () => {
  it('computes a question once, also when asked by many at once', async () => {
    const cache = new FactsCache<number>();
    let runs = 0;
    const compute = () => Promise.resolve(++runs);
    const answers = await Promise.all([
      cache.get('k', compute),
      cache.get('k', compute),
      cache.get('k', compute),
    ]);
    expect(answers).toEqual([1, 1, 1]);
    expect(await cache.get('other', compute)).toBe(2);
  });

  it('forgets a failure, so the next asker tries again', async () => {
    const cache = new FactsCache<number>();
    await expect(cache.get('k', () => Promise.reject(new Error('db down')))).rejects.toThrow(
      'db down',
    );
    expect(await cache.get('k', () => Promise.resolve(7))).toBe(7);
  });

  it('keeps the most recently used answers within its capacity', async () => {
    const cache = new FactsCache<string>(2);
    await cache.get('a', () => Promise.resolve('a1'));
    await cache.get('b', () => Promise.resolve('b1'));
    await cache.get('a', () => Promise.resolve('a2')); // a used again: b is now the oldest
    await cache.get('c', () => Promise.resolve('c1'));
    expect(cache.size).toBe(2);
    expect(await cache.get('a', () => Promise.resolve('a3'))).toBe('a1');
    expect(await cache.get('b', () => Promise.resolve('b2'))).toBe('b2');
  });
});
