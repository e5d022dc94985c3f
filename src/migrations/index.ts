import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { PublicationDelivery1764100000000 } from './1764100000000-publication-delivery';
import { RevokedTokens1764200000000 } from './1764200000000-revoked-tokens';
import { Ledger1765500000000 } from './1765500000000-ledger';
import { Costing1765600000000 } from './1765600000000-costing';

/** Every migration, oldest first; run at start-up on SQLite and PostgreSQL alike. */
export const MIGRATIONS = [InitialSchema1764000000000, PublicationDelivery1764100000000, RevokedTokens1764200000000, Ledger1765500000000, Costing1765600000000];
