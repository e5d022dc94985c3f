/**
 * Reading what comes in by address or form: the pages never answer a stray parameter with a
 * 400, they fall back to the default.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string | undefined): value is string {
  return typeof value === 'string' && UUID.test(value);
}

export function pageNumber(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export interface Pager {
  page: number;
  pages: number;
  previous: string | null;
  next: string | null;
}

/** Previous/next links that keep the other query parameters. */
export function pager(path: string, params: Record<string, string | undefined>, page: number, total: number, pageSize: number): Pager {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
    if (p > 1) query.set('page', String(p));
    const search = query.toString();
    return search ? `${path}?${search}` : path;
  };
  return { page, pages, previous: page > 1 ? href(page - 1) : null, next: page < pages ? href(page + 1) : null };
}

/**
 * Where to go after logging in: only a path on this site. "//evil.example" and "/\evil" are
 * addresses elsewhere to a browser, so they fall back too.
 */
export function localPath(value: string | undefined, fallback: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || /[\\\s]/.test(value)) return fallback;
  return value;
}

/** A form field as one trimmed string (a repeated field keeps its first value). */
export function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** A repeated form field (checkboxes) as a list. */
export function fields(form: Record<string, unknown>, name: string): string[] {
  const value = form[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
}
