/**
 * A small structural check of our pages' HTML, standing in for a full validator (none is
 * installed): the document skeleton, every non-void element closed in order, no duplicate
 * ids, no raw `<script`, no address on another host.
 */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Elements whose end tag HTML lets us leave out; our templates close them anyway, so they are checked too. */
const SVG_SELF_CLOSING = /\/>$/;

export function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  if (!html.startsWith('<!DOCTYPE html>')) problems.push('no <!DOCTYPE html> first');
  if (!/<html lang="(zh-CN|en)">/.test(html)) problems.push('no <html lang>');
  if (!/<meta charset="utf-8">/.test(html)) problems.push('no <meta charset="utf-8">');
  if (!/<meta name="viewport" content="width=device-width, initial-scale=1">/.test(html)) problems.push('no viewport meta');
  if (!/<title>[^<]+<\/title>/.test(html)) problems.push('no <title>');
  if (/<script/i.test(html)) problems.push('raw <script> in the page');
  if (/(src|href|action)="(https?:)?\/\//i.test(html)) problems.push('an address on another host');
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  for (const id of ids.filter((id, i) => ids.indexOf(id) !== i)) problems.push(`duplicate id "${id}"`);
  const stack: string[] = [];
  const body = html.replace(/<!DOCTYPE html>/, '').replace(/<!--[\s\S]*?-->/g, '');
  for (const match of body.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*(\/?)>/g)) {
    const [tag, closing, rawName, , selfClosing] = match;
    const name = rawName.toLowerCase();
    if (VOID.has(name) || (selfClosing && SVG_SELF_CLOSING.test(tag))) continue;
    if (!closing) stack.push(name);
    else if (stack.at(-1) === name) stack.pop();
    else problems.push(`</${name}> closes <${stack.at(-1) ?? 'nothing'}>`);
  }
  if (stack.length) problems.push(`unclosed: ${stack.join(' > ')}`);
  const stray = body.replace(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'>/=]+(?:="[^"]*")?)*)\s*(\/?)>/g, '');
  if (/[<>]/.test(stray)) problems.push(`unescaped < or > in text near "${stray.slice(Math.max(0, stray.search(/[<>]/) - 30), stray.search(/[<>]/) + 30)}"`);
  return problems;
}

export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/** The text of <main>, tags dropped, for assertions on what a reader sees. */
export function mainText(html: string): string {
  const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';
  return main
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
