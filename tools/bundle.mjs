// `npm run build`'s second step: the compiled service (dist/src) as one file, dist/bundle/main.js.
// Loading ~1 500 modules one by one (resolving, statting, reading and compiling each) was most of
// a cold start; one file is read once, and Node's compile cache keeps it compiled (src/start.ts).
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';

/**
 * @nestjs/typeorm looks up TypeORM 0.3's `Connection` with a `require` of its own made by
 * `createRequire`, which the bundler cannot see: it loaded a second TypeORM from node_modules
 * (295 more modules) at every start. Here that lookup reads the bundled TypeORM.
 */
const typeormLookupInBundle = {
  name: 'typeorm-lookup-in-bundle',
  setup(b) {
    b.onLoad({ filter: /@nestjs[\\/]typeorm[\\/]dist[\\/]common[\\/]typeorm-compat\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const lookup = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);";
      if (!source.includes(lookup)) throw new Error(`${args.path} no longer looks TypeORM up as tools/bundle.mjs expects`);
      return { contents: source.replace(lookup, "import * as bundledTypeorm from 'typeorm';\nconst require = () => bundledTypeorm;"), loader: 'js' };
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
  // class names are TypeORM's entity names and Nest's log contexts
  keepNames: true,
  minifyWhitespace: true,
  minifySyntax: true,
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
  // swagger-ui finds its assets from import.meta.url, which a CommonJS file does not have
  banner: { js: "const __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
  plugins: [typeormLookupInBundle],
  logLevel: 'warning',
});
