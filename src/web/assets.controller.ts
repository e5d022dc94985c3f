import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../accounts/auth.decorators';
import { Stylesheet } from './stylesheet';

/** The pages' one stylesheet (no fonts, no CDN: a cheap phone on mobile data loads nothing else). */
@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  constructor(private readonly stylesheet: Stylesheet) {}

  @Get('site.css')
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=31536000, immutable')
  css(): string {
    return this.stylesheet.css;
  }
}
