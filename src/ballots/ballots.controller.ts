import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser } from '../accounts/auth.decorators';
import { ApiErrors } from '../common/openapi';
import { BallotBoxService } from './ballot-box.service';
import { BallotViewDto, CastBallotAnswerDto } from './ballot.dto';
import { CastBallotDto } from './dto/cast-ballot.dto';
import { IdOf } from '../common/id.pipe';
import { WithoutIdempotencyKeys } from '../idempotency/idempotency.interceptor';
import { UnnamedInLog } from '../common/logging';

const NOT_READABLE = 'No such negotiation, or the caller is not party to it nor a worker its ballot covers';

@ApiTags('ballots')
@Controller('api/negotiations/:id/ballot')
export class BallotsController {
  constructor(private readonly box: BallotBoxService) {}

  @Post()
  @UnnamedInLog()
  @ApiOperation({
    summary: 'Cast a ballot (a worker on the roll, once)',
    description:
      'The receipt is in this answer only. Who voted and how are stored apart; nobody sees a running count of choices. Idempotency-Key is ignored here: its row would tie the voter to the choice; a repeat is 409 BALLOT.ALREADY_VOTED.',
  })
  @ApiCreatedResponse({ type: CastBallotAnswerDto, description: 'Counted' })
  @ApiErrors({
    403: 'Not on the roll fixed at opening, a worker the scope does not cover included (BALLOT.NOT_ON_ROLL)',
    404: NOT_READABLE,
    409: 'Already voted (BALLOT.ALREADY_VOTED), the ballot has closed (BALLOT.CLOSED), none is open (BALLOT.NOT_OPEN), or every place on the roll is used (BALLOT.ROLL_COMPLETE)',
  })
  @WithoutIdempotencyKeys()
  cast(@CurrentUser() user: AuthUser, @Param('id', new IdOf('negotiation')) id: string, @Body() body: CastBallotDto) {
    return this.box.cast(user, id, body.choice);
  }

  @Get()
  @ApiOperation({
    summary: "The negotiation's latest ballot",
    description: "Turnout while open; after the close the result and every receipt's hash. For its representatives, the bureau and covered workers.",
  })
  @ApiOkResponse({ type: BallotViewDto, description: 'The ballot as the caller may see it' })
  @ApiErrors({ 403: 'An administrator (BALLOT.NOT_YOURS_TO_SEE)', 404: `${NOT_READABLE}; or no ballot was ever opened (BALLOT.NOT_FOUND)` })
  view(@CurrentUser() user: AuthUser, @Param('id', new IdOf('negotiation')) id: string) {
    return this.box.view(user, id);
  }
}
