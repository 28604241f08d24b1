const preset = require('../../jest.preset');

// Browser smoke tests: one real API, one built web app and one Chromium per run, so
// the suite runs serially (project.json passes --runInBand) with generous timeouts.
module.exports = {
  ...preset,
  displayName: 'web-e2e',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/src/global-setup.ts',
  globalTeardown: '<rootDir>/src/global-teardown.ts',
  testTimeout: 120_000,
  maxWorkers: 1,
};
