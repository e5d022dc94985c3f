import { createHash } from 'node:crypto';
import { inclusionPath, leafHash, nodeHash, rootOf, verifyInclusion } from './merkle';

const sha = (hex: string) => createHash('sha256').update(Buffer.from(hex, 'hex')).digest();
/** Leaf and node by hand, straight from RFC 6962 §2.1: sha256(0x00 ‖ d) and sha256(0x01 ‖ l ‖ r). */
const L = (d: string) => sha(`00${Buffer.from(d).toString('hex')}`);
const N = (l: Buffer, r: Buffer) => sha(`01${l.toString('hex')}${r.toString('hex')}`);
const leaves = (n: number) => ['a', 'b', 'c', 'd', 'e'].slice(0, n).map((d) => leafHash(Buffer.from(d)));

describe('RFC 6962 Merkle tree', () => {
  it('hashes a leaf with a 0x00 prefix and a node with 0x01', () => {
    expect(leafHash(Buffer.from('a'))).toEqual(L('a'));
    expect(nodeHash(L('a'), L('b'))).toEqual(N(L('a'), L('b')));
  });

  it('the root of one leaf is the leaf, with an empty path', () => {
    expect(rootOf(leaves(1))).toEqual(L('a'));
    expect(inclusionPath(0, leaves(1))).toEqual([]);
    expect(verifyInclusion(L('a'), 0, 1, [], L('a'))).toBe(true);
  });

  it('two leaves: one node, each the other’s path', () => {
    expect(rootOf(leaves(2))).toEqual(N(L('a'), L('b')));
    expect(inclusionPath(0, leaves(2))).toEqual([L('b')]);
    expect(inclusionPath(1, leaves(2))).toEqual([L('a')]);
  });

  it('three leaves split at two: the third leaf pairs with the subtree of the first two', () => {
    const root = N(N(L('a'), L('b')), L('c'));
    expect(rootOf(leaves(3))).toEqual(root);
    expect(inclusionPath(0, leaves(3))).toEqual([L('b'), L('c')]);
    expect(inclusionPath(2, leaves(3))).toEqual([N(L('a'), L('b'))]);
  });

  it('five leaves split at four', () => {
    const left = N(N(L('a'), L('b')), N(L('c'), L('d')));
    const root = N(left, L('e'));
    expect(rootOf(leaves(5))).toEqual(root);
    expect(inclusionPath(4, leaves(5))).toEqual([left]);
    expect(inclusionPath(2, leaves(5))).toEqual([L('d'), N(L('a'), L('b')), L('e')]);
  });

  it.each([1, 2, 3, 5])('every path of a %i-leaf tree verifies, and fails for another leaf, index, root or a path cut short', (n) => {
    const tree = leaves(n);
    const root = rootOf(tree);
    tree.forEach((leaf, i) => {
      const path = inclusionPath(i, tree);
      expect(verifyInclusion(leaf, i, n, path, root)).toBe(true);
      expect(verifyInclusion(L('z'), i, n, path, root)).toBe(false);
      expect(verifyInclusion(leaf, i, n, path, L('z'))).toBe(false);
      if (path.length) expect(verifyInclusion(leaf, i, n, path.slice(0, -1), root)).toBe(false);
      if (n > 1) expect(verifyInclusion(leaf, (i + 1) % n, n, path, root)).toBe(false);
    });
    expect(verifyInclusion(tree[0], n, n, [], root)).toBe(false);
  });

  it('matches the roots of the Certificate Transparency test vectors', () => {
    const data = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];
    const tree = data.map((hex) => leafHash(Buffer.from(hex, 'hex')));
    expect(rootOf([]).toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(rootOf(tree.slice(0, 1)).toString('hex')).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(rootOf(tree.slice(0, 3)).toString('hex')).toBe('aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77');
    expect(rootOf(tree.slice(0, 5)).toString('hex')).toBe('4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4');
    expect(rootOf(tree).toString('hex')).toBe('5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328');
  });
});
