// Injected into the bundle (tools/bundle.mjs): what `import.meta.url` means in the bundled ES
// modules, which a CommonJS file does not have. swagger-ui finds its assets from it.
export const import_meta_url = require('node:url').pathToFileURL(__filename).href;
