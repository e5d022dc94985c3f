import { EvidenceDto } from '../ledger/dto/ledger-views.dto';
import { ApiProperty } from '@nestjs/swagger';
import { DeadlineViewDto } from '../deadlines/deadline.dto';
import { TermsDto } from '../terms/terms';
import { TermGapDto } from '../terms/terms-comparison.dto';
import { collectiveContractMachine } from './collective-contract.machine';
import { EVENT_TYPES, EventType } from './dto/events.dto';
import { NegotiationView, SeatsView } from './negotiation-view';
import { NEGOTIATION_KINDS, NegotiationKind, Scope, Side } from './negotiation.types';
import { ruleChangeMachine } from './rule-change.machine';
import { RecordedVote } from './collective-contract.machine';

/** Every state either machine can be in (DESIGN §2), for the document's enum. */
export const NEGOTIATION_STATES = [
  ...new Set([...Object.keys(collectiveContractMachine.config.states ?? {}), ...Object.keys(ruleChangeMachine.config.states ?? {})]),
];
const SIDES: Side[] = ['union', 'enterprise'];

/** The latest vote on a draft, and which way it was taken. */
export class RecordedVoteDto implements RecordedVote {
  @ApiProperty({ enum: ['ballot', 'count_sheet'], description: "ballot: the workers' own secret ballot, counted by the system; count_sheet: a vote in a hall, recorded by hand" })
  method!: 'ballot' | 'count_sheet';
  @ApiProperty({ type: 'integer', minimum: 1, description: 'On the roll' })
  eligible!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Took part' })
  present!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  inFavour!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  against!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  abstained!: number;
}

export class ScopeViewDto implements Scope {
  @ApiProperty({ description: 'Industry code', example: 'food_delivery' })
  industry!: string;

  @ApiProperty({ description: 'GB/T 2260 code; 420300 covers every 4203xx district', pattern: '^\\d{6}$', example: '420300' })
  region!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Enterprises bound: for a collective contract the enterprise at the table or members of the employer association at it (stored as the list it binds); for a rule change the proposing enterprise' })
  enterpriseIds!: string[];

  @ApiProperty({ type: [String], description: 'Worker categories covered', example: ['delivery_rider'] })
  workerCategories!: string[];
}

export class SeatsViewDto implements SeatsView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The side's chief representative (user id); null before the side has named its seats, or while the chief's seat is vacant" })
  chief!: string | null;

  @ApiProperty({ type: [String], format: 'uuid', description: 'The other representatives (user ids)' })
  members!: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: "Outside experts (art. 23): at most a third of the side's seats, never its chief" })
  experts!: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: 'Seats fallen vacant (art. 31), by who last held them; OFFER and ACCEPT wait until REPLACE_SEAT fills them' })
  vacant!: string[];
}

export class RecorderProposalDto {
  @ApiProperty({ enum: SIDES, description: 'The chief who named the recorder' })
  by!: Side;

  @ApiProperty({ format: 'uuid', description: 'The person named; the other chief confirms with NAME_RECORDER and the same userId' })
  userId!: string;
}

export class SuspensionProposalDto {
  @ApiProperty({ enum: SIDES, description: 'The chief who proposed to suspend' })
  by!: Side;

  @ApiProperty({ format: 'date', description: 'The resumption date the other chief must send to agree (art. 35)' })
  resumeOn!: string;
}

export class SidesSeatsDto implements Record<Side, SeatsView> {
  @ApiProperty({ type: SeatsViewDto })
  union!: SeatsViewDto;

  @ApiProperty({ type: SeatsViewDto })
  enterprise!: SeatsViewDto;
}

export class LatestOfferDto {
  @ApiProperty({ type: TermsDto })
  terms!: TermsDto;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'The round in which this side offered them' })
  round!: number;
}

export class LatestOffersDto {
  @ApiProperty({ type: LatestOfferDto, nullable: true, description: "The union's latest offer; null before it made one" })
  union!: LatestOfferDto | null;

  @ApiProperty({ type: LatestOfferDto, nullable: true, description: "The enterprise's latest offer; null before it made one" })
  enterprise!: LatestOfferDto | null;
}

/** The negotiation as its parties and the bureau read it (API.md "the view"). */
export class NegotiationViewDto implements NegotiationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: NEGOTIATION_KINDS })
  kind!: NegotiationKind;

  @ApiProperty({ example: '2027年外卖配送员计件单价专项集体协商' })
  title!: string;

  @ApiProperty({ type: ScopeViewDto })
  scope!: ScopeViewDto;

  @ApiProperty({ enum: NEGOTIATION_STATES, description: 'Where the procedure stands (DESIGN §2)' })
  state!: string;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Goes up with every accepted event; send it as If-Match' })
  version!: number;

  @ApiProperty({ type: 'integer', minimum: 1, nullable: true, description: 'The current bargaining round (null for a rule change)' })
  round!: number | null;

  @ApiProperty({ enum: SIDES, nullable: true, description: "Whose move it is: in requested the enterprise's (RESPOND), in bargaining the side that offers next; null in every other state, or when either chief may offer" })
  turn!: Side | null;

  @ApiProperty({ enum: EVENT_TYPES, isArray: true, description: 'The events THIS caller may send now' })
  can!: EventType[];

  @ApiProperty({ type: SidesSeatsDto })
  representatives!: SidesSeatsDto;

  @ApiProperty({ type: LatestOffersDto })
  latestOffers!: LatestOffersDto;

  @ApiProperty({ type: [TermGapDto], description: 'The terms on which the two latest offers differ (empty once agreed)' })
  gap!: TermGapDto[];

  @ApiProperty({ type: [String], description: 'Paths on which both latest offers agree (tentatively settled)', example: ['termMonths'] })
  settled!: string[];

  @ApiProperty({ type: TermsDto, nullable: true, description: 'The terms both sides accepted, once one side accepted the other\'s offer' })
  agreedTerms!: TermsDto | null;

  @ApiProperty({ enum: SIDES, isArray: true, description: 'The sides whose chiefs have signed' })
  signatures!: Side[];

  @ApiProperty({ type: String, nullable: true, description: 'Why the draft came back to bargaining (a rejected vote, a bureau objection)' })
  returnedBecause!: string | null;

  @ApiProperty({ type: [DeadlineViewDto], description: 'The running statutory deadlines' })
  deadlines!: DeadlineViewDto[];

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The recorder both chiefs named (art. 33); never a representative' })
  recorder!: string | null;

  @ApiProperty({ type: RecorderProposalDto, nullable: true, description: 'A recorder one chief named and the other has yet to confirm' })
  recorderProposal!: RecorderProposalDto | null;

  @ApiProperty({ type: SuspensionProposalDto, nullable: true, description: "A suspension one chief proposed, waiting for the other chief's SUSPEND with the same date (art. 35); an OFFER or ACCEPT withdraws it" })
  pendingSuspension!: SuspensionProposalDto | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The negotiation this one was opened from (a rule change, or the contract it renews)' })
  parentId!: string | null;

  @ApiProperty({ type: 'integer', minimum: 0, description: 'How many workers the scope covers now (the roll of an all_workers ballot opened now); recounted at most every 10 s' })
  covered!: number;

  @ApiProperty({ description: "A workers' ballot is open on the draft (GET …/ballot for turnout)" })
  ballotOpen!: boolean;

  @ApiProperty({ type: RecordedVoteDto, nullable: true, description: 'The latest vote on the draft and which way it was taken; null before any' })
  vote!: RecordedVoteDto | null;

  @ApiProperty({ format: 'uuid' })
  unionOrganizationId!: string;

  @ApiProperty({ format: 'uuid', description: 'The enterprise side' })
  enterpriseOrganizationId!: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the latest audit entry', pattern: '^[0-9a-f]{64}$' })
  auditHead!: string;

  @ApiProperty({ type: EvidenceDto, nullable: true, description: 'What earlier agreements of the same scope left behind (surveys, complaints by clause, commitments met and overdue); null if none' })
  evidence!: EvidenceDto | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
