const preset = require('../../jest.preset');

// Real Postgres and Redis; the run creates and migrates its own database (global-setup).
module.exports = {
  ...preset,
  displayName: 'api-integration',
  rootDir: __dirname,
  testMatch: ['<rootDir>/test/integration/**/*.integration-spec.ts'],
  globalSetup: '<rootDir>/test/integration/global-setup.ts',
  setupFiles: ['<rootDir>/test/integration/setup-env.ts'],
  testTimeout: 60_000,
  maxWorkers: 1,
};
