import { createHash } from 'node:crypto';
import fc from 'fast-check';
import canonicalize from 'canonicalize';
import { ChainLink, ChainVerifier, GENESIS_HASH, hashCanonicalLink, hashLink, verifyChain } from './audit-chain';

type Entry = Omit<ChainLink, 'prevHash' | 'hash'>;

const entries: Entry[] = [
  {
    negotiationId: 'n-1',
    seq: 1,
    type: 'NegotiationRequested',
    actorId: 'u-union',
    role: 'union_negotiator',
    at: '2027-01-04T01:00:00.000Z',
    payload: '{"title":"2027 骑手计件单价"}',
  },
  {
    negotiationId: 'n-1',
    seq: 2,
    type: 'RequestAnswered',
    actorId: 'u-enterprise',
    role: 'enterprise_rep',
    at: '2027-01-10T02:00:00.000Z',
    payload: '{"accept":true}',
  },
  {
    negotiationId: 'n-1',
    seq: 3,
    type: 'OfferSubmitted',
    actorId: 'u-union',
    role: 'union_negotiator',
    at: '2027-01-12T03:00:00.000Z',
    payload: '{"terms":{"laborQuota":{"standardTasksPerHour":3},"pieceRates":[{"baseFen":600,"task":"delivery"}]}}',
  },
];

/** Links each entry to the one before it, as the audit service appends them. */
function chain(list: Entry[]): ChainLink[] {
  let prevHash = GENESIS_HASH;
  return list.map((entry) => {
    const hash = hashLink({ ...entry, prevHash });
    const link = { ...entry, prevHash, hash };
    prevHash = hash;
    return link;
  });
}

/** A copy of the chain with one link changed in place, its hash left as it was. */
function tampered(links: ChainLink[], seq: number, change: Partial<ChainLink>): ChainLink[] {
  return links.map((link) => (link.seq === seq ? { ...link, ...change } : { ...link }));
}

describe('GENESIS_HASH', () => {
  it('is 64 zeros, the prevHash of the first entry', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    expect(chain(entries)[0].prevHash).toBe(GENESIS_HASH);
  });
});

describe('hashLink', () => {
  it('is sha256 of prevHash followed by the JCS of {negotiationId, seq, type, actorId, role, at, payload}', () => {
    const entry = entries[2];
    // RFC 8785 by hand: keys sorted by code unit at every level, no whitespace, payload as JSON not a string
    const canonicalEntry =
      '{"actorId":"u-union","at":"2027-01-12T03:00:00.000Z","negotiationId":"n-1",' +
      '"payload":{"terms":{"laborQuota":{"standardTasksPerHour":3},"pieceRates":[{"baseFen":600,"task":"delivery"}]}},' +
      '"role":"union_negotiator","seq":3,"type":"OfferSubmitted"}';
    const expected = createHash('sha256').update(GENESIS_HASH + canonicalEntry, 'utf8').digest('hex');
    expect(hashLink({ ...entry, prevHash: GENESIS_HASH })).toBe(expected);
  });

  it('hashes non-ASCII text as UTF-8', () => {
    const canonicalEntry =
      '{"actorId":"u-union","at":"2027-01-04T01:00:00.000Z","negotiationId":"n-1",' +
      '"payload":{"title":"2027 骑手计件单价"},"role":"union_negotiator","seq":1,"type":"NegotiationRequested"}';
    const expected = createHash('sha256').update(Buffer.from(GENESIS_HASH + canonicalEntry, 'utf8')).digest('hex');
    expect(hashLink({ ...entries[0], prevHash: GENESIS_HASH })).toBe(expected);
  });

  it('depends on the previous hash', () => {
    expect(hashLink({ ...entries[0], prevHash: GENESIS_HASH })).not.toBe(hashLink({ ...entries[0], prevHash: 'f'.repeat(64) }));
  });
});

describe('verifyChain', () => {
  const links = chain(entries);

  it('a chain built with hashLink verifies, and its head is the hash of the last entry', () => {
    expect(verifyChain(links)).toEqual({ valid: true, entries: 3, head: links[2].hash });
  });

  it('an empty chain verifies with the genesis hash as its head', () => {
    expect(verifyChain([])).toEqual({ valid: true, entries: 0, head: GENESIS_HASH });
  });

  it('names the entry whose payload was altered', () => {
    const result = verifyChain(tampered(links, 2, { payload: '{"accept":false}' }));
    expect(result).toEqual({ valid: false, firstBrokenSeq: 2, reason: 'hash does not match the entry' });
  });

  it('names the entry whose type was altered', () => {
    expect(verifyChain(tampered(links, 2, { type: 'RequestDeclined' }))).toMatchObject({ valid: false, firstBrokenSeq: 2 });
  });

  it('names the entry whose time was altered', () => {
    expect(verifyChain(tampered(links, 1, { at: '2027-01-03T01:00:00.000Z' }))).toMatchObject({ valid: false, firstBrokenSeq: 1 });
  });

  it('names the entry whose actor or role was altered', () => {
    expect(verifyChain(tampered(links, 3, { actorId: 'u-someone-else' }))).toMatchObject({ valid: false, firstBrokenSeq: 3 });
    expect(verifyChain(tampered(links, 3, { role: 'enterprise_rep' }))).toMatchObject({ valid: false, firstBrokenSeq: 3 });
  });

  it('names the entry whose prevHash was altered', () => {
    const result = verifyChain(tampered(links, 3, { prevHash: 'a'.repeat(64) }));
    expect(result).toEqual({ valid: false, firstBrokenSeq: 3, reason: 'prevHash does not match the previous entry' });
  });

  it('a first entry that does not start from the genesis hash is broken', () => {
    const [first] = chain(entries);
    const prevHash = 'b'.repeat(64);
    const rebased = { ...first, prevHash, hash: hashLink({ ...first, prevHash }) };
    expect(verifyChain([rebased])).toMatchObject({ valid: false, firstBrokenSeq: 1 });
  });

  it('an entry rewritten with a fresh hash breaks the link after it', () => {
    const rewritten = tampered(links, 2, { payload: '{"accept":false}' });
    rewritten[1].hash = hashLink(rewritten[1]);
    expect(verifyChain(rewritten)).toMatchObject({ valid: false, firstBrokenSeq: 3 });
  });

  it('rewriting the last entry with a fresh hash changes the head, which a published agreement pins', () => {
    const rewritten = tampered(links, 3, { payload: '{"terms":{}}' });
    rewritten[2].hash = hashLink(rewritten[2]);
    const result = verifyChain(rewritten);
    expect(result.valid).toBe(true);
    expect(result.valid && result.head).not.toBe(links[2].hash);
  });

  it('names the first entry after a deleted middle entry', () => {
    expect(verifyChain([links[0], links[2]])).toEqual({ valid: false, firstBrokenSeq: 3, reason: 'expected seq 2, found 3' });
  });

  it('names the first entry out of order when entries are reordered', () => {
    expect(verifyChain([links[0], links[2], links[1]])).toMatchObject({ valid: false, firstBrokenSeq: 3 });
    expect(verifyChain([links[1], links[0], links[2]])).toMatchObject({ valid: false, firstBrokenSeq: 2 });
  });

  it('reports a payload stored with its keys out of canonical order, though it hashes the same', () => {
    const reordered = tampered(links, 2, { payload: '{"b":1,"a":2}' });
    reordered[1].hash = hashLink(reordered[1]);
    expect(hashLink(reordered[1])).toBe(hashLink({ ...reordered[1], payload: '{"a":2,"b":1}' }));
    expect(verifyChain(reordered)).toEqual({ valid: false, firstBrokenSeq: 2, reason: 'payload is not canonical JSON' });
  });

  it('reports a payload stored with whitespace', () => {
    const spaced = tampered(links, 2, { payload: '{"accept": true}' });
    spaced[1].hash = hashLink(spaced[1]);
    expect(verifyChain(spaced)).toMatchObject({ valid: false, firstBrokenSeq: 2, reason: 'payload is not canonical JSON' });
  });

  it('reports a payload that is not JSON at all', () => {
    expect(verifyChain(tampered(links, 2, { payload: '{accept' }))).toMatchObject({
      valid: false,
      firstBrokenSeq: 2,
      reason: 'payload is not canonical JSON',
    });
  });
});

describe('verifyChain against the recorded head', () => {
  const link = (seq: number, prevHash: string) => {
    const base = { negotiationId: 'n1', seq, type: 'OFFER', actorId: 'u1', role: 'union_negotiator', at: '2027-01-04T01:00:00.000Z', payload: '{}', prevHash };
    return { ...base, hash: hashLink(base) };
  };
  const first = link(1, GENESIS_HASH);
  const second = link(2, first.hash);

  it('finds a chain whose last entries were deleted, naming the first missing seq', () => {
    expect(verifyChain([first], { seq: 2, head: second.hash })).toMatchObject({ valid: false, firstBrokenSeq: 2 });
  });

  it('accepts a whole chain that ends at the recorded head', () => {
    expect(verifyChain([first, second], { seq: 2, head: second.hash })).toEqual({ valid: true, entries: 2, head: second.hash });
  });
});

describe('hashCanonicalLink', () => {
  it('is the hash the definition gives any entry whose payload is canonical', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const entry = fc.record({
      negotiationId: text,
      seq: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
      type: text,
      actorId: text,
      role: text,
      at: text,
      payload: fc.jsonValue({ depthSize: 'small' }).map((v) => canonicalize(v)!),
      prevHash: fc.constantFrom(GENESIS_HASH, 'f'.repeat(64)),
    });
    fc.assert(fc.property(entry, (e) => hashCanonicalLink(e) === hashLink(e)), { numRuns: 1000 });
  });
});

describe('ChainVerifier', () => {
  const links = chain(entries);

  it('takes a chain link by link and gives what verifyChain gives', () => {
    const verifier = new ChainVerifier();
    for (const link of links) expect(verifier.push(link)).toBeUndefined();
    expect(verifier.end({ seq: 3, head: links[2].hash })).toEqual(verifyChain(links, { seq: 3, head: links[2].hash }));
  });

  it('stays broken at the first broken link', () => {
    const verifier = new ChainVerifier();
    const broken = tampered(links, 2, { actorId: 'u-someone-else' });
    expect(verifier.push(broken[0])).toBeUndefined();
    expect(verifier.push(broken[1])).toEqual({ valid: false, firstBrokenSeq: 2, reason: 'hash does not match the entry' });
    expect(verifier.push(broken[2])).toMatchObject({ firstBrokenSeq: 2 });
    expect(verifier.end({ seq: 3, head: links[2].hash })).toMatchObject({ firstBrokenSeq: 2 });
  });

  it('reports a field the database handed back as something other than text', () => {
    const numeric = tampered(links, 2, { actorId: 42 as unknown as string });
    expect(verifyChain(numeric)).toEqual({ valid: false, firstBrokenSeq: 2, reason: 'actorId is not text' });
  });
});
