import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/**
 * What is bargained (DESIGN §3). Money is integer fen, ratios basis points, time minutes.
 * Bounds here are the ones no real term can break (400); the minimum-wage floor depends on
 * the region and is checked in terms-rules.ts (422).
 */
export const MINUTES_PER_DAY = 1440;
export const BASIS_POINTS_WHOLE = 10_000;
/** 劳动合同法 art. 38 / 集体合同规定 art. 38: a collective contract runs 1–3 years. */
export const TERM_MONTHS = { min: 12, max: 36 } as const;

export class PieceRateDto {
  /** The task paid per piece (计件单价), e.g. `delivery`. */
  @IsString() @MinLength(1) @MaxLength(64)
  task!: string;

  @ApiProperty({ description: 'Base pay per task, fen' })
  @IsInt() @Min(0)
  baseFen!: number;

  @IsOptional() @IsInt() @Min(0)
  perKmFen?: number;

  @IsOptional() @IsInt() @Min(0) @Max(1000)
  kmIncluded?: number;

  @IsOptional() @IsInt() @Min(0)
  nightSurchargeFen?: number;

  @IsOptional() @IsInt() @Min(0)
  badWeatherSurchargeFen?: number;
}

export class CommissionDto {
  /** The platform's take (抽成比例) cap, basis points (1500 = 15%). */
  @IsInt() @Min(0) @Max(BASIS_POINTS_WHOLE)
  maxBasisPoints!: number;
}

export class RestScheduleDto {
  @IsOptional() @IsInt() @Min(1) @Max(MINUTES_PER_DAY)
  maxContinuousMinutes?: number;

  @IsOptional() @IsInt() @Min(0) @Max(MINUTES_PER_DAY)
  minBreakMinutes?: number;

  @IsOptional() @IsInt() @Min(1) @Max(MINUTES_PER_DAY)
  maxDailyMinutes?: number;

  @IsOptional() @IsInt() @Min(0) @Max(31)
  restDaysPerMonth?: number;

  /** Pay on statutory holidays as a percentage of normal pay; must exceed 100. */
  @IsOptional() @IsInt() @Min(101) @Max(1000)
  holidayPayPercent?: number;
}

export class LaborQuotaDto {
  /** 劳动定员定额: tasks a worker is expected to complete per hour. */
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

export class ClauseDto {
  @IsIn(CLAUSE_TOPICS)
  topic!: (typeof CLAUSE_TOPICS)[number];

  @IsString() @MinLength(1) @MaxLength(4000)
  text!: string;
}

export class TermsDto {
  @ApiProperty({ type: [PieceRateDto] })
  @ValidateNested({ each: true }) @Type(() => PieceRateDto) @ArrayMinSize(1) @ArrayMaxSize(20)
  pieceRates!: PieceRateDto[];

  @ApiPropertyOptional({ type: CommissionDto })
  @IsOptional() @ValidateNested() @Type(() => CommissionDto)
  commission?: CommissionDto;

  @ApiPropertyOptional({ type: RestScheduleDto })
  @IsOptional() @ValidateNested() @Type(() => RestScheduleDto)
  restSchedule?: RestScheduleDto;

  @ApiProperty({ type: LaborQuotaDto })
  @ValidateNested() @Type(() => LaborQuotaDto)
  laborQuota!: LaborQuotaDto;

  @ApiPropertyOptional({ type: [ClauseDto] })
  @IsOptional() @ValidateNested({ each: true }) @Type(() => ClauseDto) @ArrayMaxSize(50)
  clauses?: ClauseDto[];

  /** Required for a collective contract (1–3 years); a rule change may leave it out. */
  @IsOptional() @IsInt() @Min(TERM_MONTHS.min) @Max(TERM_MONTHS.max)
  termMonths?: number;
}

/** Terms as stored and compared: plain data, the same shape as the DTO. */
export type Terms = {
  pieceRates: Array<Omit<PieceRateDto, never>>;
  commission?: { maxBasisPoints: number };
  restSchedule?: Omit<RestScheduleDto, never>;
  laborQuota: { standardTasksPerHour: number };
  clauses?: Array<{ topic: string; text: string }>;
  termMonths?: number;
};
