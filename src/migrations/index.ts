import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { PublicationDelivery1764100000000 } from './1764100000000-publication-delivery';
import { RevokedTokens1764200000000 } from './1764200000000-revoked-tokens';
import { RateLimits1765100000000 } from './1765100000000-rate-limits';
import { Checkpoints1765200000000 } from './1765200000000-checkpoints';
import { Ballots1765300000000 } from './1765300000000-ballots';
import { NegotiatingTable1765400000000 } from './1765400000000-negotiating-table';
import { Ledger1765500000000 } from './1765500000000-ledger';
import { Costing1765600000000 } from './1765600000000-costing';
import { WorkerTallies1765800000000 } from './1765800000000-worker-tallies';
import { CostingPacks1765900000000 } from './1765900000000-costing-packs';
import { AgreementsByRegion1766200000000 } from './1766200000000-agreements-by-region';
import { PublicationChanges1766300000000 } from './1766300000000-publication-changes';
import { WorkerCoverageChanges1766400000000 } from './1766400000000-worker-coverage-changes';
import { IdempotencyFingerprint1765700000000 } from './1765700000000-idempotency-fingerprint';
import { UnionChief1765700000001 } from './1765700000001-union-chief';
import { SurveyBox1766500000000 } from './1766500000000-survey-box';

/** Every migration, oldest first; run at start-up on SQLite and PostgreSQL alike. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  PublicationDelivery1764100000000,
  RevokedTokens1764200000000,
  RateLimits1765100000000,
  Checkpoints1765200000000,
  Ballots1765300000000,
  NegotiatingTable1765400000000,
  Ledger1765500000000,
  Costing1765600000000,
  IdempotencyFingerprint1765700000000,
  UnionChief1765700000001,
  WorkerTallies1765800000000,
  CostingPacks1765900000000,
  AgreementsByRegion1766200000000,
  PublicationChanges1766300000000,
  WorkerCoverageChanges1766400000000,
  SurveyBox1766500000000,
];
