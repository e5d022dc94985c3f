import { Terms } from './terms';

/**
 * Term-by-term comparison of offers (DESIGN §3). Terms are flattened to JSON paths so each
 * leaf can be compared, charted and marked settled. Piece rates are keyed by their task
 * (`pieceRates[delivery].baseFen`), so two offers listing tasks in another order still compare
 * delivery with delivery; other lists are keyed by position (`clauses[0].text`).
 */
export type Leaf = string | number | boolean | null;

/** A path absent from one side is null there. */
export interface TermChange {
  path: string;
  from: Leaf;
  to: Leaf;
}

export interface TermGap {
  path: string;
  union: Leaf;
  enterprise: Leaf;
}

export function flattenTerms(value: unknown, prefix = ''): Map<string, Leaf> {
  const leaves = new Map<string, Leaf>();
  const walk = (node: unknown, path: string) => {
    if (path === 'pieceRates' && Array.isArray(node))
      for (const { task, ...rate } of node as Array<{ task: string }>) walk(rate, `${path}[${task}]`);
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${path}[${i}]`));
    else if (node !== null && typeof node === 'object')
      for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key);
    else if (node !== undefined) leaves.set(path, node as Leaf);
  };
  walk(value, prefix);
  return leaves;
}

function allPaths(a: Map<string, Leaf>, b: Map<string, Leaf>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])];
}

/** What moved between two offers; the first offer changes every path from null. */
export function diffTerms(previous: Terms | null, next: Terms): TermChange[] {
  const before = flattenTerms(previous ?? {});
  const after = flattenTerms(next);
  return allPaths(before, after)
    .filter((path) => before.get(path) !== after.get(path))
    .map((path) => ({ path, from: before.get(path) ?? null, to: after.get(path) ?? null }));
}

/**
 * The two sides' latest offers compared: where their positions still differ (`gap`, both
 * positions, null on a side that has not proposed the term) and the terms on which they agree
 * (`settled`: a tentative agreement, so talks narrow to the rest). Nothing of either until
 * both sides have made an offer.
 */
export function compareLatest(union: Terms | null, enterprise: Terms | null): { gap: TermGap[]; settled: string[] } {
  if (!union || !enterprise) return { gap: [], settled: [] };
  const u = flattenTerms(union);
  const e = flattenTerms(enterprise);
  return {
    gap: allPaths(u, e)
      .filter((path) => u.get(path) !== e.get(path))
      .map((path) => ({ path, union: u.get(path) ?? null, enterprise: e.get(path) ?? null })),
    settled: [...u.keys()].filter((path) => e.has(path) && e.get(path) === u.get(path)),
  };
}
