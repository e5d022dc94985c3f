import { applyDecorators } from '@nestjs/common';
import { Nested, NestedList, RequiredWhen } from '../../common/nested';
import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  Equals,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  IsISO8601,
  Matches,
} from 'class-validator';
import { TermsDto } from '../../terms/terms';
import { BALLOT_BODIES, BallotBody } from '../../ballots/ballot-rules';
import { RepresentativesDto } from './create-negotiation.dto';
import { Text } from '../../common/text';

/** One DTO per event payload (API.md "POST /api/negotiations/:id/events"). */
const Reason = (description = 'Why, in words (on the record)', required = true) =>
  applyDecorators(ApiProperty({ description, required, minLength: 1, maxLength: 2000 }), Text(1, 2000));
const Note = () =>
  applyDecorators(ApiPropertyOptional({ description: 'A note for the minutes', maxLength: 2000 }), IsOptional(), IsString(), MaxLength(2000));
/** The discriminator every event body starts with. */
export const EventName = (name: string) => applyDecorators(ApiProperty({ enum: [name], description: 'The event' }), Equals(name));

@ApiSchema({ description: "The enterprise's answer to the union's request (in requested): come to the table naming its seats, or refuse. Enterprise chief." })
export class RespondEventDto {
  @EventName('RESPOND') type!: 'RESPOND';
  @ApiProperty({ description: 'true: the enterprise comes to the table; false: it refuses, and the negotiation is disputed (the bureau coordinates)' })
  @IsBoolean() accept!: boolean;

  /** Required when accepting: the enterprise's seats (as many as the union's). */
  @ApiPropertyOptional({ type: RepresentativesDto, description: "Required when accepting: the enterprise's seats (as many as the union's)" })
  @RequiredWhen<RespondEventDto>((o) => o.accept === true) @Nested(() => RepresentativesDto)
  representatives?: RepresentativesDto;

  @RequiredWhen<RespondEventDto>((o) => o.accept === false) @Reason('Required when refusing: why', false)
  reason?: string;
}

@ApiSchema({ description: 'A (counter-)offer (in bargaining): by the chief of the side whose turn it is; after a rejected vote or a bureau objection `turn` is null and either chief may offer.' })
export class OfferEventDto {
  @EventName('OFFER') type!: 'OFFER';
  @ApiProperty({ type: TermsDto, description: 'The whole offer (every term, not only those that move)' })
  @Nested(() => TermsDto) terms!: TermsDto;
  @Note() note?: string;
}

@ApiSchema({ description: "Accepts the other side's latest offer (in bargaining), which becomes the draft for consultation. Chief of the answering side." })
export class AcceptEventDto {
  @EventName('ACCEPT') type!: 'ACCEPT';
  @Note() note?: string;
}

@ApiSchema({
  description:
    "Suspends talks until an agreed date (in bargaining), by agreement of both chiefs (art. 35): one chief's SUSPEND is a proposal (view: pendingSuspension), the other chief's with the same resumeOn suspends; an OFFER or ACCEPT in between withdraws it. Either chief.",
})
export class SuspendEventDto {
  @EventName('SUSPEND') type!: 'SUSPEND';
  @ApiProperty({ format: 'date', example: '2027-03-01', description: 'The agreed date on which talks resume (not in the past)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true })
  resumeOn!: string;
  @Reason() reason!: string;
}

@ApiSchema({ description: 'Resumes suspended talks before the agreed date. Either chief.' })
export class ResumeEventDto {
  @EventName('RESUME') type!: 'RESUME';
}

@ApiSchema({ description: 'Declares a dispute, for the bureau to coordinate. Either chief.' })
export class DisputeEventDto {
  @EventName('DISPUTE') type!: 'DISPUTE';
  @Reason() reason!: string;
}

@ApiSchema({ description: 'Withdraws the request or proposal. The requesting chief.' })
export class WithdrawEventDto {
  @EventName('WITHDRAW') type!: 'WITHDRAW';
  @Reason() reason!: string;
}

@ApiSchema({ description: "The bureau's coordination of a dispute: back to bargaining, or terminate. Bureau reviewer." })
export class CoordinateEventDto {
  @EventName('COORDINATE') type!: 'COORDINATE';
  @ApiProperty({ enum: ['resume', 'terminate'], description: 'The coordination result: back to the table, or the end of the procedure' })
  @IsIn(['resume', 'terminate']) outcome!: 'resume' | 'terminate';
  @Reason("The bureau's coordination opinion") opinion!: string;
}

@ApiSchema({ description: 'Extends the coordination period. Bureau reviewer.' })
export class ExtendEventDto {
  @EventName('EXTEND') type!: 'EXTEND';
  /** Days added to the coordination period (at most the rule pack's coordinationExtensionMax). */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 366, description: "Days added to the coordination period (at most the rule pack's coordinationExtensionMax, else 422)" })
  @IsInt() @Min(1) @Max(366) days!: number;
}

@ApiSchema({ description: 'An opinion on the draft during consultation. A covered worker or any representative.' })
export class CommentEventDto {
  @EventName('COMMENT') type!: 'COMMENT';
  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'The opinion on the draft, in words' })
  @Text(1, 4000) text!: string;
}

@ApiSchema({
  description:
    "A vote on the draft held in a hall (a workers' congress or meeting), recorded by hand from its count sheet (art. 36: two thirds present, half of all for). eligible must equal the roll. Not while a ballot is open. Union chief.",
})
export class RecordVoteEventDto {
  @EventName('RECORD_VOTE') type!: 'RECORD_VOTE';
  /** Workers (or congress delegates) entitled to vote. */
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Workers (or congress delegates) entitled to vote' })
  @IsInt() @Min(1) eligible!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Those present (at most eligible; two thirds needed, art. 36)' })
  @IsInt() @Min(0) present!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Votes for (half of all eligible or more ratifies, with two thirds present: art. 36)' })
  @IsInt() @Min(0) inFavour!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Votes against' })
  @IsInt() @Min(0) against!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Abstentions; for + against + abstained at most present (a blank or spoiled ballot is present and none of the three), else 422 VOTE.IMPOSSIBLE_TALLY' })
  @IsInt() @Min(0) abstained!: number;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: 100_000,
    description: 'A congress of delegates: their user ids (covered workers, each once); eligible must be their number. Absent: eligible must be the number of covered workers',
  })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100_000) @IsUUID('all', { each: true })
  delegates?: string[];
  @ApiProperty({ pattern: '^[0-9a-fA-F]{64}$', description: 'SHA-256 (hex, either case: Windows tools print it upper-case) of the signed count sheet; recorded in lower case', example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @Matches(/^[0-9a-fA-F]{64}$/, { message: 'countSheetSha256 must be 64 hex digits (SHA-256)' })
  countSheetSha256!: string;
}

@ApiSchema({
  description:
    "Puts the draft to the workers' secret ballot (in consultation; 集体合同规定 art. 36): the roll is fixed now — every worker the scope covers, or the delegates named. Union chief.",
})
export class OpenBallotEventDto {
  @EventName('OPEN_BALLOT') type!: 'OPEN_BALLOT';
  @ApiProperty({ enum: BALLOT_BODIES, description: 'all_workers: every covered worker votes; delegates: the workers named in delegates' })
  @IsIn(BALLOT_BODIES) body!: BallotBody;
  @ApiProperty({ format: 'date', example: '2027-03-01', description: 'The last day of voting, today or later; the ballot closes at its end (deadline ballotClose)' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true })
  closesOn!: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', minItems: 1, maxItems: 100_000, description: 'Required with body delegates: their user ids (covered workers, each once)' })
  @RequiredWhen<OpenBallotEventDto>((o) => o.body === 'delegates') @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100_000) @IsUUID('all', { each: true })
  delegates?: string[];
}

@ApiSchema({ description: 'Closes the open ballot before its deadline, once everyone on the roll has voted, and counts it. Union chief.' })
export class CloseBallotEventDto {
  @EventName('CLOSE_BALLOT') type!: 'CLOSE_BALLOT';
}

@ApiSchema({ description: 'Signs the ratified contract. Each chief once.' })
export class SignEventDto {
  @EventName('SIGN') type!: 'SIGN';
}

@ApiSchema({ description: 'Files the signed contract with the labour bureau. Enterprise chief.' })
export class FileEventDto {
  @EventName('FILE') type!: 'FILE';
}

@ApiSchema({ description: "The bureau's review of a filed contract. Bureau reviewer." })
export class ReviewEventDto {
  @EventName('REVIEW') type!: 'REVIEW';
  @ApiProperty({ enum: ['approve', 'object'], description: "The bureau's review: approve, or object (back to bargaining)" })
  @IsIn(['approve', 'object']) decision!: 'approve' | 'object';
  @RequiredWhen<ReviewEventDto>((o) => o.decision === 'object') @Reason('Required when objecting: the objection', false)
  opinion?: string;
}

@ApiSchema({ description: 'Publishes (公示) the contract or rule change; every covered worker is told. Either chief.' })
export class PublishEventDto {
  @EventName('PUBLISH') type!: 'PUBLISH';
}

@ApiSchema({ description: 'Waives the rest of the comment window (rule_change). Union chief.' })
export class CloseConsultationEventDto {
  @EventName('CLOSE_CONSULTATION') type!: 'CLOSE_CONSULTATION';
}

export class OpinionAnswerDto {
  @ApiProperty({ format: 'uuid', description: 'The comment answered' })
  @IsUUID('all') commentId!: string;
  @ApiProperty({ description: 'Whether the opinion is adopted' })
  @IsBoolean() adopted!: boolean;
  @Reason('Why it is or is not adopted') reason!: string;
}

@ApiSchema({ description: 'Answers every opinion on a proposed rule (rule_change). Enterprise chief.' })
export class RespondToOpinionsEventDto {
  @EventName('RESPOND_TO_OPINIONS') type!: 'RESPOND_TO_OPINIONS';
  @ApiProperty({ type: [OpinionAnswerDto], maxItems: 10_000, description: 'One answer per comment: every comment must be answered (422 otherwise)' })
  @NestedList(() => OpinionAnswerDto) @ArrayMaxSize(10_000)
  answers!: OpinionAnswerDto[];
}

@ApiSchema({ description: "Asks, during a rule change's consultation, for collective bargaining over it: opens a linked collective_contract. Union chief." })
export class RequestBargainingEventDto {
  @EventName('REQUEST_BARGAINING') type!: 'REQUEST_BARGAINING';
  @Reason() reason!: string;
  /** The union's seats in the collective negotiation this opens; by default the sender and the fewest others art. 19 allows. */
  @ApiPropertyOptional({
    type: RepresentativesDto,
    description: "The union's seats in the collective negotiation this opens. Default: the sender as chief and the union's first two other negotiators by username (art. 19's three seats); 422 if the union has fewer",
  })
  @Nested(() => RepresentativesDto, { optional: true }) representatives?: RepresentativesDto;
  /** The union's opening proposal in that negotiation; by default the rule change's own proposal. */
  @ApiPropertyOptional({
    type: TermsDto,
    description: "The union's opening proposal in that negotiation. Default: the rule change's proposal, with a term of 12 months (the shortest art. 38 allows) unless it names one",
  })
  @Nested(() => TermsDto, { optional: true }) proposal?: TermsDto;
  @ApiPropertyOptional({ minLength: 2, maxLength: 300, description: "The new negotiation's title (default: the rule change's title + （集体协商）)" })
  @IsOptional() @Text(2, 300) title?: string;
}

/** What the union may ask the enterprise to hand over for costing offers (001 §12). */
export const INFORMATION_ITEMS = ['order_sample'] as const;

@ApiSchema({ description: 'Asks the enterprise for the data a costing needs (in bargaining): starts the informationRequest clock. Union chief.' })
export class RequestInformationEventDto {
  @EventName('REQUEST_INFORMATION') type!: 'REQUEST_INFORMATION';
  @ApiProperty({ enum: INFORMATION_ITEMS, isArray: true, minItems: 1, description: 'What is asked for: an order sample with online time' })
  @IsIn(INFORMATION_ITEMS, { each: true }) @ArrayMinSize(1) @ArrayMaxSize(INFORMATION_ITEMS.length)
  items!: Array<(typeof INFORMATION_ITEMS)[number]>;
  @Note() note?: string;
}

@ApiSchema({ description: 'Sent by POST /api/negotiations/{id}/order-samples only (400 at /events): the chain records the sample\'s SHA-256 and counts. Enterprise chief.' })
export class ProvideInformationEventDto {
  @EventName('PROVIDE_INFORMATION') type!: 'PROVIDE_INFORMATION';
  @ApiProperty({ format: 'uuid', description: 'The sample' }) @IsUUID() sampleId!: string;
  @ApiProperty({ enum: ['orders', 'online_time'], description: 'Which sample' }) @IsIn(['orders', 'online_time']) kind!: 'orders' | 'online_time';
  @ApiProperty({ minimum: 1, description: 'Good rows' }) @IsInt() @Min(1) rows!: number;
  @ApiProperty({ minimum: 0, description: 'Rejected rows' }) @IsInt() @Min(0) rejected!: number;
  @ApiProperty({ minimum: 1, description: 'Rider-days the rows fold into' }) @IsInt() @Min(1) riderDays!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the bytes received' }) @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

@ApiSchema({ description: 'Sent by PUT /api/negotiations/{id}/current-terms only (400 at /events): the rules riders are paid by today, the baseline of every costing. Enterprise chief.' })
export class DeclareCurrentTermsEventDto {
  @EventName('DECLARE_CURRENT_TERMS') type!: 'DECLARE_CURRENT_TERMS';
  @ApiProperty({ type: TermsDto, description: 'The current rules, in the terms schema' })
  @Nested(() => TermsDto) terms!: TermsDto;
}

@ApiSchema({ description: 'Opens the next negotiation in the last months of the term (renewalWindow). Either chief.' })
export class RequestRenewalEventDto {
  @EventName('REQUEST_RENEWAL') type!: 'REQUEST_RENEWAL';
}

// — the table (集体合同规定 art. 31, 33) —
@ApiSchema({
  description:
    "Puts someone in a seat in place of who held it (art. 31), keeping the side's numbers (art. 19, 24): a member's seat by a negotiator of the same side, an expert's by an outside person; a vacant seat is filled and its seatVacancy clock stops. In any open state. That side's chief; the chief's own seat also the bureau.",
})
export class ReplaceSeatEventDto {
  @EventName('REPLACE_SEAT') type!: 'REPLACE_SEAT';
  @ApiProperty({ format: 'uuid', description: "Who leaves the seat (for a vacant seat, its last holder); 422 if they hold none" })
  @IsUUID('all') out!: string;
  @ApiProperty({ format: 'uuid', description: 'Who takes it: a negotiator of the same side, or an outside expert for an expert\'s seat; 422 if seated already or not eligible' })
  @IsUUID('all') in!: string;
  @Reason() reason!: string;
}

@ApiSchema({
  description:
    'Leaves a seat empty (art. 31): starts the 15-day seatVacancy clock, and while any seat is vacant OFFER and ACCEPT are 409. In any open state. The person leaving, or their side\'s chief.',
})
export class VacateSeatEventDto {
  @EventName('VACATE_SEAT') type!: 'VACATE_SEAT';
  @ApiProperty({ format: 'uuid', description: 'Whose seat falls vacant' })
  @IsUUID('all') userId!: string;
  @Reason() reason!: string;
}

@ApiSchema({
  description:
    'Names the recorder (art. 33), jointly: one chief names, the other confirms with the same userId (view: recorderProposal, then recorder). In bargaining or suspended. Either chief.',
})
export class NameRecorderEventDto {
  @EventName('NAME_RECORDER') type!: 'NAME_RECORDER';
  @ApiProperty({ format: 'uuid', description: 'A person who represents neither side (422 RECORDER.IS_REPRESENTATIVE otherwise)' })
  @IsUUID('all') userId!: string;
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
  REQUEST_INFORMATION: RequestInformationEventDto,
  PROVIDE_INFORMATION: ProvideInformationEventDto,
  DECLARE_CURRENT_TERMS: DeclareCurrentTermsEventDto,
  // — the table —
  REPLACE_SEAT: ReplaceSeatEventDto,
  VACATE_SEAT: VacateSeatEventDto,
  NAME_RECORDER: NameRecorderEventDto,
  // ballots
  OPEN_BALLOT: OpenBallotEventDto,
  CLOSE_BALLOT: CloseBallotEventDto,
} as const;

export type EventType = keyof typeof EVENT_DTOS;
export const EVENT_TYPES = Object.keys(EVENT_DTOS) as EventType[];
export type EventDto = InstanceType<(typeof EVENT_DTOS)[EventType]>;
