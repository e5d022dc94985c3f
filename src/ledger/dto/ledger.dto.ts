import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsISO8601,
  IsBoolean,
  IsIn,
  IsNotIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { FULL_PROGRESS } from '../commitment-rules';
import { Text } from '../../common/text';

export class ProgressReportDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: FULL_PROGRESS, description: 'Percent done; 100 with a confirmation makes it done' })
  @IsInt() @Min(0) @Max(FULL_PROGRESS)
  progress!: number;

  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'What was done' })
  @Text(1, 4000)
  text!: string;
}

export class VerificationDto {
  @ApiProperty({ enum: ['confirmed', 'disputed'], description: "The other side's verdict on the latest report" })
  @IsIn(['confirmed', 'disputed'])
  verdict!: 'confirmed' | 'disputed';

  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'What was checked, or what is disputed' })
  @Text(1, 4000)
  note!: string;
}

export class ComplaintDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 49, description: 'Which clause of the agreement it is about (0-based)' })
  @IsOptional() @IsInt() @Min(0) @Max(49)
  clauseIndex?: number;

  @ApiProperty({ minLength: 1, maxLength: 4000, description: 'The complaint' })
  @Text(1, 4000)
  text!: string;

  @ApiPropertyOptional({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: "The platform's order number it is about (the platform may tell the worker from it)" })
  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  orderId?: string;

  @ApiPropertyOptional({ default: false, description: 'Show the union and the enterprise who complains; otherwise they see the text only' })
  @IsOptional() @IsBoolean()
  shareIdentity?: boolean;
}

export class ComplaintAnswerDto {
  @ApiProperty({ minLength: 1, maxLength: 4000, description: "The enterprise's answer" })
  @Text(1, 4000)
  text!: string;
}

export class EscalationDto {
  @ApiProperty({ minLength: 1, maxLength: 2000, description: 'Why the answer does not settle it' })
  @Text(1, 2000)
  reason!: string;
}

export class ReferralDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 2000, description: 'What the union asks of the bureau; on the chain with the referral' })
  @IsOptional() @Text(1, 2000)
  reason?: string;
}

/** Keys every request body loses before it is read (prototype pollution: Nest's ValidationPipe strips them). */
const PROTOTYPE_KEYS = ['constructor', 'prototype'];

export class SurveyQuestionDto {
  @ApiProperty({ pattern: '^[a-z][a-z0-9_]{0,63}$', description: 'The key answers use; not constructor or prototype (no answer could use them: every body loses those keys)', example: 'pay' })
  @IsString() @Matches(/^[a-z][a-z0-9_]{0,63}$/) @IsNotIn(PROTOTYPE_KEYS, { message: 'id may not be constructor or prototype: no answer could name it' })
  id!: string;

  @ApiProperty({ enum: ['scale', 'text'], description: 'scale: 1 (very dissatisfied) to 5 (very satisfied); text: free words' })
  @IsIn(['scale', 'text'])
  kind!: 'scale' | 'text';

  @ApiProperty({ minLength: 1, maxLength: 500, description: 'The question as asked' })
  @Text(1, 500)
  text!: string;
}

export class SurveyDto {
  @ApiProperty({ minLength: 1, maxLength: 300 })
  @Text(1, 300)
  title!: string;

  @ApiProperty({ type: [SurveyQuestionDto], minItems: 1, maxItems: 30 })
  @ValidateNested({ each: true }) @Type(() => SurveyQuestionDto) @ArrayMinSize(1) @ArrayMaxSize(30)
  questions!: SurveyQuestionDto[];

  @ApiProperty({ format: 'date', example: '2027-06-30', description: 'The last day answers are taken' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/) @IsISO8601({ strict: true }, { message: 'closesOn must be a date that exists, YYYY-MM-DD' })
  closesOn!: string;
}

export class SurveyResponseDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'integer', minimum: 1, maximum: 5 }, { type: 'string', maxLength: 2000 }] },
    example: { pay: 4, say: '希望雨天补贴再高一些' },
    description: 'Question id → 1–5 (scale) or text',
  })
  @IsObject()
  answers!: Record<string, unknown>;
}

export class BoardQueryDto {
  @ApiPropertyOptional({ pattern: '^\\d{6}$', description: 'GB/T 2260 code: what binds there and what lies inside it' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'region must be a six-digit GB/T 2260 code' })
  region?: string;

  @ApiPropertyOptional({ pattern: '^[a-z][a-z0-9_]{1,63}$', example: 'food_delivery' })
  @IsOptional() @Matches(/^[a-z][a-z0-9_]{1,63}$/)
  industry?: string;
}

export class AnnualReportQueryDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2200, example: 2027 })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2200)
  year!: number;

  @ApiPropertyOptional({ pattern: '^\\d{6}$', example: '420300', description: 'GB/T 2260 code; what lies inside it' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'region must be a six-digit GB/T 2260 code' })
  region?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional() @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}
