// Shared Jest settings. SWC needs the legacy-decorator and metadata flags, or TypeORM
// throws ColumnTypeUndefinedError and Nest injects undefined.
const path = require('node:path');

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        // DTO fields must not become own properties set to undefined (they would erase defaults).
        useDefineForClassFields: false,
        react: { runtime: 'automatic' },
      },
      keepClassNames: true,
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swcTransform },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: {
    '^@lianrong/matching$': path.join(__dirname, 'libs/matching/src/index.ts'),
    '^@lianrong/matching/registration$': path.join(__dirname, 'libs/matching/src/registration/index.ts'),
    '^@lianrong/matching/batch$': path.join(__dirname, 'libs/matching/src/batch/index.ts'),
    '^@lianrong/matching/testing$': path.join(__dirname, 'libs/matching/testing/index.ts'),
    '^@lianrong/matching/vocabulary$': path.join(__dirname, 'libs/matching/src/vocabulary.ts'),
    '^@lianrong/matching/metrics$': path.join(__dirname, 'libs/matching/src/metrics.ts'),
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
