import { enableCompileCache } from 'node:module';
import { join } from 'node:path';

/**
 * What `npm start` runs. Node keeps the compiled code of what is loaded after this line (in the
 * system's temporary directory) and reuses it at the next start; then the service, as the one
 * file `npm run build` bundles (tools/bundle.mjs): a start spent most of its time finding,
 * reading and compiling ~1 500 modules one by one.
 */
enableCompileCache();
require(join(__dirname, '..', 'bundle', 'main.js'));
