import canonicalize from 'canonicalize';

/**
 * Whether `text` already is RFC 8785 (JCS) canonical JSON — exactly
 * `canonicalize(JSON.parse(text)) === text`, the check chain verification makes of every stored
 * payload — decided in one pass over the text without building the value or a second string.
 *
 * Canonical means: no whitespace; object keys strictly increasing by UTF-16 code unit (so no
 * duplicates); strings escaping only `"`, `\` and the control characters (\b \t \n \f \r, the
 * rest as \u00xx in lower case), everything else literal; numbers as ECMAScript prints them.
 * The rare texts this scanner does not decide itself (an escaped key, which must be compared
 * decoded; an escaped surrogate, which is canonical only if it stays unpaired) go to the
 * definition above.
 */
export function isCanonicalJson(text: string): boolean {
  let end: number;
  try {
    end = value(text, 0);
  } catch {
    // nested deeper than the stack: the definition decides (and fails the same way)
    return byDefinition(text);
  }
  return end === UNSURE ? byDefinition(text) : end === text.length;
}

function byDefinition(text: string): boolean {
  try {
    return canonicalize(JSON.parse(text)) === text;
  } catch {
    return false;
  }
}

/** Scanner results: the index after the value scanned, or one of these. */
const NOT_CANONICAL = -1;
const UNSURE = -2;

/** Set by `string()`: whether the string just scanned had an escape in it. */
let escaped = false;

function value(t: string, i: number): number {
  switch (t.charCodeAt(i)) {
    case 0x7b /* { */:
      return object(t, i + 1);
    case 0x5b /* [ */:
      return array(t, i + 1);
    case 0x22 /* " */:
      return string(t, i + 1);
    case 0x74 /* t */:
      return t.startsWith('true', i) ? i + 4 : NOT_CANONICAL;
    case 0x66 /* f */:
      return t.startsWith('false', i) ? i + 5 : NOT_CANONICAL;
    case 0x6e /* n */:
      return t.startsWith('null', i) ? i + 4 : NOT_CANONICAL;
    default:
      return number(t, i);
  }
}

function object(t: string, i: number): number {
  if (t.charCodeAt(i) === 0x7d /* } */) return i + 1;
  let previousStart = -1;
  let previousEnd = -1;
  for (;;) {
    if (t.charCodeAt(i) !== 0x22) return NOT_CANONICAL;
    const keyStart = i + 1;
    const afterKey = string(t, keyStart);
    if (afterKey < 0) return afterKey;
    // keys are ordered by their decoded code units: an escape in one makes its text a different sequence
    if (escaped) return UNSURE;
    const keyEnd = afterKey - 1;
    if (previousStart >= 0 && compare(t, previousStart, previousEnd, keyStart, keyEnd) >= 0) return NOT_CANONICAL;
    previousStart = keyStart;
    previousEnd = keyEnd;
    if (t.charCodeAt(afterKey) !== 0x3a /* : */) return NOT_CANONICAL;
    const after = value(t, afterKey + 1);
    if (after < 0) return after;
    const c = t.charCodeAt(after);
    if (c === 0x7d) return after + 1;
    if (c !== 0x2c /* , */) return NOT_CANONICAL;
    i = after + 1;
  }
}

function array(t: string, i: number): number {
  if (t.charCodeAt(i) === 0x5d /* ] */) return i + 1;
  for (;;) {
    const after = value(t, i);
    if (after < 0) return after;
    const c = t.charCodeAt(after);
    if (c === 0x5d) return after + 1;
    if (c !== 0x2c) return NOT_CANONICAL;
    i = after + 1;
  }
}

/** Compares t[a, aEnd) with t[b, bEnd) by UTF-16 code unit, as Array.prototype.sort does. */
function compare(t: string, a: number, aEnd: number, b: number, bEnd: number): number {
  for (; a < aEnd && b < bEnd; a++, b++) {
    const d = t.charCodeAt(a) - t.charCodeAt(b);
    if (d !== 0) return d;
  }
  return aEnd - a - (bEnd - b);
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
const hexValue = (c: number) => (c <= 0x39 ? c - 0x30 : c - 0x57);

/** From just after the opening quote; returns the index after the closing one. */
function string(t: string, i: number): number {
  escaped = false;
  for (;;) {
    const c = t.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c !== c /* NaN: the text ended */ || c < 0x20) return NOT_CANONICAL;
    if (c === 0x5c /* \ */) {
      escaped = true;
      const e = t.charCodeAt(i + 1);
      // JSON.stringify writes these five control characters and the two specials with a short escape, and nothing else
      if (e === 0x22 || e === 0x5c || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
        continue;
      }
      if (e !== 0x75 /* u */) return NOT_CANONICAL;
      let code = 0;
      for (let k = i + 2; k < i + 6; k++) {
        const h = t.charCodeAt(k);
        if (!isHex(h)) return NOT_CANONICAL;
        code = code * 16 + hexValue(h);
      }
      // an escaped surrogate is canonical only while unpaired: leave it to the definition
      if (code >= 0xd800 && code <= 0xdfff) return UNSURE;
      // \u00xx only for a control character without a short escape
      if (code >= 0x20 || code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) return NOT_CANONICAL;
      i += 6;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      // a literal surrogate stays literal only as the first half of a pair; JSON.stringify escapes a lone one
      const low = t.charCodeAt(i + 1);
      if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return NOT_CANONICAL;
      i += 2;
      continue;
    }
    i++;
  }
}

/** A number is canonical iff ECMAScript prints the number it denotes the same way (so "-0", "1.0", "1E3", "01" are not). */
function number(t: string, i: number): number {
  let j = i;
  for (;;) {
    const c = t.charCodeAt(j);
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45 || c === 0x65) j++;
    else break;
  }
  if (j === i) return NOT_CANONICAL;
  // the common case without a string: 0, or an integer without leading zeros short enough to be exact
  const first = t.charCodeAt(i) === 0x2d ? i + 1 : i;
  if (j - first <= 15 && j > first) {
    const lead = t.charCodeAt(first);
    let digits = lead >= 0x31 && lead <= 0x39;
    for (let k = first + 1; digits && k < j; k++) {
      const c = t.charCodeAt(k);
      digits = c >= 0x30 && c <= 0x39;
    }
    if (digits) return j;
    if (j === i + 1 && lead === 0x30) return j;
  }
  const token = t.slice(i, j);
  return String(Number(token)) === token ? j : NOT_CANONICAL;
}
