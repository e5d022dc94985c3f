import { enableCompileCache } from 'node:module';

// Node keeps the compiled code of the ~1 600 modules the app loads (in the system's temporary
// directory) and reuses it at the next start: most of a start is loading modules.
enableCompileCache();
