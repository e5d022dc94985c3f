import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AuditEntry } from '../audit/audit-entry.entity';
import { Organization } from '../accounts/organization.entity';
import { OrganizationMember } from '../accounts/organization-member.entity';
import { User } from '../accounts/user.entity';
import { Worker } from '../accounts/worker.entity';
import { WorkerCoverageChange } from '../accounts/worker-coverage-change.entity';
import { RevokedToken } from '../accounts/revoked-token.entity';
import { Negotiation } from '../negotiations/negotiation.entity';
import { Representative } from '../negotiations/representative.entity';
import { Round } from '../negotiations/round.entity';
import { Comment } from '../negotiations/comment.entity';
import { IdempotencyKey } from '../idempotency/idempotency-key.entity';
import { Deadline } from '../deadlines/deadline.entity';
import { Agreement } from '../agreements/agreement.entity';
import { Acknowledgement } from '../agreements/acknowledgement.entity';
import { WebhookDelivery } from '../agreements/webhook-delivery.entity';
import { Notification } from '../deadlines/notification.entity';
import { CurrentTerms, OrderSample } from '../costing/costing.entities';
import { Ballot, BallotDelegate } from '../ballots/ballot.entity';
import { BallotChoices, BallotParticipation, BallotReceipt } from '../ballots/ballot-box.entity';
import { Checkpoint } from '../audit/checkpoint.entity';
import { CheckpointDelivery } from '../audit/checkpoint-delivery.entity';
import { CheckpointKey } from '../audit/checkpoint-key.entity';
import { Commitment, CommitmentReport } from '../ledger/commitment.entity';
import { Complaint } from '../ledger/complaint.entity';
import { Survey, SurveyParticipant, SurveyScaleCount, SurveyTextChunk } from '../ledger/survey.entity';
import { MIGRATIONS } from '../migrations';

export const ENTITIES = [
  Organization,
  OrganizationMember,
  User,
  Worker,
  WorkerCoverageChange,
  Negotiation,
  Representative,
  Round,
  Comment,
  IdempotencyKey,
  AuditEntry,
  Deadline,
  Agreement,
  Acknowledgement,
  WebhookDelivery,
  Notification,
  RevokedToken,
  OrderSample,
  CurrentTerms,
  Ballot,
  BallotDelegate,
  BallotParticipation,
  BallotChoices,
  BallotReceipt,
  Checkpoint,
  CheckpointDelivery,
  CheckpointKey,
  Commitment,
  CommitmentReport,
  Complaint,
  Survey,
  SurveyParticipant,
  SurveyScaleCount,
  SurveyTextChunk,
];

/** `sqlite:./data/x.db` → embedded better-sqlite3 (WAL); `postgres://…` → PostgreSQL. */
export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: true, synchronize: false, logging: false };
  if (databaseUrl.startsWith('sqlite:')) {
    const database = databaseUrl.slice('sqlite:'.length) || ':memory:';
    if (database !== ':memory:') mkdirSync(dirname(database), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database,
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
        db.pragma('foreign_keys = ON');
        db.pragma('busy_timeout = 5000');
        // an ORDER BY that needs a temporary b-tree would otherwise create and delete a temporary
        // file each time: 0.16 ms of every rider's inbox, for a sort of six rows
        db.pragma('temp_store = MEMORY');
      },
    };
  }
  return { ...common, type: 'postgres', url: databaseUrl, extra: { max: 10 } };
}
