import { createHash } from 'node:crypto';

/**
 * A Merkle tree as RFC 6962 §2.1 (Certificate Transparency) defines it, over byte strings:
 * leaf = sha256(0x00 ‖ data), node = sha256(0x01 ‖ left ‖ right); a tree of n > 1 leaves splits
 * at k, the largest power of two below n. The distinct prefixes keep a leaf from passing for a node.
 */
const sha256 = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();

export const leafHash = (data: Buffer): Buffer => sha256(Buffer.from([0]), data);
export const nodeHash = (left: Buffer, right: Buffer): Buffer => sha256(Buffer.from([1]), left, right);

/** The largest power of two smaller than n (n > 1). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[n]) over already hashed leaves; the empty tree's root is sha256 of nothing. */
export function rootOf(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return leaves[0];
  const k = split(leaves.length);
  return nodeHash(rootOf(leaves.slice(0, k)), rootOf(leaves.slice(k)));
}

/** PATH(m, D[n]): the sibling hashes from leaf m up to the root, nearest first. */
export function inclusionPath(index: number, leaves: Buffer[]): Buffer[] {
  if (index < 0 || index >= leaves.length) throw new RangeError(`leaf ${index} is not in a tree of ${leaves.length}`);
  if (leaves.length === 1) return [];
  const k = split(leaves.length);
  return index < k
    ? [...inclusionPath(index, leaves.slice(0, k)), rootOf(leaves.slice(k))]
    : [...inclusionPath(index - k, leaves.slice(k)), rootOf(leaves.slice(0, k))];
}

/** RFC 9162 §2.1.3.2: does `path` lead from the leaf at `index` of a tree of `size` leaves to `root`? */
export function verifyInclusion(leaf: Buffer, index: number, size: number, path: Buffer[], root: Buffer): boolean {
  if (index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.equals(root);
}
