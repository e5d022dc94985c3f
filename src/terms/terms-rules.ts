import { DomainError, badRequest, unprocessable } from '../common/domain-error';
import { NegotiationKind } from '../negotiations/negotiation.types';
import { PieceRate, standardHourlyPayFen } from './earnings';
import { MinimumWageTable } from './minimum-wage';
import { Terms } from './terms';

/**
 * Rules of substance on terms (422), after the DTO has checked shapes and ranges (400).
 */
export function isBelowMinimumWage(rate: PieceRate, standardTasksPerHour: number, hourlyMinimumFen: number): boolean {
  return standardHourlyPayFen(rate, standardTasksPerHour) < hourlyMinimumFen;
}

export function checkTerms(terms: Terms, kind: NegotiationKind, region: string, wages: MinimumWageTable): void {
  if (kind === 'collective_contract' && terms.termMonths === undefined)
    throw badRequest('TERMS.INVALID', ['terms.termMonths is required for a collective contract (12–36)']);

  const problems: string[] = [];
  const rest = terms.restSchedule;
  if (rest?.maxContinuousMinutes !== undefined && rest.maxDailyMinutes !== undefined && rest.maxContinuousMinutes > rest.maxDailyMinutes)
    problems.push('terms.restSchedule.maxContinuousMinutes cannot exceed maxDailyMinutes');
  const tasks = terms.pieceRates.map((rate) => rate.task);
  if (new Set(tasks).size !== tasks.length) problems.push('terms.pieceRates: each task may appear once');
  if (problems.length) throw unprocessable('TERMS.INCONSISTENT', problems);

  const minimum = wages.forRegion(region);
  if (!minimum)
    throw unprocessable('TERMS.MINIMUM_WAGE_UNKNOWN', `no statutory minimum wage is on record for region ${region}`);
  const perHour = terms.laborQuota.standardTasksPerHour;
  const below = terms.pieceRates
    .map((rate, i) => ({ rate, i }))
    .filter(({ rate }) => isBelowMinimumWage(rate, perHour, minimum.hourlyMinimumFen))
    .map(
      ({ rate, i }) =>
        `terms.pieceRates[${i}].baseFen: ${rate.baseFen} fen × ${perHour} tasks/hour = ${rate.baseFen * perHour} fen/hour, ` +
        `below ${minimum.name}'s hourly minimum of ${minimum.hourlyMinimumFen} fen (${minimum.source})`,
    );
  if (below.length) throw new DomainError(422, 'TERMS.BELOW_MINIMUM_WAGE', below);
}
