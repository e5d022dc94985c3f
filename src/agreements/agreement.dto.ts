import { ApiProperty } from '@nestjs/swagger';
import { ScopeViewDto } from '../negotiations/negotiation-view.dto';
import { NEGOTIATION_KINDS, NegotiationKind } from '../negotiations/negotiation.types';
import { TermsDto } from '../terms/terms';
import { TermChangeDto } from '../terms/terms-comparison.dto';
import { MinutesNotice } from '../negotiations/minutes-publication';
import { Side } from '../negotiations/negotiation.types';
import { OpinionAnswer } from './agreement.entity';
import { toAgreementView } from './agreements.service';
import { InboxItem } from './inbox.service';

const HASH = { pattern: '^[0-9a-f]{64}$' } as const;

export class OpinionAnswerViewDto implements OpinionAnswer {
  @ApiProperty({ format: 'uuid' })
  commentId!: string;

  @ApiProperty({ description: 'The opinion as the worker or representative gave it' })
  text!: string;

  @ApiProperty({ description: 'Whether the enterprise adopted it' })
  adopted!: boolean;

  @ApiProperty({ description: "The enterprise's reason" })
  reason!: string;
}

/** A publication (公示): a published collective contract or rule change. */
export class AgreementViewDto implements ReturnType<typeof toAgreementView> {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The negotiation that produced it' })
  negotiationId!: string;

  @ApiProperty({ enum: NEGOTIATION_KINDS })
  kind!: NegotiationKind;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: ScopeViewDto, description: 'Whom it binds and covers' })
  scope!: ScopeViewDto;

  @ApiProperty({ type: TermsDto, description: 'The terms in force' })
  terms!: TermsDto;

  @ApiProperty({ type: [OpinionAnswerViewDto], nullable: true, description: "Rule changes: every opinion with the enterprise's answer; null for a contract" })
  opinions!: OpinionAnswerViewDto[] | null;

  @ApiProperty({ format: 'date', description: 'The first day it applies' })
  effectiveFrom!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The day a contract expires: in force until the start of this day (its last day is the day before; the termEnd deadline); null for a rule change' })
  expiresOn!: string | null;

  @ApiProperty({ format: 'date-time' })
  publishedAt!: string;

  @ApiProperty({ ...HASH, description: 'The audit chain\'s head at publication: proves this text is the negotiated text' })
  auditHead!: string;
}

export class PublicationIntactDto {
  @ApiProperty({ enum: [true], description: 'The published terms are the terms the chain shows both sides agreed' })
  intact!: true;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Audit entries checked' })
  entries!: number;

  @ApiProperty({ ...HASH, description: "The chain's head" })
  head!: string;
}

export class PublicationBrokenDto {
  @ApiProperty({ enum: [false] })
  intact!: false;

  @ApiProperty({
    enum: ['chain', 'head', 'terms'],
    description: 'chain: the audit chain does not verify; head: the publication names another head; terms: the published terms differ from the agreed ones',
  })
  problem!: 'chain' | 'head' | 'terms';

  @ApiProperty({ type: 'integer', minimum: 1, required: false, description: 'chain: the first broken entry' })
  seq?: number;

  @ApiProperty({ required: false, description: 'chain: what is wrong there' })
  reason?: string;
}

export class AcknowledgementCountsDto {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Workers the publication covers now' })
  covered!: number;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'Of them, those who have acknowledged it (我已知悉)' })
  acknowledged!: number;
}

export class InboxItemDto implements InboxItem {
  @ApiProperty({ type: AgreementViewDto })
  agreement!: AgreementViewDto;

  @ApiProperty({ format: 'date-time' })
  publishedAt!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the worker acknowledged it; null while unread' })
  acknowledgedAt!: string | null;
}

export class MinutesAnswerDto {
  @ApiProperty({ enum: ['OFFER', 'ACCEPT'], description: 'OFFER: answered with a counter-offer; ACCEPT: this round\'s offer is the agreed draft' })
  type!: string;

  @ApiProperty({ format: 'date-time', description: "When the other side's chief answered" })
  at!: string;
}

/** One round's minutes, signed by both chiefs' acts, as a covered worker reads them (2024 协商指引). */
export class MinutesNoticeDto implements MinutesNotice {
  @ApiProperty({ format: 'uuid' })
  negotiationId!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ type: 'integer', minimum: 1 })
  round!: number;

  @ApiProperty({ enum: ['union', 'enterprise'], description: 'The side whose offer the round is' })
  proposer!: Side;

  @ApiProperty({ type: TermsDto })
  terms!: TermsDto;

  @ApiProperty({ type: [TermChangeDto], description: 'What the offer changed against the one it answered' })
  changes!: TermChangeDto[];

  @ApiProperty({ type: String, nullable: true })
  note!: string | null;

  @ApiProperty({ type: MinutesAnswerDto })
  answer!: MinutesAnswerDto;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The recorder both chiefs named (art. 33)' })
  recorderId!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the second chief acted: the minutes reached the inbox then' })
  publishedAt!: string;
}

export class AcknowledgementDto {
  @ApiProperty({ format: 'uuid' })
  agreementId!: string;

  @ApiProperty({ format: 'date-time', description: 'The first acknowledgement (a repeat changes nothing)' })
  acknowledgedAt!: string;
}
