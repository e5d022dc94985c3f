import { regionContains, regionPrefix } from '../common/regions';
import { Scope } from '../negotiations/negotiation.types';

/**
 * Who a contract or rule change binds (劳动合同法 art. 54: an industry or regional contract
 * binds every enterprise and worker in its scope). The one definition of coverage: the inbox
 * query, acknowledgement counts and comment rights all follow it; how region codes nest is
 * `common/regions.ts`.
 */
export interface CoveredParty {
  enterpriseId: string;
  industry: string;
  /** GB/T 2260 code of where the worker works. */
  region: string;
  category: string;
}

export function covers(scope: Scope, worker: CoveredParty): boolean {
  return (
    scope.industry === worker.industry &&
    regionContains(scope.region, worker.region) &&
    (scope.workerCategories.length === 0 || scope.workerCategories.includes(worker.category)) &&
    (scope.enterpriseIds.length === 0 || scope.enterpriseIds.includes(worker.enterpriseId))
  );
}

/**
 * covers(), as a condition on the workers table, for counting covered workers in the
 * database instead of in memory. coverage.spec.ts checks the two agree.
 */
export function coveredWorkersCondition(scope: Scope, alias = 'w', key = ''): { where: string; params: Record<string, unknown> } {
  // a range over the six-digit codes, not LIKE 'prefix%': an index serves it on both databases whatever the collation;
  // `key` keeps parameter names apart when several scopes are OR-ed in one query
  const prefix = regionPrefix(scope.region);
  const clauses = [`${alias}.industry = :coverIndustry${key}`, `${alias}.region BETWEEN :coverRegionFrom${key} AND :coverRegionTo${key}`];
  const params: Record<string, unknown> = {
    [`coverIndustry${key}`]: scope.industry,
    [`coverRegionFrom${key}`]: prefix.padEnd(6, '0'),
    [`coverRegionTo${key}`]: prefix.padEnd(6, '9'),
  };
  if (scope.enterpriseIds.length) {
    clauses.push(`${alias}.enterprise_id IN (:...coverEnterprises${key})`);
    params[`coverEnterprises${key}`] = scope.enterpriseIds;
  }
  if (scope.workerCategories.length) {
    clauses.push(`${alias}.category IN (:...coverCategories${key})`);
    params[`coverCategories${key}`] = scope.workerCategories;
  }
  return { where: clauses.join(' AND '), params };
}
