import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
  IsISO8601,
  Matches,
} from 'class-validator';
import { TermsDto } from '../../terms/terms';
import { RepresentativesDto } from './create-negotiation.dto';

/** One DTO per event payload (API.md "POST /api/negotiations/:id/events"). */
const Reason = () => applyDecorators(IsString(), MinLength(1), MaxLength(2000));
const Note = () => applyDecorators(IsOptional(), IsString(), MaxLength(2000));

export class RespondEventDto {
  @Equals('RESPOND') type!: 'RESPOND';
  @IsBoolean() accept!: boolean;

  /** Required when accepting: the enterprise's seats (as many as the union's). */
  @ValidateIf((o) => o.accept === true) @IsDefined() @ValidateNested() @Type(() => RepresentativesDto)
  representatives?: RepresentativesDto;

  @ValidateIf((o) => o.accept === false) @Reason()
  reason?: string;
}

export class OfferEventDto {
  @Equals('OFFER') type!: 'OFFER';
  @ValidateNested() @Type(() => TermsDto) terms!: TermsDto;
  @Note() note?: string;
}

export class AcceptEventDto {
  @Equals('ACCEPT') type!: 'ACCEPT';
  @Note() note?: string;
}

export class SuspendEventDto {
  @Equals('SUSPEND') type!: 'SUSPEND';
  @ApiProperty({ example: '2027-03-01' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true })
  resumeOn!: string;
  @Reason() reason!: string;
}

export class ResumeEventDto {
  @Equals('RESUME') type!: 'RESUME';
}

export class DisputeEventDto {
  @Equals('DISPUTE') type!: 'DISPUTE';
  @Reason() reason!: string;
}

export class WithdrawEventDto {
  @Equals('WITHDRAW') type!: 'WITHDRAW';
  @Reason() reason!: string;
}

export class CoordinateEventDto {
  @Equals('COORDINATE') type!: 'COORDINATE';
  @IsIn(['resume', 'terminate']) outcome!: 'resume' | 'terminate';
  @Reason() opinion!: string;
}

export class ExtendEventDto {
  @Equals('EXTEND') type!: 'EXTEND';
  /** Days added to the coordination period (at most the rule pack's coordinationExtensionMax). */
  @IsInt() @Min(1) @Max(366) days!: number;
}

export class CommentEventDto {
  @Equals('COMMENT') type!: 'COMMENT';
  @IsString() @MinLength(1) @MaxLength(4000) text!: string;
}

export class RecordVoteEventDto {
  @Equals('RECORD_VOTE') type!: 'RECORD_VOTE';
  /** Workers (or congress delegates) entitled to vote. */
  @IsInt() @Min(1) eligible!: number;
  @IsInt() @Min(0) present!: number;
  @IsInt() @Min(0) inFavour!: number;
  @IsInt() @Min(0) against!: number;
  @IsInt() @Min(0) abstained!: number;
}

export class SignEventDto {
  @Equals('SIGN') type!: 'SIGN';
}

export class FileEventDto {
  @Equals('FILE') type!: 'FILE';
}

export class ReviewEventDto {
  @Equals('REVIEW') type!: 'REVIEW';
  @IsIn(['approve', 'object']) decision!: 'approve' | 'object';
  @ValidateIf((o) => o.decision === 'object') @Reason()
  opinion?: string;
}

export class PublishEventDto {
  @Equals('PUBLISH') type!: 'PUBLISH';
}

export class CloseConsultationEventDto {
  @Equals('CLOSE_CONSULTATION') type!: 'CLOSE_CONSULTATION';
}

export class OpinionAnswerDto {
  @IsUUID('all') commentId!: string;
  @IsBoolean() adopted!: boolean;
  @Reason() reason!: string;
}

export class RespondToOpinionsEventDto {
  @Equals('RESPOND_TO_OPINIONS') type!: 'RESPOND_TO_OPINIONS';
  @ValidateNested({ each: true }) @Type(() => OpinionAnswerDto) @ArrayMaxSize(10_000)
  answers!: OpinionAnswerDto[];
}

export class RequestBargainingEventDto {
  @Equals('REQUEST_BARGAINING') type!: 'REQUEST_BARGAINING';
  @Reason() reason!: string;
  /** The union's seats in the collective negotiation this opens. */
  @ValidateNested() @Type(() => RepresentativesDto) representatives!: RepresentativesDto;
  /** The union's opening proposal in that negotiation. */
  @ValidateNested() @Type(() => TermsDto) proposal!: TermsDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(2) @MaxLength(300) title?: string;
}

export class RequestRenewalEventDto {
  @Equals('REQUEST_RENEWAL') type!: 'REQUEST_RENEWAL';
}

export const EVENT_DTOS = {
  RESPOND: RespondEventDto,
  OFFER: OfferEventDto,
  ACCEPT: AcceptEventDto,
  SUSPEND: SuspendEventDto,
  RESUME: ResumeEventDto,
  DISPUTE: DisputeEventDto,
  WITHDRAW: WithdrawEventDto,
  COORDINATE: CoordinateEventDto,
  EXTEND: ExtendEventDto,
  COMMENT: CommentEventDto,
  RECORD_VOTE: RecordVoteEventDto,
  SIGN: SignEventDto,
  FILE: FileEventDto,
  REVIEW: ReviewEventDto,
  PUBLISH: PublishEventDto,
  CLOSE_CONSULTATION: CloseConsultationEventDto,
  RESPOND_TO_OPINIONS: RespondToOpinionsEventDto,
  REQUEST_BARGAINING: RequestBargainingEventDto,
  REQUEST_RENEWAL: RequestRenewalEventDto,
} as const;

export type EventType = keyof typeof EVENT_DTOS;
export const EVENT_TYPES = Object.keys(EVENT_DTOS) as EventType[];
export type EventDto = InstanceType<(typeof EVENT_DTOS)[EventType]>;
