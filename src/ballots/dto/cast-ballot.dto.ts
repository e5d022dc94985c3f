import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { BALLOT_CHOICES, BallotChoice } from '../ballot-rules';

export class CastBallotDto {
  @ApiProperty({ enum: BALLOT_CHOICES, description: 'for, against, or abstain (an abstention takes part: it counts towards the two thirds, not towards the half)' })
  @IsIn(BALLOT_CHOICES)
  choice!: BallotChoice;
}
