import { Side } from './negotiation.types';

/**
 * 集体合同规定 art. 19: each side has an equal number of representatives, at least 3, one
 * of them chief; art. 24: nobody represents both sides.
 */
export const MIN_SEATS_PER_SIDE = 3;

export interface Seats {
  chief: string;
  members: string[];
}

export const seatsOf = (s: Seats): string[] => [...new Set([s.chief, ...s.members])];

export function seatProblems(side: Side, seats: Seats): string[] {
  const problems: string[] = [];
  if (seats.members.includes(seats.chief)) problems.push(`${side}: the chief is listed again among the members`);
  if (seatsOf(seats).length < MIN_SEATS_PER_SIDE)
    problems.push(`${side}: at least ${MIN_SEATS_PER_SIDE} representatives including the chief (art. 19), got ${seatsOf(seats).length}`);
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
