import { describe, expect, it } from '@jest/globals';
import { selectedEntry } from './menu-selection';
import { paths } from './paths';

// The bank's entries as menus.tsx lists them (that file carries icons, which Jest cannot load).
const BANK = [{ path: paths.bank.home }, { path: paths.bank.queue, also: ['/bank/firms'] }];

describe('the lit menu entry', () => {
  it('is the longest entry a page lies under, or the entry it is reached from', () => {
    expect(selectedEntry(BANK, '/bank')).toBe(paths.bank.home);
    expect(selectedEntry(BANK, paths.bank.productMatches('p1'))).toBe(paths.bank.home);
    expect(selectedEntry(BANK, paths.bank.queue)).toBe(paths.bank.queue);
    // A queued firm's page lives under /bank/firms but is reached from the queue.
    expect(selectedEntry(BANK, '/bank/firms/f1')).toBe(paths.bank.queue);
    expect(selectedEntry(BANK, '/bankrupt')).toBeUndefined();
  });
});
