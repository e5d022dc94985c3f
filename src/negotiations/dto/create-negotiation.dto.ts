import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { TermsDto } from '../../terms/terms';
import { NEGOTIATION_KINDS, NegotiationKind } from '../negotiation.types';

export class ScopeDto {
  @IsString() @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'industry must be a lower-case code such as food_delivery' })
  industry!: string;

  /** GB/T 2260 code; 420300 covers every 4203xx district. */
  @Matches(/^\d{6}$/, { message: 'region must be a six-digit GB/T 2260 code' })
  region!: string;

  /** Empty: every enterprise of the industry in the region. */
  @IsArray() @ArrayUnique() @ArrayMaxSize(200) @IsUUID('all', { each: true })
  enterpriseIds!: string[];

  @IsArray() @ArrayUnique() @ArrayMaxSize(50)
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { each: true, message: 'each workerCategories entry must be a code such as delivery_rider' })
  workerCategories!: string[];
}

/** One side's seats: a chief and the other members (≥ 3 seats in all). */
export class RepresentativesDto {
  @IsUUID('all')
  chief!: string;

  @IsArray() @ArrayUnique() @ArrayMaxSize(30) @IsUUID('all', { each: true })
  members!: string[];
}

export class CreateNegotiationDto {
  @ApiProperty({ enum: NEGOTIATION_KINDS })
  @IsIn(NEGOTIATION_KINDS)
  kind!: NegotiationKind;

  @IsString() @MinLength(2) @MaxLength(300)
  title!: string;

  @ValidateNested() @Type(() => ScopeDto)
  scope!: ScopeDto;

  /** The creating side's representatives. */
  @ValidateNested() @Type(() => RepresentativesDto)
  representatives!: RepresentativesDto;

  /** The opening proposal (collective contract) or the proposed rule (rule change). */
  @ValidateNested() @Type(() => TermsDto)
  proposal!: TermsDto;

  /**
   * The other party's organisation. Defaults: the scope's only enterprise (collective contract),
   * or the industry union whose region contains the scope's (rule change).
   */
  @ApiPropertyOptional()
  @IsOptional() @IsUUID('all')
  counterpartyId?: string;
}
