/**
 * 集体合同规定 art. 36: the draft goes to the worker congress or all workers; it passes when
 * "三分之二以上" of those eligible attend and "半数以上" of ALL eligible (not of those present)
 * vote in favour. 以上 includes the number itself (民法典 art. 1259), so both bounds are ≥.
 * Integer arithmetic only: 3·present ≥ 2·eligible, 2·inFavour ≥ eligible.
 */
export interface VoteTally {
  eligible: number;
  present: number;
  inFavour: number;
  against: number;
  abstained: number;
}

export const hasQuorum = (v: Pick<VoteTally, 'eligible' | 'present'>): boolean => 3 * v.present >= 2 * v.eligible;

export const hasMajorityOfAllEligible = (v: Pick<VoteTally, 'eligible' | 'inFavour'>): boolean =>
  2 * v.inFavour >= v.eligible;

export const isRatified = (v: Pick<VoteTally, 'eligible' | 'present' | 'inFavour'>): boolean =>
  v.eligible > 0 && hasQuorum(v) && hasMajorityOfAllEligible(v);

/** Arithmetic that cannot describe a real vote (a 422, not a failed vote). */
export function impossibleTally(v: VoteTally): string[] {
  const problems: string[] = [];
  if (v.present > v.eligible) problems.push('present cannot exceed eligible');
  if (v.inFavour + v.against + v.abstained > v.present) problems.push('inFavour + against + abstained cannot exceed present');
  return problems;
}
