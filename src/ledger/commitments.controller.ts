import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { BoardDto, CommitmentViewDto } from './dto/ledger-views.dto';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser, Public } from '../accounts/auth.decorators';
import { BoardService } from './board.service';
import { CommitmentsService } from './commitments.service';
import { BoardQueryDto, ProgressReportDto, VerificationDto } from './dto/ledger.dto';
import { IdOf } from '../common/id.pipe';

@ApiTags('ledger')
@Controller('api')
export class CommitmentsController {
  constructor(
    private readonly commitments: CommitmentsService,
    private readonly boards: BoardService,
  ) {}

  /** The agreement's commitments with their progress: public, like the agreement. */
  @Public()
  @Get('agreements/:id/commitments')
  @ApiOperation({ summary: "An agreement's commitments", description: 'The implementation ledger (落实台账): each commitment with its status, progress, reports and verification; public.' })
  @ApiOkResponse({ type: [CommitmentViewDto], description: 'By clause' })
  @ApiErrors({ 404: 'No such published agreement' })
  list(@Param('id', new IdOf('agreement')) id: string) {
    return this.commitments.list(id);
  }

  /** The responsible side's representatives report progress (0–100) with a text. */
  @ApiBearerAuth()
  @Post('commitments/:id/reports')
  @ApiOperation({ summary: 'Report progress on a commitment', description: "The responsible side's representatives; on the negotiation's audit chain." })
  @ApiCreatedResponse({ type: CommitmentViewDto, description: 'The commitment after the report' })
  @ApiErrors({ 403: "Not a representative of the responsible side", 404: 'No such commitment', 409: 'The commitment is done' })
  report(@CurrentUser() user: AuthUser, @Param('id', new IdOf('commitment')) id: string, @Body() dto: ProgressReportDto) {
    return this.commitments.report(user, id, dto);
  }

  /** The other side's chief confirms or disputes the latest report. */
  @ApiBearerAuth()
  @Post('commitments/:id/verification')
  @ApiOperation({ summary: 'Confirm or dispute the latest report', description: "The other side's chief; done needs 100 % and a confirmation." })
  @ApiCreatedResponse({ type: CommitmentViewDto, description: 'The commitment after the verdict' })
  @ApiErrors({ 403: "Not the other side's chief", 404: 'No such commitment', 409: 'Nothing reported yet, the latest report verified already, or done' })
  verify(@CurrentUser() user: AuthUser, @Param('id', new IdOf('commitment')) id: string, @Body() dto: VerificationDto) {
    return this.commitments.verify(user, id, dto);
  }

  /** 红黑榜: organisations with every commitment met on time (red), and with any overdue (black). */
  @Public()
  @Get('board')
  @ApiOperation({ summary: 'The red and black board (红黑榜)', description: 'Per responsible organisation: every commitment met on time (red), any overdue (black); public.' })
  @ApiOkResponse({ type: BoardDto, description: 'Both boards' })
  @ApiErrors({ 400: true })
  board(@Query() query: BoardQueryDto) {
    return this.boards.board(query);
  }
}
