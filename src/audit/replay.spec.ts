import { ChainLink, GENESIS_HASH, canonicalJson, hashLink } from './audit-chain';
import { replayChain } from './replay';

/** A chain as the service writes it: each entry linked to the one before. */
function chain(entries: Array<{ type: string; actorId: string; role: string; payload: object }>): ChainLink[] {
  let prevHash = GENESIS_HASH;
  return entries.map((e, i) => {
    const link = { negotiationId: 'n-1', seq: i + 1, type: e.type, actorId: e.actorId, role: e.role, at: '2027-01-04T01:00:00.000Z', payload: canonicalJson(e.payload), prevHash };
    prevHash = hashLink(link);
    return { ...link, hash: prevHash };
  });
}

const opened = {
  type: 'OPENED',
  actorId: 'u-chief',
  role: 'union_negotiator',
  payload: { kind: 'collective_contract', representatives: { side: 'union', chief: 'u-chief', members: ['u-2', 'u-3'] }, proposal: {}, to: 'requested' },
};
const accepted = {
  type: 'RESPOND',
  actorId: 'e-chief',
  role: 'enterprise_rep',
  payload: { accept: true, representatives: { chief: 'e-chief', members: ['e-2', 'e-3'] }, from: 'requested', to: 'bargaining' },
};

describe('replayChain', () => {
  it('feeds every entry to the machine and folds the seats', () => {
    const replay = replayChain('n-1', chain([opened, accepted, { type: 'OFFER', actorId: 'e-chief', role: 'enterprise_rep', payload: { terms: {}, round: 2, from: 'bargaining', to: 'bargaining' } }]), 'Asia/Shanghai');
    expect(replay.problem).toBeUndefined();
    expect(replay.entries.map((e) => e.state)).toEqual(['requested', 'bargaining', 'bargaining']);
    // the offer was made by the enterprise's chief: its seat, not a guess from the role, says so
    expect(replay.entries[2].side).toBe('enterprise');
    expect(replay.entries[2].context).toMatchObject({ round: 2, lastOfferBy: 'enterprise', turn: 'union' });
    expect([...replay.seats.keys()]).toEqual(['u-chief', 'u-2', 'u-3', 'e-chief', 'e-2', 'e-3']);
  });

  it('names an entry the machine would not take', () => {
    const vote = { type: 'RECORD_VOTE', actorId: 'u-chief', role: 'union_negotiator', payload: { eligible: 3, present: 3, inFavour: 3, against: 0, abstained: 0, to: 'ratified' } };
    expect(replayChain('n-1', chain([opened, vote]), 'Asia/Shanghai').problem).toEqual({ seq: 2, reason: 'the machine does not allow RECORD_VOTE in state requested' });
  });

  it('names an entry whose recorded state is not where the machine goes', () => {
    const declined = { ...accepted, payload: { accept: false, reason: 'no', from: 'requested', to: 'bargaining' } };
    expect(replayChain('n-1', chain([opened, declined]), 'Asia/Shanghai').problem).toEqual({ seq: 2, reason: 'entry 2 records state bargaining; the machine reaches disputed' });
  });

  it('a chain that does not open with OPENED is a problem at its first entry', () => {
    expect(replayChain('n-1', chain([accepted]), 'Asia/Shanghai').problem).toEqual({ seq: 1, reason: 'the chain does not begin with OPENED' });
  });
});
