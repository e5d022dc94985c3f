import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../accounts/auth-user';
import { CurrentUser, Public } from '../accounts/auth.decorators';
import { BoardService } from './board.service';
import { CommitmentsService } from './commitments.service';
import { BoardQueryDto, ProgressReportDto, VerificationDto } from './dto/ledger.dto';

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
  list(@Param('id', ParseUUIDPipe) id: string) {
    return this.commitments.list(id);
  }

  /** The responsible side's representatives report progress (0–100) with a text. */
  @ApiBearerAuth()
  @Post('commitments/:id/reports')
  report(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ProgressReportDto) {
    return this.commitments.report(user, id, dto);
  }

  /** The other side's chief confirms or disputes the latest report. */
  @ApiBearerAuth()
  @Post('commitments/:id/verification')
  verify(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: VerificationDto) {
    return this.commitments.verify(user, id, dto);
  }

  /** 红黑榜: organisations with every commitment met on time (red), and with any overdue (black). */
  @Public()
  @Get('board')
  board(@Query() query: BoardQueryDto) {
    return this.boards.board(query);
  }
}
