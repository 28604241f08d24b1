const preset = require('../../jest.preset');

module.exports = {
  ...preset,
  displayName: 'matching',
  rootDir: __dirname,
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
