import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min, ValidateNested } from 'class-validator';
import { RejectedRowDto } from '../accounts/accounts.dto';
import { TermsDto } from '../terms/terms';
import { CostingLine, SampleUpload } from './costing.service';
import { SAMPLE_COLUMNS, SAMPLE_KINDS, SampleKind } from './sample-reader';

/** The request and answer shapes of the costing routes (API.md "Costing offers"). */
export class SampleQuery {
  @ApiProperty({ enum: SAMPLE_KINDS, description: `orders (${SAMPLE_COLUMNS.orders.join(', ')}) or online_time (${SAMPLE_COLUMNS.online_time.join(', ')})` })
  @IsIn(SAMPLE_KINDS)
  kind!: SampleKind;
}

export class CostingQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: "Cost this round's offer (beside the current rules) instead of each side's latest" })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  round?: number;
}

export class CurrentTermsDto {
  @ApiProperty({ type: TermsDto, description: 'The rules riders are paid by today, in the terms schema (shape only: the current rules may be below the minimum wage — that is what a costing shows)' })
  @ValidateNested() @Type(() => TermsDto)
  terms!: TermsDto;
}

export class CurrentTermsSetDto {
  @ApiProperty({ type: TermsDto, description: 'The rules as declared' })
  terms!: TermsDto;
  @ApiProperty({ format: 'date-time', description: 'When they were declared' })
  declaredAt!: string;
}

export class SampleUploadDto implements SampleUpload {
  @ApiProperty({ format: 'uuid', description: 'The sample' })
  sampleId!: string;
  @ApiProperty({ enum: SAMPLE_KINDS, description: 'Which sample' })
  kind!: SampleKind;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Good rows folded in' })
  rows!: number;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Rider-days the rows fold into' })
  riderDays!: number;
  @ApiProperty({ type: [RejectedRowDto], description: 'Rows not taken, with why (the first 1 000)' })
  rejected!: RejectedRowDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'All rows not taken' })
  rejectedCount!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the bytes received, as on the chain' })
  sha256!: string;
}

export class HourlyFenDto {
  @ApiProperty({ type: 'integer', description: '10th percentile of rider-hours, fen per online hour' })
  p10!: number;
  @ApiProperty({ type: 'integer', description: 'Median, fen per online hour' })
  p50!: number;
  @ApiProperty({ type: 'integer', description: '90th percentile, fen per online hour' })
  p90!: number;
  @ApiProperty({ type: 'integer', description: 'Total pay ÷ total online hours, fen' })
  mean!: number;
}

export class CostingLineDto implements CostingLine {
  @ApiProperty({ enum: ['current', 'union', 'enterprise'], description: 'The current rules, or a side\'s offer' })
  label!: 'current' | 'union' | 'enterprise';
  @ApiProperty({ type: 'integer', nullable: true, description: 'The offer\'s round; null for the current rules' })
  round!: number | null;
  @ApiProperty({ type: 'integer', description: 'Riders in the sample' })
  riders!: number;
  @ApiProperty({ description: 'Online hours in the sample' })
  riderHours!: number;
  @ApiProperty({ type: HourlyFenDto, description: 'Pay per online hour, weighted by rider-hours' })
  hourlyFen!: HourlyFenDto;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 10_000, description: "Share of rider-hours paid below the region's hourly minimum wage, basis points (7825 = 78.25 %)" })
  belowMinimumWageShare!: number;
  @ApiProperty({ type: 'integer', description: 'What the platform pays over the sample, fen' })
  platformCostFen!: number;
  @ApiProperty({ nullable: true, description: 'Change of the platform cost against the current rules, percent (null without current rules)' })
  deltaPercentVsCurrent!: number | null;
}

export class SampleSummaryDto {
  @ApiProperty({ format: 'uuid', description: 'The sample' })
  sampleId!: string;
  @ApiProperty({ type: 'integer', description: 'Good rows' })
  rows!: number;
  @ApiProperty({ type: 'integer', description: 'Rider-days' })
  riderDays!: number;
  @ApiProperty({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file' })
  sha256!: string;
  @ApiProperty({ format: 'date-time', description: 'When it was handed over' })
  uploadedAt!: string;
}

export class CostingSamplesDto {
  @ApiProperty({ type: SampleSummaryDto, nullable: true, description: 'The latest order sample' })
  orders!: SampleSummaryDto | null;
  @ApiProperty({ type: SampleSummaryDto, nullable: true, description: 'The latest online-time sample' })
  onlineTime!: SampleSummaryDto | null;
}

export class CostingDto {
  @ApiProperty({ type: [CostingLineDto], description: 'The current rules and each side\'s latest offer (or the round asked for); empty until both samples are in' })
  items!: CostingLineDto[];
  @ApiProperty({ type: 'integer', description: 'How many items' })
  total!: number;
  @ApiProperty({ type: CostingSamplesDto, description: 'The samples costed against' })
  samples!: CostingSamplesDto;
  @ApiProperty({ type: 'integer', nullable: true, description: "The region's hourly minimum wage, fen (fixtures/minimum-wage.json)" })
  hourlyMinimumFen!: number | null;
}
