import { installReason } from '../lib/deps.cjs';

describe('installReason', () => {
  it('installs when node_modules is missing or never finished installing', () => {
    expect(installReason({ nodeModules: false, installedAt: null, lockAt: 1 })).toMatch(/missing/);
    expect(installReason({ nodeModules: true, installedAt: null, lockAt: 1 })).toMatch(/no record/);
  });

  it('installs when the lockfile changed after the last install', () => {
    expect(installReason({ nodeModules: true, installedAt: 100, lockAt: 200 })).toMatch(/newer/);
  });

  it('does nothing when node_modules is current', () => {
    expect(installReason({ nodeModules: true, installedAt: 200, lockAt: 100 })).toBeNull();
    expect(installReason({ nodeModules: true, installedAt: 200, lockAt: null })).toBeNull();
  });
});
