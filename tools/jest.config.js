const preset = require('../jest.preset');

module.exports = {
  ...preset,
  displayName: 'tools',
  rootDir: __dirname,
  testMatch: ['<rootDir>/__tests__/**/*.spec.ts'],
  // The pure logic of the scripts lives in CommonJS .cjs files: Jest would load .mjs
  // as native ESM, which needs --experimental-vm-modules.
  moduleFileExtensions: [...preset.moduleFileExtensions, 'cjs'],
};
