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

/** Every state either machine can be in (DESIGN §2), for the document's enum. */
export const NEGOTIATION_STATES = [
  ...new Set([...Object.keys(collectiveContractMachine.config.states ?? {}), ...Object.keys(ruleChangeMachine.config.states ?? {})]),
];
const SIDES: Side[] = ['union', 'enterprise'];

export class ScopeViewDto implements Scope {
  @ApiProperty({ description: 'Industry code', example: 'food_delivery' })
  industry!: string;

  @ApiProperty({ description: 'GB/T 2260 code; 420300 covers every 4203xx district', pattern: '^\\d{6}$', example: '420300' })
  region!: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Enterprises bound; empty: every enterprise of the industry in the region' })
  enterpriseIds!: string[];

  @ApiProperty({ type: [String], description: 'Worker categories covered', example: ['delivery_rider'] })
  workerCategories!: string[];
}

export class SeatsViewDto implements SeatsView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The side's chief representative (user id); null before the side has named its seats" })
  chief!: string | null;

  @ApiProperty({ type: [String], format: 'uuid', description: 'The other representatives (user ids)' })
  members!: string[];
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

  @ApiProperty({ enum: SIDES, nullable: true, description: 'Whose move it is in bargaining; null outside it, or when either chief may offer' })
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

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The negotiation this one was opened from (a rule change, or the contract it renews)' })
  parentId!: string | null;

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
