import { describe, expect, it } from '@jest/globals';
import { isInPortal, portalPath } from './paths';

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
});
