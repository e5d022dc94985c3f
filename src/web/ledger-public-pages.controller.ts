import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { BoardService } from '../ledger/board.service';
import { label } from './i18n';
import { Pages } from './pages';
import { WebDirectory } from './web-directory';
import { WebPages } from './web-pages.decorator';
import { WebRequest } from './web-session';

const SLUG = /^[a-z][a-z0-9_]{1,63}$/;

/** 红黑榜: public, like the agreements it is drawn from. */
@WebPages()
@Controller()
export class LedgerPublicPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly boards: BoardService,
    private readonly directory: WebDirectory,
  ) {}

  @Get('board')
  async board(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query() query: Record<string, string>) {
    const lang = this.pages.lang(request, reply);
    const filter = {
      region: /^\d{6}$/.test(query.region ?? '') ? query.region : undefined,
      industry: SLUG.test(query.industry ?? '') ? query.industry : undefined,
    };
    const [board, choices] = await Promise.all([this.boards.board(filter), this.directory.filterChoices()]);
    const t = this.pages.t(request);
    return this.pages.render(request, reply, 'board', {
      title: t('board.title'),
      filter,
      choices: { regions: choices.regions, industries: choices.industries.map((code) => ({ code, name: label('industry', code, lang) })) },
      red: board.red.map((r) => ({ name: r.name, line: t('board.met', r) })),
      black: board.black.map((b) => ({ name: b.name, line: t('board.overdue', b) })),
    });
  }
}
