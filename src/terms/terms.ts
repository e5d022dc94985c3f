import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Nested, NestedList, Omittable } from '../common/nested';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  Max,
  Min,
} from 'class-validator';
import { Text } from '../common/text';

/**
 * What is bargained (DESIGN §3). Money is integer fen, ratios basis points, time minutes.
 * Bounds here are the ones no real term can break (400); the minimum-wage floor depends on
 * the region and is checked in terms-rules.ts (422).
 */
export const MINUTES_PER_DAY = 1440;
export const BASIS_POINTS_WHOLE = 10_000;
/** 劳动合同法 art. 38 / 集体合同规定 art. 38: a collective contract runs 1–3 years. */
export const TERM_MONTHS = { min: 12, max: 36 } as const;
/**
 * The largest amount of money any term may name: 10⁹ fen (1 000 万元). No piece rate or
 * surcharge comes near it; above it a number is a typo or an attack, not a term (400).
 */
export const MAX_FEN = 1_000_000_000;

export class PieceRateDto {
  /** The task paid per piece (计件单价), e.g. `delivery`. */
  @ApiProperty({ description: 'The task paid per piece (计件单价); offers are compared task by task', minLength: 1, maxLength: 64, example: 'delivery' })
  @Text(1, 64)
  task!: string;

  @ApiProperty({ description: 'Base pay per task, fen', type: 'integer', minimum: 0, maximum: MAX_FEN, example: 700 })
  @IsInt() @Min(0) @Max(MAX_FEN)
  baseFen!: number;

  @ApiPropertyOptional({ description: 'Pay per km beyond kmIncluded, fen', type: 'integer', minimum: 0, maximum: MAX_FEN, example: 60 })
  @Omittable() @IsInt() @Min(0) @Max(MAX_FEN)
  perKmFen?: number;

  @ApiPropertyOptional({ description: 'Kilometres covered by the base pay', type: 'integer', minimum: 0, maximum: 1000, example: 3 })
  @Omittable() @IsInt() @Min(0) @Max(1000)
  kmIncluded?: number;

  @ApiPropertyOptional({ description: 'Extra per task at night, fen', type: 'integer', minimum: 0, maximum: MAX_FEN, example: 100 })
  @Omittable() @IsInt() @Min(0) @Max(MAX_FEN)
  nightSurchargeFen?: number;

  @ApiPropertyOptional({ description: 'Extra per task in bad weather, fen', type: 'integer', minimum: 0, maximum: MAX_FEN, example: 200 })
  @Omittable() @IsInt() @Min(0) @Max(MAX_FEN)
  badWeatherSurchargeFen?: number;
}

export class CommissionDto {
  /** The platform's take (抽成比例) cap, basis points (1500 = 15%). */
  @ApiProperty({ description: "Cap on the platform's take (抽成比例), basis points (1500 = 15%)", type: 'integer', minimum: 0, maximum: BASIS_POINTS_WHOLE, example: 1500 })
  @IsInt() @Min(0) @Max(BASIS_POINTS_WHOLE)
  maxBasisPoints!: number;
}

export class RestScheduleDto {
  @ApiPropertyOptional({ description: 'Longest stretch of work before a break, minutes', type: 'integer', minimum: 1, maximum: MINUTES_PER_DAY, example: 240 })
  @Omittable() @IsInt() @Min(1) @Max(MINUTES_PER_DAY)
  maxContinuousMinutes?: number;

  @ApiPropertyOptional({ description: 'Shortest break after such a stretch, minutes', type: 'integer', minimum: 0, maximum: MINUTES_PER_DAY, example: 20 })
  @Omittable() @IsInt() @Min(0) @Max(MINUTES_PER_DAY)
  minBreakMinutes?: number;

  @ApiPropertyOptional({ description: 'Most working time in a day, minutes', type: 'integer', minimum: 1, maximum: MINUTES_PER_DAY, example: 600 })
  @Omittable() @IsInt() @Min(1) @Max(MINUTES_PER_DAY)
  maxDailyMinutes?: number;

  @ApiPropertyOptional({ description: 'Rest days a month (休息休假)', type: 'integer', minimum: 0, maximum: 31, example: 4 })
  @Omittable() @IsInt() @Min(0) @Max(31)
  restDaysPerMonth?: number;

  /** Pay on statutory holidays as a percentage of normal pay; must exceed 100. */
  @ApiPropertyOptional({ description: 'Pay on statutory holidays, percent of normal pay (more than 100)', type: 'integer', minimum: 101, maximum: 1000, example: 300 })
  @Omittable() @IsInt() @Min(101) @Max(1000)
  holidayPayPercent?: number;
}

export class LaborQuotaDto {
  /** 劳动定员定额: tasks a worker is expected to complete per hour. */
  @ApiProperty({ description: 'Labour quota (劳动定员定额): tasks a worker is expected to complete per hour; with baseFen it is checked against the minimum wage', type: 'integer', minimum: 1, maximum: 100, example: 4 })
  @IsInt() @Min(1) @Max(100)
  standardTasksPerHour!: number;
}

export const CLAUSE_TOPICS = [
  'order_allocation',
  'algorithm',
  'pay_composition',
  'rewards_penalties',
  'working_time',
  'occupational_safety',
  'social_insurance',
  'grievance',
  'other',
] as const;

/** A clause's promise to act (落实承诺): who must, within how many days of entry into force. */
export class CommitmentDto {
  @ApiProperty({ enum: ['enterprise', 'union'], description: 'The side that must act' })
  @IsIn(['enterprise', 'union'])
  responsible!: 'enterprise' | 'union';

  @ApiProperty({ type: 'integer', minimum: 1, maximum: TERM_MONTHS.max * 31, description: 'Days after entry into force (effectiveFrom) by which it is done; deadline kind commitmentDue' })
  @IsInt() @Min(1) @Max(TERM_MONTHS.max * 31)
  dueInDays!: number;
}

export class ClauseDto {
  @ApiProperty({ description: 'What the clause is about', enum: CLAUSE_TOPICS, example: 'order_allocation' })
  @IsIn(CLAUSE_TOPICS)
  topic!: (typeof CLAUSE_TOPICS)[number];

  @ApiProperty({ description: 'The clause as agreed, in words', minLength: 1, maxLength: 4000, example: '派单算法须公开主要规则。' })
  @Text(1, 4000)
  text!: string;

  @ApiPropertyOptional({ type: CommitmentDto, description: 'A commitment to act (落实承诺): publishing creates it in the ledger' })
  @Nested(() => CommitmentDto, { omittable: true })
  commitment?: CommitmentDto;
}

/** What is bargained (DESIGN §3): offers, proposals and published terms all have this shape. */
export class TermsDto {
  @ApiProperty({ type: [PieceRateDto], minItems: 1, maxItems: 20, description: 'Piece rates (计件单价), one per task' })
  @NestedList(() => PieceRateDto) @ArrayMinSize(1) @ArrayMaxSize(20)
  pieceRates!: PieceRateDto[];

  @ApiPropertyOptional({ type: CommissionDto, description: "The platform's commission (抽成比例)" })
  @Nested(() => CommissionDto, { omittable: true })
  commission?: CommissionDto;

  @ApiPropertyOptional({ type: RestScheduleDto, description: 'Working time and rest (休息休假)' })
  @Nested(() => RestScheduleDto, { omittable: true })
  restSchedule?: RestScheduleDto;

  @ApiProperty({ type: LaborQuotaDto, description: 'Labour quota (劳动定员定额)' })
  @Nested(() => LaborQuotaDto)
  laborQuota!: LaborQuotaDto;

  @ApiPropertyOptional({ type: [ClauseDto], maxItems: 50, description: 'Clauses in words (order allocation, algorithms, safety …)' })
  @NestedList(() => ClauseDto, { omittable: true }) @ArrayMaxSize(50)
  clauses?: ClauseDto[];

  /** Required for a collective contract (1–3 years); a rule change may leave it out. */
  @ApiPropertyOptional({ description: 'Term in months; required for a collective contract (1–3 years), a rule change may leave it out', type: 'integer', minimum: TERM_MONTHS.min, maximum: TERM_MONTHS.max, example: 24 })
  @Omittable() @IsInt() @Min(TERM_MONTHS.min) @Max(TERM_MONTHS.max)
  termMonths?: number;
}

/** Terms as stored and compared: plain data, the same shape as the DTO. */
export type Terms = {
  pieceRates: Array<Omit<PieceRateDto, never>>;
  commission?: { maxBasisPoints: number };
  restSchedule?: Omit<RestScheduleDto, never>;
  laborQuota: { standardTasksPerHour: number };
  clauses?: Array<{ topic: string; text: string; commitment?: { responsible: 'enterprise' | 'union'; dueInDays: number } }>;
  termMonths?: number;
};
