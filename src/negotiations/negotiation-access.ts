import { EntityManager } from 'typeorm';
import { selectRow } from '../database/rows';
import { AuthUser } from '../accounts/auth-user';
import { Worker } from '../accounts/worker.entity';
import { covers } from '../agreements/coverage';
import { Negotiation } from './negotiation.entity';
import { Relation } from './negotiation-permissions';
import { Representative } from './representative.entity';

/** Collective-contract states in which covered workers can read the draft they comment on and vote on. */
const WORKER_VISIBLE_STATES = new Set(['consultation', 'ratified', 'signed', 'under_review', 'effective', 'published', 'expired']);

/**
 * Which negotiations a negotiator is party to, as a condition on `negotiations n`: where they
 * hold a seat, where their organisation's side has no seats yet, or — a union negotiator — a
 * rule change their union is consulted on (relationOf's rule).
 * Bureau and admin see all.
 */
export function partyCondition(user: AuthUser): { where: string; params: Record<string, unknown> } | 'all' | 'none' {
  if (user.role === 'bureau_reviewer' || user.role === 'admin') return 'all';
  // an instructor is party only where seated as an expert
  if (user.role === 'instructor')
    return { where: 'n.id IN (SELECT r.negotiation_id FROM representatives r WHERE r.user_id = :partyUser AND r.vacated_at IS NULL)', params: { partyUser: user.id } };
  if (user.role !== 'union_negotiator' && user.role !== 'enterprise_rep') return 'none';
  const side = user.role === 'union_negotiator' ? 'union' : 'enterprise';
  const orgColumn = side === 'union' ? 'n.union_org_id' : 'n.enterprise_org_id';
  return {
    where:
      `(n.id IN (SELECT r.negotiation_id FROM representatives r WHERE r.user_id = :partyUser AND r.vacated_at IS NULL)` +
      ` OR (${orgColumn} = :partyOrg AND (${side === 'union' ? "n.kind = 'rule_change' OR " : ''}NOT EXISTS (SELECT 1 FROM representatives s WHERE s.negotiation_id = n.id AND s.side = :partySide))))`,
    params: { partyOrg: user.organizationId, partyUser: user.id, partySide: side },
  };
}

export function visibleToWorkers(n: Pick<Negotiation, 'kind' | 'state'>): boolean {
  return n.kind === 'rule_change' || WORKER_VISIBLE_STATES.has(n.state);
}

/**
 * How the caller stands to the negotiation; null means it must look like it does not exist
 * (404). A plain function over the caller's manager, so other modules (the agreements' counts)
 * ask it without depending on the negotiations module.
 */
export async function relationOf(manager: EntityManager, user: AuthUser, n: Negotiation): Promise<Relation | null> {
  switch (user.role) {
    case 'bureau_reviewer':
      return { party: 'bureau', chief: false, representative: false };
    case 'admin':
      return { party: 'admin', chief: false, representative: false };
    case 'worker': {
      if (!user.workerId || !visibleToWorkers(n)) return null;
      const worker = await selectRow(manager, Worker, 'id = ?', [user.workerId]);
      return worker && covers(n.scope, worker) ? { party: 'worker', chief: false, representative: false } : null;
    }
    // a federation's instructor stands to a negotiation only through an expert's seat (art. 23)
    case 'instructor': {
      const seat = await activeSeat(manager, n, user);
      return seat ? { party: seat.side, chief: false, representative: true } : null;
    }
    case 'union_negotiator':
    case 'enterprise_rep': {
      // a vacated seat (art. 31) no longer speaks for its side
      const seat = await activeSeat(manager, n, user);
      if (seat) return { party: seat.side, chief: seat.chief, representative: true };
      const side = user.role === 'union_negotiator' ? 'union' : 'enterprise';
      const organizationId = side === 'union' ? n.unionOrgId : n.enterpriseOrgId;
      if (user.organizationId !== organizationId) return null;
      // a rule change: the union's chief (seated at opening) acts for it; its other negotiators read and comment
      if (n.kind === 'rule_change' && side === 'union') return { party: 'union', chief: false, representative: false };
      // a side without seats (an enterprise yet to answer a request; the union in a rule
      // change) acts through its organisation's negotiators; once seated, only the seats count
      const seated = await manager.count(Representative, { where: { negotiationId: n.id, side } });
      return seated === 0 ? { party: side, chief: true, representative: false } : null;
    }
  }
}

const activeSeat = (manager: EntityManager, n: Negotiation, user: AuthUser) =>
  selectRow(manager, Representative, 'negotiation_id = ? AND user_id = ? AND vacated_at IS NULL', [n.id, user.id]);
