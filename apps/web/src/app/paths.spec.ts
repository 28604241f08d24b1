import { describe, expect, it } from '@jest/globals';
import { isInPortal, paths, portalPath } from './paths';

describe('portal paths', () => {
  it('sends each role to its own portal', () => {
    expect(portalPath('firm')).toBe('/firm');
    expect(portalPath('bank')).toBe('/bank');
    expect(portalPath('gov')).toBe('/gov');
    expect(portalPath('admin')).toBe('/admin');
  });

  it('recognises paths inside a portal but not look-alike prefixes', () => {
    expect(isInPortal('/firm', 'firm')).toBe(true);
    expect(isInPortal('/firm/needs', 'firm')).toBe(true);
    expect(isInPortal('/firmware', 'firm')).toBe(false);
    expect(isInPortal('/bank', 'firm')).toBe(false);
  });

  it('puts the matches of a product inside the bank portal', () => {
    const path = paths.bank.productMatches('0b6f2c1e-8d1a-4c1b-9a53-3f0d5a0e7c11');
    expect(path).toBe('/bank/products/0b6f2c1e-8d1a-4c1b-9a53-3f0d5a0e7c11');
    expect(isInPortal(path, 'bank')).toBe(true);
  });

  it('puts the queue and a queued firm inside the bank portal, the firm with its match', () => {
    expect(isInPortal(paths.bank.queue, 'bank')).toBe(true);
    expect(paths.bank.firm('f1', 'm 1')).toBe('/bank/firms/f1?matchId=m%201');
    expect(paths.bank.firm('f1')).toBe('/bank/firms/f1');
  });
});
