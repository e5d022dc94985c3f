import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiList } from '../common/openapi';
import { ComplaintFiledDto, ComplaintViewDto, OwnComplaintViewDto } from './dto/ledger-views.dto';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser, Roles } from '../accounts/auth.decorators';
import { ComplaintsService } from './complaints.service';
import { ComplaintAnswerDto, ComplaintDto, EscalationDto, ReferralDto } from './dto/ledger.dto';
import { IdOf } from '../common/id.pipe';
import { NoBody } from '../common/no-body.pipe';

@ApiTags('ledger')
@ApiBearerAuth()
@Controller('api')
export class ComplaintsController {
  constructor(private readonly complaints: ComplaintsService) {}

  /** A worker the agreement covers complains; the enterprise's answer is due within `complaintAnswer`. */
  @Roles('worker')
  @Post('agreements/:id/complaints')
  @ApiOperation({ summary: 'File a complaint (申诉)', description: 'A worker the agreement covers; the enterprise must answer within complaintAnswer (rule pack, 7 days).' })
  @ApiCreatedResponse({ type: ComplaintFiledDto, description: 'Filed, with its answer deadline' })
  @ApiErrors({ 403: 'Not a worker the agreement covers', 404: 'No such published agreement', 422: 'No such clause (COMPLAINT.NO_SUCH_CLAUSE)' })
  file(@CurrentUser() user: AuthUser, @Param('id', new IdOf('agreement')) id: string, @Body() dto: ComplaintDto) {
    return this.complaints.file(user, id, dto);
  }

  /** Its representatives and the bureau: the worker is named only where they chose to be. */
  @Get('agreements/:id/complaints')
  @ApiOperation({ summary: "An agreement's complaints", description: 'Its representatives and the bureau; the worker is named only where they shared it.' })
  @ApiList(ComplaintViewDto, 'Newest first')
  @ApiErrors({ 403: "Not one of the agreement's representatives or the bureau", 404: 'No such published agreement' })
  forAgreement(@CurrentUser() user: AuthUser, @Param('id', new IdOf('agreement')) id: string) {
    return this.complaints.forAgreement(user, id);
  }

  @Roles('worker')
  @Get('me/complaints')
  @ApiOperation({ summary: 'My complaints', description: "The caller's own, newest first." })
  @ApiList(OwnComplaintViewDto, 'Newest first')
  @ApiErrors({ 403: 'Not a worker' })
  mine(@CurrentUser() user: AuthUser) {
    return this.complaints.mine(user);
  }

  @Post('complaints/:id/answer')
  @ApiOperation({ summary: 'Answer a complaint', description: 'The enterprise, once.' })
  @ApiOkResponse({ type: ComplaintViewDto, description: 'The complaint, answered' })
  @ApiErrors({ 403: 'Not the enterprise side', 404: 'No such complaint', 409: 'Answered already (COMPLAINT.ALREADY_ANSWERED), or taken to the union unanswered (COMPLAINT.NOT_OPEN)' })
  @HttpCode(200)
  answer(@CurrentUser() user: AuthUser, @Param('id', new IdOf('complaint')) id: string, @Body() dto: ComplaintAnswerDto) {
    return this.complaints.answer(user, id, dto);
  }

  @Roles('worker')
  @Post('complaints/:id/accept')
  @ApiOperation({ summary: 'Accept the answer', description: 'The worker who complained; closes it.' })
  @ApiOkResponse({ type: OwnComplaintViewDto, description: 'The complaint, closed' })
  @ApiErrors({ 404: 'No such complaint of yours', 409: 'Not answered' })
  @HttpCode(200)
  accept(@CurrentUser() user: AuthUser, @Param('id', new IdOf('complaint')) id: string, @Body(NoBody) _: undefined) {
    return this.complaints.accept(user, id);
  }

  @Roles('worker')
  @Post('complaints/:id/escalate')
  @ApiOperation({ summary: 'Take it to the union', description: 'The worker who complained: after the answer, or once the answer is overdue.' })
  @ApiOkResponse({ type: OwnComplaintViewDto, description: 'The complaint, with the union' })
  @ApiErrors({ 404: 'No such complaint of yours', 409: 'Neither answered nor overdue' })
  @HttpCode(200)
  escalate(@CurrentUser() user: AuthUser, @Param('id', new IdOf('complaint')) id: string, @Body() dto: EscalationDto) {
    return this.complaints.escalate(user, id, dto);
  }

  /** The union takes an escalated complaint to the labour bureau. */
  @Post('complaints/:id/refer')
  @ApiOperation({ summary: 'Refer to the labour bureau', description: 'The union, for an escalated complaint.' })
  @ApiOkResponse({ type: ComplaintViewDto, description: 'The complaint, with the bureau' })
  @ApiErrors({ 403: 'Not the union side', 404: 'No such complaint', 409: 'Not escalated' })
  @HttpCode(200)
  refer(@CurrentUser() user: AuthUser, @Param('id', new IdOf('complaint')) id: string, @Body() dto: ReferralDto) {
    return this.complaints.refer(user, id, dto);
  }
}
