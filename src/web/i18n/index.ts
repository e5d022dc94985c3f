import { en } from './en';
import { Lang } from './labels';
import { MessageKey, zh } from './zh';

export { label } from './labels';
export type { Lang, LabelGroup } from './labels';
export type { MessageKey } from './zh';

/** The value of <html lang>. */
export const HTML_LANG: Record<Lang, string> = { zh: 'zh-CN', en: 'en' };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** Whether the pages have words for this key (both languages have the same keys). */
export const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(zh, key);

/** The colon after a label: full-width in Chinese. */
export function colon(lang: Lang): string {
  return lang === 'zh' ? '：' : ': ';
}

export function translator(lang: Lang): Translate {
  const words = lang === 'en' ? en : zh;
  return (key, params = {}) => words[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/**
 * The page language: an explicit choice (`?lang=`, remembered in a cookie) wins; otherwise
 * the browser's Accept-Language, by quality; otherwise Chinese.
 */
export function chooseLang(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  for (const explicit of [query, cookie]) if (explicit === 'zh' || explicit === 'en') return explicit;
  const preferences = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q), index };
    })
    .filter((p) => p.tag && p.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of preferences) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'zh';
}
