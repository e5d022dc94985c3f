import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { FULL_PROGRESS } from '../commitment-rules';

export class ProgressReportDto {
  @ApiProperty({ minimum: 0, maximum: FULL_PROGRESS, description: 'Percent done' })
  @IsInt() @Min(0) @Max(FULL_PROGRESS)
  progress!: number;

  @IsString() @MinLength(1) @MaxLength(4000)
  text!: string;
}

export class VerificationDto {
  @IsIn(['confirmed', 'disputed'])
  verdict!: 'confirmed' | 'disputed';

  @IsString() @MinLength(1) @MaxLength(4000)
  note!: string;
}

export class ComplaintDto {
  /** Which clause of the agreement it is about (0-based), if any. */
  @IsOptional() @IsInt() @Min(0) @Max(49)
  clauseIndex?: number;

  @IsString() @MinLength(1) @MaxLength(4000)
  text!: string;

  /** The platform's order number the complaint is about. */
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  orderId?: string;

  /** Show the union and the enterprise who complains (default: they see the text only). */
  @IsOptional() @IsBoolean()
  shareIdentity?: boolean;
}

export class ComplaintAnswerDto {
  @IsString() @MinLength(1) @MaxLength(4000)
  text!: string;
}

export class EscalationDto {
  @IsString() @MinLength(1) @MaxLength(2000)
  reason!: string;
}

export class SurveyQuestionDto {
  @IsString() @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  id!: string;

  @IsIn(['scale', 'text'])
  kind!: 'scale' | 'text';

  @IsString() @MinLength(1) @MaxLength(500)
  text!: string;
}

export class SurveyDto {
  @IsString() @MinLength(1) @MaxLength(300)
  title!: string;

  @ApiProperty({ type: [SurveyQuestionDto] })
  @ValidateNested({ each: true }) @Type(() => SurveyQuestionDto) @ArrayMinSize(1) @ArrayMaxSize(30)
  questions!: SurveyQuestionDto[];

  @ApiProperty({ example: '2027-06-30', description: 'The last day answers are taken' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  closesOn!: string;
}

export class SurveyResponseDto {
  @ApiProperty({ example: { pay: 4, say: '希望继续提高雨天补贴' }, description: 'Question id → 1–5 (scale) or text' })
  @IsObject()
  answers!: Record<string, unknown>;
}

export class BoardQueryDto {
  @IsOptional() @Matches(/^\d{6}$/, { message: 'region must be a six-digit GB/T 2260 code' })
  region?: string;

  @IsOptional() @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  industry?: string;
}

export class AnnualReportQueryDto {
  @ApiProperty({ example: 2027 })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2200)
  year!: number;

  @ApiPropertyOptional({ example: '420300' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'region must be a six-digit GB/T 2260 code' })
  region?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional() @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
