import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { BALLOT_CHOICES, BallotChoice } from '../ballot-rules';

export class CastBallotDto {
  @ApiProperty({ enum: BALLOT_CHOICES })
  @IsIn(BALLOT_CHOICES)
  choice!: BallotChoice;
}
