import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { webAssetPath } from './web-paths';

/**
 * The one stylesheet, read once at start and served without its comments and spare white
 * space (a cheap phone downloads every byte). Its address carries a digest of its content, so
 * a phone caches it for a year and still gets a new one the moment it changes.
 */
export function compactCss(css: string): string {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/;}/g, '}')
    .trim();
}

@Injectable()
export class Stylesheet {
  readonly css = compactCss(readFileSync(webAssetPath('public/site.css'), 'utf8'));
  readonly digest = createHash('sha256').update(this.css).digest('hex').slice(0, 12);
  readonly href = `/assets/site.css?v=${this.digest}`;
}
