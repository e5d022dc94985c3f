import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser } from '../accounts/auth.decorators';
import { BallotBoxService } from './ballot-box.service';
import { CastBallotDto } from './dto/cast-ballot.dto';

@ApiTags('ballots')
@ApiBearerAuth()
@Controller('api/negotiations/:id/ballot')
export class BallotsController {
  constructor(private readonly box: BallotBoxService) {}

  /** A worker on the roll votes, once; the receipt is shown only in this answer. */
  @Post()
  @ApiCreatedResponse({ description: '{ "receipt": "7KQ4-M2XD-9TFA-HW3P" }: a random code only the voter sees' })
  cast(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() body: CastBallotDto) {
    return this.box.cast(user, id, body.choice);
  }

  /** Turnout while open; after the close the result and the hash of every receipt. */
  @Get()
  @ApiOkResponse({ description: '{ body, eligible, cast, closesOn, open, mine: { onRoll, voted } } and, once closed, result and receipts' })
  view(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.box.view(user, id);
  }
}
