// `npx jest` at the root runs the unit projects; integration and browser suites have
// their own configs, run by tools/test.mjs in order.
module.exports = {
  projects: ['<rootDir>/libs/matching', '<rootDir>/apps/api', '<rootDir>/apps/web', '<rootDir>/tools'],
};
