const { readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

/**
 * NestJS 12 and some of its dependencies ship only as ES modules. Node 20 loads them from our
 * CommonJS build (require(esm)), but Jest's module system on Node 20 cannot, so Jest turns
 * every `"type": "module"` package into CommonJS with Babel and our TypeScript with ts-jest.
 */
function esModulePackages(dir = join(__dirname, 'node_modules')) {
  const names = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    if (entry.startsWith('@')) {
      names.push(...esModulePackages(join(dir, entry)).map((name) => `${entry}/${name}`));
      continue;
    }
    try {
      if (JSON.parse(readFileSync(join(dir, entry, 'package.json'), 'utf8')).type === 'module') names.push(entry);
    } catch {
      // not a package
    }
  }
  return names;
}

const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
    '^.+\\.m?js$': [
      'babel-jest',
      {
        babelrc: false,
        configFile: false,
        sourceType: 'unambiguous',
        plugins: [
          require.resolve('./test/support/babel-import-meta.js'),
          '@babel/plugin-transform-dynamic-import',
          '@babel/plugin-transform-modules-commonjs',
        ],
      },
    ],
  },
  // @fastify/cookie is CommonJS but loads `cookie` (ESM) with import(), which Jest's module system cannot run untransformed
  transformIgnorePatterns: [`/node_modules/(?!(${[...esModulePackages(), '@fastify/cookie'].map(escape).join('|')})/)`],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
