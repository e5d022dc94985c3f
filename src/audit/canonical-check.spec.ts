import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { isCanonicalJson } from './canonical-check';

/** The definition the scanner must agree with on every text. */
const byDefinition = (text: string) => {
  try {
    return canonicalize(JSON.parse(text)) === text;
  } catch {
    return false;
  }
};

const json = fc.jsonValue({ depthSize: 'small' });
const unicodeJson = fc.jsonValue({ depthSize: 'small', stringUnit: 'binary' });
const anyUnitJson = fc.jsonValue({ depthSize: 'small', stringUnit: 'grapheme-composite' });

describe('isCanonicalJson', () => {
  it('accepts the canonical form of any JSON value', () => {
    fc.assert(fc.property(fc.oneof(json, unicodeJson, anyUnitJson), (value) => isCanonicalJson(canonicalize(value)!)), { numRuns: 2000 });
  });

  it('agrees with canonicalize(JSON.parse(text)) === text on JSON written any other way', () => {
    const written = fc.tuple(fc.oneof(json, unicodeJson), fc.constantFrom(undefined, 0, 1, '\t', ' \n')).map(([value, space]) => JSON.stringify(value, null, space));
    fc.assert(fc.property(written, (text) => isCanonicalJson(text) === byDefinition(text)), { numRuns: 2000 });
  });

  it('agrees with the definition on arbitrary text, lone surrogates included', () => {
    const pieces = fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', 'u', 'd800', 'dc00', '\ud800', '\udc00', '0', '1', '-', '.', 'e', '+', 'a', 'b', 'true', 'null', ' ', '\n', '\u001f', '\\u001f', '\\u001F', '\\n', '\\/');
    const text = fc.oneof(fc.array(pieces, { maxLength: 20 }).map((p) => p.join('')), fc.string({ unit: 'binary', maxLength: 20 }));
    fc.assert(fc.property(text, (t) => isCanonicalJson(t) === byDefinition(t)), { numRuns: 5000 });
  });

  it('rejects keys out of code-unit order, repeated keys and whitespace', () => {
    expect(isCanonicalJson('{"a":2,"b":1}')).toBe(true);
    expect(isCanonicalJson('{"b":1,"a":2}')).toBe(false);
    expect(isCanonicalJson('{"a":1,"a":1}')).toBe(false);
    expect(isCanonicalJson('{"a": 1}')).toBe(false);
    expect(isCanonicalJson(' {}')).toBe(false);
    expect(isCanonicalJson('{}\n')).toBe(false);
    // by code unit, not code point: U+FF21 sorts after U+1F600 written as its surrogates
    expect(isCanonicalJson('{"😀":1,"Ａ":2}')).toBe(true);
    expect(isCanonicalJson('{"Ａ":2,"😀":1}')).toBe(false);
  });

  it('rejects numbers ECMAScript would print another way', () => {
    for (const n of ['0', '-1', '123456789012345', '1234567890123456789', '0.5', '1e+21', '1.5e-7', '-0.25']) expect([n, isCanonicalJson(n)]).toEqual([n, byDefinition(n)]);
    for (const n of ['-0', '01', '1.0', '1E3', '1e21', '.5', '+1', '1e400', '0.50']) expect([n, isCanonicalJson(n)]).toEqual([n, false]);
  });

  it('rejects escapes JSON.stringify would not write, and takes the ones it would', () => {
    expect(isCanonicalJson('"a\\"b\\\\c\\n\\u001f"')).toBe(true);
    expect(isCanonicalJson('"\\u001F"')).toBe(false);
    expect(isCanonicalJson('"\\u0041"')).toBe(false);
    expect(isCanonicalJson('"\\u000a"')).toBe(false);
    expect(isCanonicalJson('"\\/"')).toBe(false);
    expect(isCanonicalJson('"\u0001"')).toBe(false);
    expect(isCanonicalJson('"\\ud800"')).toBe(true);
    expect(isCanonicalJson('"\\ud83d\\ude00"')).toBe(false);
    expect(isCanonicalJson('"\ud800"')).toBe(false);
    expect(isCanonicalJson('"骑手 😀"')).toBe(true);
  });

  it('decides texts nested deeper than the stack as the definition does', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(isCanonicalJson(deep)).toBe(byDefinition(deep));
  });
});
