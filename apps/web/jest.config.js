const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'web',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts?(x)'],
  moduleNameMapper: {
    ...preset.moduleNameMapper,
    // src/config.ts reads import.meta.env, which CommonJS under Jest cannot parse.
    '^(\\.\\./)+config$': '<rootDir>/src/test/config.stub.ts',
  },
};
