import { Stylesheet } from './stylesheet';

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Every rule of the stylesheet as selector → declarations, with var(--x) resolved from :root. */
function rules(css: string): Array<{ selector: string; props: Map<string, string> }> {
  const parsed = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({
    selector: m[1].trim(),
    props: new Map(m[2].split(';').flatMap((d) => (d.includes(':') ? [[d.slice(0, d.indexOf(':')).trim(), d.slice(d.indexOf(':') + 1).trim()] as [string, string]] : []))),
  }));
  const root = parsed.find((r) => r.selector === ':root')!.props;
  const resolve = (value: string) => value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => root.get(name) ?? name);
  return parsed.map((r) => ({ selector: r.selector, props: new Map([...r.props].map(([k, v]) => [k, resolve(v)])) }));
}

describe('the stylesheet', () => {
  const all = rules(new Stylesheet().css);

  it('computes contrast as WCAG does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    // the green tags axe flagged at 4.42:1 (issue 8)
    expect(contrastRatio('#1e7b3c', '#dcefe2')).toBeCloseTo(4.42, 2);
  });

  it('gives every status tag text and background at least 4.5:1 (WCAG AA for small text)', () => {
    const base = all.find((r) => r.selector === '.tag')!.props;
    const tags = all.filter((r) => r.selector.split(',').some((s) => /^\.tag(\.|$)/.test(s.trim())));
    expect(tags.length).toBeGreaterThanOrEqual(3);
    const pairs = tags.map((r) => {
      const fg = r.props.get('color') ?? base.get('color')!;
      const bg = r.props.get('background') ?? base.get('background')!;
      return { selector: r.selector, fg, bg, ratio: Math.round(contrastRatio(fg, bg) * 100) / 100 };
    });
    for (const pair of pairs) expect(pair.fg).toMatch(/^#[0-9a-f]{6}$/i);
    expect(pairs.filter((p) => p.ratio < 4.5)).toEqual([]);
  });
});
