// `npm run build`'s second step: the compiled service (dist/src) as one file, dist/bundle/main.js.
// Loading ~1 500 modules one by one (resolving, statting, reading and compiling each) was most of
// a cold start; one file is read once, and Node's compile cache keeps it compiled (src/start.ts).
import { readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { build } from 'esbuild';

/** Bundled files that keep a `require` of their own: they look up what is outside the bundle on purpose. */
const OWN_REQUIRE_KEPT = [
  // swagger-ui-dist's files, served from where npm put them
  /@nestjs[\\/]swagger[\\/]dist[\\/]swagger-ui[\\/]swagger-ui\.js$/,
  // Nest's optional packages (@nestjs/microservices, …), which we do not install
  /@nestjs[\\/]common[\\/]utils[\\/]load-package\.util\.js$/,
];
const OWN_REQUIRE = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);";

/**
 * A bundled ES module's `createRequire(import.meta.url)` is invisible to the bundler: what it
 * required came from node_modules, a second copy beside the bundled one. @nestjs/typeorm looked
 * TypeORM up that way (295 more modules at every start); @nestjs/mapped-types does so for
 * class-transformer's metadata, which a second copy does not have. Here such a `require` returns
 * the bundled modules its file names; a file doing it some other way fails the build.
 */
const requiresInBundle = {
  name: 'requires-in-bundle',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.m?js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('createRequire(import.meta.url)') || OWN_REQUIRE_KEPT.some((kept) => kept.test(args.path))) return undefined;
      if (!source.includes(OWN_REQUIRE)) throw new Error(`${args.path} makes a require of its own that tools/bundle.mjs does not know`);
      const ids = [...new Set([...source.matchAll(/\brequire\('([^']+)'\)/g)].map((m) => m[1]))];
      const found = [];
      for (const id of ids) {
        const resolved = await b.resolve(id, { kind: 'import-statement', resolveDir: dirname(args.path) });
        if (!resolved.errors.length) found.push(id);
      }
      const imports = found.map((id, i) => `import * as bundled${i} from ${JSON.stringify(id)};`).join('\n');
      const cases = found.map((id, i) => `case ${JSON.stringify(id)}: return bundled${i};`).join(' ');
      // what is not installed fails as require would, for the file's own try/catch
      const lookup = `const require = (id) => { switch (id) { ${cases} } throw Object.assign(new Error("Cannot find module '" + id + "'"), { code: 'MODULE_NOT_FOUND' }); };`;
      return { contents: source.replace(OWN_REQUIRE, `${imports}\n${lookup}`), loader: 'js' };
    });
  },
};

await build({
  entryPoints: ['dist/src/main.js'],
  outfile: 'dist/bundle/main.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node24',
  // class names are Nest's log contexts, and stack traces keep the functions' names
  keepNames: true,
  // 11 → 7.7 MB, a tenth of a start faster; `node --enable-source-maps` maps a stack trace back
  minifyWhitespace: true,
  sourcemap: 'linked',
  // stays outside: the native addon, what is resolved by path at run time, zxcvbn's 1.7 MB of
  // dictionaries (loaded at the first password check), and the optional packages Nest, TypeORM
  // and pg try to load (and do without)
  external: [
    'better-sqlite3',
    '@zxcvbn-ts/*',
    'chinese-days/package.json',
    'pg-native',
    '@nestjs/microservices',
    '@nestjs/microservices/*',
    '@nestjs/websockets',
    '@nestjs/websockets/*',
    '@nestjs/platform-express',
    '@fastify/multipart',
  ],
  inject: ['tools/import-meta-url.js'],
  define: { 'import.meta.url': 'import_meta_url' },
  plugins: [requiresInBundle],
  logLevel: 'warning',
});

// esbuild writes every string as ASCII but leaves regular expressions as they are, and a few of
// validator.js's (its alphabets) hold letters past U+00FF (Cyrillic, Greek, kana): one such letter
// made V8 keep the whole 7.7 MB source as a two-byte string, 15 MB of the heap for the life of the
// process. Every character past U+007F is written as its \uXXXX escape, which means the same in
// a regular expression (in `u` mode a pair of surrogate escapes is the one code point). The
// source map's columns on those few lines shift by a few characters.
const bundled = await readFile('dist/bundle/main.js', 'utf8');
if (/[^\x00-\x7f]/.test(bundled))
  await writeFile('dist/bundle/main.js', bundled.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));

