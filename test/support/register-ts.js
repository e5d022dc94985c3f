/**
 * A require hook that lets a plain `node` child process run our TypeScript (for tests that
 * need a second, separate app instance): each file is transpiled on its own, decorator
 * metadata included, as ts-jest does. ES-module dependencies load through Node's require(esm).
 */
const ts = require('typescript');
const { readFileSync } = require('node:fs');
const { compilerOptions } = ts.readConfigFile(require.resolve('../../tsconfig.json'), ts.sys.readFile).config;

const options = { ...ts.convertCompilerOptionsFromJson(compilerOptions, '.').options, sourceMap: false, inlineSourceMap: true };
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), { compilerOptions: options, fileName: filename });
  module._compile(outputText, filename);
};
