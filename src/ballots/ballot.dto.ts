import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BALLOT_BODIES, BallotBody } from './ballot-rules';
import { BallotView } from './ballot-box.service';

export class CastBallotAnswerDto {
  @ApiProperty({ pattern: '^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$', example: '7KQ4-M2XD-9TFA-HW3P', description: 'A random code shown only to the voter, stored nowhere; after the close its SHA-256 is in receipts' })
  receipt!: string;
}

export class BallotMineDto {
  @ApiProperty({ description: 'The caller is on the roll fixed at opening' })
  onRoll!: boolean;
  @ApiProperty({ description: 'The caller has voted (never how)' })
  voted!: boolean;
}

export class BallotResultDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The roll' })
  eligible!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Ballots cast' })
  present!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  inFavour!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  against!: number;
  @ApiProperty({ type: 'integer', minimum: 0 })
  abstained!: number;
  @ApiProperty({ description: 'Art. 36: two thirds took part and half of all on the roll voted for' })
  ratified!: boolean;
}

export class BallotViewDto implements BallotView {
  @ApiProperty({ enum: BALLOT_BODIES })
  body!: BallotBody;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'The size of the roll, fixed at opening' })
  eligible!: number;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Ballots cast so far (turnout; never a count of choices while open)' })
  cast!: number;
  @ApiProperty({ format: 'date', description: 'The last day of voting' })
  closesOn!: string;
  @ApiProperty({ description: 'Ballots are accepted now' })
  open!: boolean;
  @ApiProperty({ type: BallotMineDto })
  mine!: BallotMineDto;
  @ApiPropertyOptional({ type: BallotResultDto, description: 'After the close only' })
  result?: BallotResultDto;
  @ApiPropertyOptional({ type: [String], description: 'After the close only: the SHA-256 (hex) of every counted receipt, sorted' })
  receipts?: string[];
  @ApiPropertyOptional({ pattern: '^[0-9a-f]{64}$', description: 'After the close only: SHA-256 of the sorted receipt hashes, each followed by a newline (on the chain)' })
  receiptsSha256?: string;
}
