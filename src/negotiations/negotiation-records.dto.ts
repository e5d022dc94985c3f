import { ApiProperty } from '@nestjs/swagger';
import { TermsDto } from '../terms/terms';
import { TermChangeDto } from '../terms/terms-comparison.dto';
import { RoundView } from './negotiation-records.service';

const SIDES = ['union', 'enterprise'];
const ROLES_AND_SYSTEM = ['union_negotiator', 'enterprise_rep', 'bureau_reviewer', 'worker', 'admin', 'system'];

export class RoundAnswerDto {
  @ApiProperty({ description: 'How the other side answered: a counter-offer, an acceptance, or another event that closed the round', example: 'ACCEPT' })
  type!: string;

  @ApiProperty({ format: 'uuid', description: 'Who answered (user id)' })
  by!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** One round of the minutes (协商记录): an offer and how it was answered. */
export class RoundViewDto implements RoundView {
  @ApiProperty({ type: 'integer', minimum: 1 })
  round!: number;

  @ApiProperty({ enum: SIDES, description: 'The side that made the offer' })
  proposer!: string;

  @ApiProperty({ type: TermsDto })
  terms!: TermsDto;

  @ApiProperty({ type: [TermChangeDto], description: 'What moved against the offer it answers (the first offer: every term from null)' })
  changes!: TermChangeDto[];

  @ApiProperty({ type: [TermChangeDto], nullable: true, description: "What this side moved since its own previous offer; null for a side's first offer" })
  ownChanges!: TermChangeDto[] | null;

  @ApiProperty({ type: String, nullable: true, description: "The proposer's note" })
  note!: string | null;

  @ApiProperty({ format: 'uuid', description: 'The chief who made the offer (user id)' })
  proposedBy!: string;

  @ApiProperty({ type: RoundAnswerDto, nullable: true, description: 'null while the offer is unanswered' })
  answer!: RoundAnswerDto | null;

  @ApiProperty({ format: 'date-time', description: 'When the offer was made' })
  at!: string;
}

export class CommentAnswerDto {
  @ApiProperty({ description: 'Whether the enterprise adopted the opinion' })
  adopted!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Why (adopted or not)' })
  reason!: string | null;

  @ApiProperty({ format: 'date-time' })
  at!: string;
}

/** A worker's or representative's opinion on the draft, with the enterprise's answer. */
export class CommentViewDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The author (user id); null to the enterprise where the author is a worker (no retaliation by name)" })
  authorId!: string | null;

  @ApiProperty({ enum: ROLES_AND_SYSTEM.slice(0, 5), description: "The author's role" })
  authorRole!: string;

  @ApiProperty({ minLength: 1, maxLength: 4000 })
  text!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: CommentAnswerDto, nullable: true, description: 'The enterprise\'s answer (rule change: RESPOND_TO_OPINIONS); null until answered' })
  answer!: CommentAnswerDto | null;
}

/** One link of the negotiation's hash chain (RFC 8785 canonical JSON, SHA-256). */
export class AuditEntryDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Position in the chain, from 1' })
  seq!: number;

  @ApiProperty({ description: 'What happened, in the past tense', example: 'OfferSubmitted' })
  type!: string;

  @ApiProperty({ description: 'Who did it (user id), or `system` for a deadline', example: 'system' })
  actorId!: string;

  @ApiProperty({ enum: ROLES_AND_SYSTEM, description: "The actor's role at the time" })
  role!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: "The event's recorded data (depends on type)" })
  payload!: Record<string, unknown>;

  @ApiProperty({ description: 'Hash of the previous entry (64 zeros for the first)', pattern: '^[0-9a-f]{64}$' })
  prevHash!: string;

  @ApiProperty({ description: 'SHA-256 (hex) over this entry and prevHash', pattern: '^[0-9a-f]{64}$' })
  hash!: string;
}

export class ChainIntactDto {
  @ApiProperty({ enum: [true], description: 'The chain verifies' })
  valid!: true;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Entries checked' })
  entries!: number;

  @ApiProperty({ description: 'Hash of the last entry', pattern: '^[0-9a-f]{64}$' })
  head!: string;
}

export class ChainBrokenDto {
  @ApiProperty({ enum: [false], description: 'The chain does not verify' })
  valid!: false;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The first entry that does not hold (or the first missing one)' })
  firstBrokenSeq!: number;

  @ApiProperty({ description: 'What is wrong there' })
  reason!: string;
}

export class DerivedBrokenDto {
  @ApiProperty({ enum: [false], description: 'The chain holds, but a row derived from it does not say what the chain says' })
  valid!: false;

  @ApiProperty({ description: 'The first derived field that differs', example: 'commitments[1].progress' })
  derived!: string;

  @ApiProperty({ description: 'What is wrong there' })
  reason!: string;
}
