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
  // Two test files at a time, whatever the machine: Jest's default on 2 cores is one (cores - 1),
  // with the other core idle while a file waits on PostgreSQL or a child process. Each app gets a
  // database of its own (test/support/test-app.ts), so files never share rows. Measured on these
  // 2-core machines: SQLite 447 -> 281 s, PostgreSQL 771-948 -> 516 s (notes on issue 10).
  maxWorkers: Math.max(2, require('node:os').availableParallelism()),
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
