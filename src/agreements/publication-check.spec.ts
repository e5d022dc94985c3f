import { ChainLink, GENESIS_HASH, canonicalJson, hashLink, verifyChain } from '../audit/audit-chain';
import { PublishedRecord, checkPublication as check } from './publication-check';
import { Terms } from '../terms/terms';

/** As the page does: the chain's own verification first, then the publication against it. */
const checkPublication = (p: PublishedRecord, entries: ChainLink[]) => check(p, entries, verifyChain(entries));

const opening: Terms = { pieceRates: [{ task: 'delivery', baseFen: 700 }], laborQuota: { standardTasksPerHour: 4 }, termMonths: 24 };
const counter: Terms = { pieceRates: [{ task: 'delivery', baseFen: 640 }], laborQuota: { standardTasksPerHour: 4 }, termMonths: 24 };

function chain(events: Array<[string, Record<string, unknown>]>): ChainLink[] {
  const links: ChainLink[] = [];
  for (const [type, payload] of events) {
    const link = {
      negotiationId: 'n-1',
      seq: links.length + 1,
      type,
      actorId: 'u-1',
      role: 'union_negotiator',
      at: '2027-01-04T01:00:00.000Z',
      payload: canonicalJson(payload),
      prevHash: links.at(-1)?.hash ?? GENESIS_HASH,
    };
    links.push({ ...link, hash: hashLink(link) });
  }
  return links;
}

const record = chain([
  ['OPENED', { proposal: opening }],
  ['OFFER', { round: 2, terms: counter }],
  ['ACCEPT', { round: 2 }],
  ['SIGN', {}],
  ['PUBLISH', { agreementId: 'a-1' }],
  ['DEADLINE_PASSED', {}],
]);
const publication = { id: 'a-1', kind: 'collective_contract', terms: counter, auditHead: record[4].hash };

describe('checking a publication against its negotiation record', () => {
  it('is intact when the chain recomputes and the published terms are the accepted offer', () => {
    expect(checkPublication(publication, record)).toEqual({ intact: true, entries: 6, head: record[5].hash });
  });

  it('accepting round 1 means the opening proposal was agreed', () => {
    const early = chain([['OPENED', { proposal: opening }], ['ACCEPT', { round: 1 }], ['PUBLISH', { agreementId: 'a-1' }]]);
    expect(checkPublication({ ...publication, terms: opening, auditHead: early[2].hash }, early).intact).toBe(true);
  });

  it('is broken when the published terms differ from the agreed ones', () => {
    const edited = { ...counter, pieceRates: [{ task: 'delivery', baseFen: 540 }] };
    expect(checkPublication({ ...publication, terms: edited }, record)).toEqual({ intact: false, problem: 'terms' });
  });

  it('names the first entry whose content was changed after the fact', () => {
    const tampered = record.map((e) => (e.seq === 2 ? { ...e, payload: canonicalJson({ round: 2, terms: opening }) } : e));
    expect(checkPublication(publication, tampered)).toMatchObject({ intact: false, problem: 'chain', seq: 2 });
  });

  it('is broken when the printed head hash is not this publication’s entry in the chain', () => {
    expect(checkPublication({ ...publication, auditHead: record[3].hash }, record)).toEqual({ intact: false, problem: 'head' });
    expect(checkPublication({ ...publication, id: 'a-2' }, record)).toEqual({ intact: false, problem: 'head' });
  });

  it('a rule change publishes the proposal it was opened with', () => {
    const rules = chain([['OPENED', { proposal: opening }], ['RESPOND_TO_OPINIONS', { answers: [] }], ['PUBLISH', { agreementId: 'a-1' }]]);
    expect(checkPublication({ id: 'a-1', kind: 'rule_change', terms: opening, auditHead: rules[2].hash }, rules).intact).toBe(true);
  });
});
