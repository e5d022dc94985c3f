import { EntityManager } from 'typeorm';
import type { Replay } from '../replay';

/** One row as a deriver compares it: a key within its table ('' for a table of one row per negotiation) and its fields. */
export interface DerivedRow {
  key: string;
  fields: Record<string, unknown>;
}

/**
 * Says what one table must hold for a negotiation, recomputed from its chain alone, and reads
 * what the table does hold, in the same shape. Verification compares the two field by field
 * (canonical JSON) and names the first difference `table[key].field`.
 * Normalise inside the deriver whatever the table does not order (e.g. sort a list).
 */
export interface Deriver {
  table: string;
  derive(replay: Replay): DerivedRow[];
  stored(manager: EntityManager, negotiationId: string): Promise<DerivedRow[]>;
}
