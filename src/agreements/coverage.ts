import { Scope } from '../negotiations/negotiation.types';

/**
 * Who a contract or rule change binds (劳动合同法 art. 54: an industry or regional contract
 * binds every enterprise and worker in its scope). The one definition of coverage: the inbox
 * query, acknowledgement counts and comment rights all follow it.
 */
export interface CoveredParty {
  enterpriseId: string;
  industry: string;
  /** GB/T 2260 code of where the worker works. */
  region: string;
  category: string;
}

/** The code prefix a region stands for: 420000 → "42", 420300 → "4203", 420302 → "420302". */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export function regionContains(scopeRegion: string, region: string): boolean {
  return region.startsWith(regionPrefix(scopeRegion));
}

export function covers(scope: Scope, worker: CoveredParty): boolean {
  return (
    scope.industry === worker.industry &&
    regionContains(scope.region, worker.region) &&
    (scope.workerCategories.length === 0 || scope.workerCategories.includes(worker.category)) &&
    (scope.enterpriseIds.length === 0 || scope.enterpriseIds.includes(worker.enterpriseId))
  );
}

/** Scope regions that can cover a worker working in `region`: the district, its city, its province. */
export function regionsCovering(region: string): string[] {
  return [...new Set([`${region.slice(0, 2)}0000`, `${region.slice(0, 4)}00`, region])];
}

/**
 * covers(), as a condition on the workers table, for counting covered workers in the
 * database instead of in memory. coverage.spec.ts checks the two agree.
 */
export function coveredWorkersCondition(scope: Scope, alias = 'w'): { where: string; params: Record<string, unknown> } {
  const clauses = [`${alias}.industry = :coverIndustry`, `${alias}.region LIKE :coverRegion`];
  const params: Record<string, unknown> = { coverIndustry: scope.industry, coverRegion: `${regionPrefix(scope.region)}%` };
  if (scope.enterpriseIds.length) {
    clauses.push(`${alias}.enterprise_id IN (:...coverEnterprises)`);
    params.coverEnterprises = scope.enterpriseIds;
  }
  if (scope.workerCategories.length) {
    clauses.push(`${alias}.category IN (:...coverCategories)`);
    params.coverCategories = scope.workerCategories;
  }
  return { where: clauses.join(' AND '), params };
}
