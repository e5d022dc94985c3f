import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser, Roles } from '../accounts/auth.decorators';
import { ComplaintsService } from './complaints.service';
import { ComplaintAnswerDto, ComplaintDto, EscalationDto } from './dto/ledger.dto';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('api')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  /** A worker the agreement covers complains; the enterprise's answer is due within `complaintAnswer`. */
  @Roles('worker')
  @Post('agreements/:id/complaints')
  file(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ComplaintDto) {
    return this.complaints.file(user, id, dto);
  }

  /** Its representatives and the bureau: the worker is named only where they chose to be. */
  @Get('agreements/:id/complaints')
  forAgreement(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.complaints.forAgreement(user, id);
  }

  @Roles('worker')
  @Get('me/complaints')
  mine(@CurrentUser() user: AuthUser) {
    return this.complaints.mine(user);
  }

  @Post('complaints/:id/answer')
  @HttpCode(200)
  answer(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ComplaintAnswerDto) {
    return this.complaints.answer(user, id, dto);
  }

  @Roles('worker')
  @Post('complaints/:id/accept')
  @HttpCode(200)
  accept(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.complaints.accept(user, id);
  }

  @Roles('worker')
  @Post('complaints/:id/escalate')
  @HttpCode(200)
  escalate(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EscalationDto) {
    return this.complaints.escalate(user, id, dto);
  }

  /** The union takes an escalated complaint to the labour bureau. */
  @Post('complaints/:id/refer')
  @HttpCode(200)
  refer(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.complaints.refer(user, id);
  }
}
