import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Nested } from '../../common/nested';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateBy,
} from 'class-validator';
import { TERM_MONTHS, TermsDto } from '../../terms/terms';
import { NEGOTIATION_KINDS, NegotiationKind } from '../negotiation.types';
import { Text } from '../../common/text';

/** Whom a negotiation binds and covers. */
export class ScopeDto {
  @ApiProperty({ description: 'Industry code', pattern: '^[a-z][a-z0-9_]{1,63}$', example: 'food_delivery' })
  @IsString() @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'industry must be a lower-case code such as food_delivery' })
  industry!: string;

  /** GB/T 2260 code; 420300 covers every 4203xx district. */
  @ApiProperty({ description: 'GB/T 2260 code; 420300 covers every 4203xx district (422 for an unknown code)', pattern: '^\\d{6}$', example: '420300' })
  @Matches(/^\d{6}$/, { message: 'region must be a six-digit GB/T 2260 code' })
  region!: string;

  /** Empty: every enterprise of the industry in the region. */
  @ApiProperty({ type: [String], format: 'uuid', maxItems: 200, uniqueItems: true, description: 'Enterprises bound (organisation ids); empty: every enterprise of the industry in the region' })
  @IsArray() @ArrayUnique() @ArrayMaxSize(200) @IsUUID('all', { each: true })
  enterpriseIds!: string[];

  @ApiProperty({ type: [String], maxItems: 50, uniqueItems: true, description: 'Worker categories covered (codes)', example: ['delivery_rider'] })
  @IsArray() @ArrayUnique() @ArrayMaxSize(50)
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { each: true, message: 'each workerCategories entry must be a code such as delivery_rider' })
  workerCategories!: string[];
}

/** One side's seats: a chief, the other members and any outside experts (≥ 3 seats in all). */
export class RepresentativesDto {
  @ApiProperty({ format: 'uuid', description: "The side's chief representative (user id)" })
  @IsUUID('all')
  chief!: string;

  @ApiProperty({ type: [String], format: 'uuid', maxItems: 30, uniqueItems: true, description: 'The other representatives (user ids); both sides equal in number, no one on both (422)' })
  @IsArray() @ArrayUnique() @ArrayMaxSize(30) @IsUUID('all', { each: true })
  members!: string[];

  /**
   * People from outside the side's organisation — for the union typically a federation's
   * 集体协商指导员 (role `instructor`) — at most a third of the side's seats, never its chief (art. 23).
   */
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    maxItems: 10,
    uniqueItems: true,
    description: "Outside experts (user ids; a federation's 集体协商指导员 has role instructor): at most a third of the side's seats, never its chief (art. 23), 422 otherwise",
  })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(10) @IsUUID('all', { each: true })
  experts?: string[];
}

/**
 * A collective contract's opening proposal names its term (a rule change's may not): checked
 * with every other field, so one 400 names them all (the terms rules' own check, which an
 * OFFER meets, would name it alone, after the others were mended).
 */
const ProposalNamesTermOfContract = () =>
  ValidateBy({
    name: 'proposalNamesTermOfContract',
    validator: {
      validate: (kind, args) => {
        const proposal = (args?.object as { proposal?: unknown }).proposal;
        return kind !== 'collective_contract' || typeof proposal !== 'object' || proposal === null || (proposal as { termMonths?: unknown }).termMonths !== undefined;
      },
      defaultMessage: () => `proposal.termMonths is required for a collective contract (${TERM_MONTHS.min}–${TERM_MONTHS.max})`,
    },
  });

export class CreateNegotiationDto {
  @ApiProperty({ enum: NEGOTIATION_KINDS, description: 'collective_contract: opened by a union negotiator; rule_change: by an enterprise rep' })
  @IsIn(NEGOTIATION_KINDS) @ProposalNamesTermOfContract()
  kind!: NegotiationKind;

  @ApiProperty({ minLength: 2, maxLength: 300, example: '2027年外卖配送员计件单价专项集体协商' })
  @Text(2, 300)
  title!: string;

  @ApiProperty({ type: ScopeDto })
  @Nested(() => ScopeDto)
  scope!: ScopeDto;

  /** The creating side's representatives. */
  @ApiProperty({ type: RepresentativesDto, description: "The creating side's representatives (at least 3 seats)" })
  @Nested(() => RepresentativesDto)
  representatives!: RepresentativesDto;

  /** The opening proposal (collective contract) or the proposed rule (rule change). */
  @ApiProperty({ type: TermsDto, description: 'The opening proposal (collective contract) or the proposed rule (rule change); below the minimum wage is 422' })
  @Nested(() => TermsDto)
  proposal!: TermsDto;

  /**
   * The other party's organisation: an enterprise or an employer association (collective
   * contract), a union (rule change). Defaults: the scope's only enterprise, or the industry
   * union whose region contains the scope's.
   */
  @ApiPropertyOptional({ format: 'uuid', description: "The other party's organisation: an enterprise or an employer association (collective contract), a union (rule change); default: the scope's only enterprise, or the industry union whose region contains the scope's" })
  @IsOptional() @IsUUID('all')
  counterpartyId?: string;
}
