import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { Public } from '../accounts/auth.decorators';
import { Stylesheet } from './stylesheet';
import { webAssetPath } from './web-paths';

/** Two arrows meeting: drawn, not lettered, so it needs no font. */
const FAVICON = readFileSync(webAssetPath('public/favicon.svg'), 'utf8');

/** The pages' one stylesheet and their icon (no fonts, no CDN: a cheap phone on mobile data loads nothing else). */
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

  @Get('favicon.svg')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'public, max-age=86400')
  favicon(): string {
    return FAVICON;
  }
}
