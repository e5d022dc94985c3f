import { InitialSchema1764000000000 } from './1764000000000-initial-schema';

/** Every migration, oldest first; run at start-up on SQLite and PostgreSQL alike. */
export const MIGRATIONS = [InitialSchema1764000000000];
