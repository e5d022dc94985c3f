/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testTimeout: 30000,
  // A test file per core, and at least two: Jest's default on 2 cores is one (cores - 1), with the
  // other core idle while a file waits on PostgreSQL or a child process. Each app gets a database
  // of its own (test/support/test-app.ts), so files never share rows. A fresh-clone .ci/run on
  // these 2-core machines: 1 362 -> 664 s for both suites (notes on issue 10).
  maxWorkers: Math.max(2, require('node:os').availableParallelism()),
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
