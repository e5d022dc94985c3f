import { Side } from './negotiation.types';

/**
 * 集体合同规定 art. 19: each side has an equal number of representatives, at least 3, one
 * of them chief; art. 24: nobody represents both sides.
 */
export const MIN_SEATS_PER_SIDE = 3;

/** art. 23: a side may engage outside experts, at most one third of its representatives. */
export const MAX_EXPERT_SHARE = { numerator: 1, denominator: 3 } as const;

export interface Seats {
  chief: string;
  members: string[];
  /** People from outside the side's organisation (a federation's 集体协商指导员, a lawyer). */
  experts?: string[];
}

export const seatsOf = (s: Seats): string[] => [...new Set([s.chief, ...s.members, ...(s.experts ?? [])])];

/** Whether `experts` of `seats` seats stay within the third art. 23 allows (exactly a third does). */
export const expertsWithinShare = (experts: number, seats: number): boolean =>
  experts * MAX_EXPERT_SHARE.denominator <= seats * MAX_EXPERT_SHARE.numerator;

export function seatProblems(side: Side, seats: Seats): string[] {
  const problems: string[] = [];
  const experts = seats.experts ?? [];
  if (seats.members.includes(seats.chief)) problems.push(`${side}: the chief is listed again among the members`);
  if (experts.includes(seats.chief)) problems.push(`${side}: an expert cannot be the chief (art. 23)`);
  const twice = experts.filter((id) => seats.members.includes(id));
  if (twice.length) problems.push(`${side}: listed both as member and as expert: ${twice.join(', ')}`);
  const count = seatsOf(seats).length;
  if (count < MIN_SEATS_PER_SIDE)
    problems.push(`${side}: at least ${MIN_SEATS_PER_SIDE} representatives including the chief (art. 19), got ${count}`);
  const outside = experts.filter((id) => id !== seats.chief).length;
  if (!expertsWithinShare(outside, count))
    problems.push(`${side}: experts may hold at most a third of the side's seats (art. 23), got ${outside} of ${count}`);
  return problems;
}

export function representativesOverlap(union: Seats, enterprise: Seats): string[] {
  const unionSeats = new Set(seatsOf(union));
  return seatsOf(enterprise).filter((id) => unionSeats.has(id));
}

export function tableProblems(union: Seats, enterprise: Seats): string[] {
  const problems = [...seatProblems('union', union), ...seatProblems('enterprise', enterprise)];
  const unionCount = seatsOf(union).length;
  const enterpriseCount = seatsOf(enterprise).length;
  if (unionCount !== enterpriseCount)
    problems.push(`both sides need an equal number of representatives (art. 19): union ${unionCount}, enterprise ${enterpriseCount}`);
  const both = representativesOverlap(union, enterprise);
  if (both.length) problems.push(`nobody may represent both sides (art. 24): ${both.join(', ')}`);
  return problems;
}
