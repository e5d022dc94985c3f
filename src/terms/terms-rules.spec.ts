import { DomainError } from '../common/domain-error';
import { MinimumWageTable } from './minimum-wage';
import { Terms } from './terms';
import { checkTerms, isBelowMinimumWage } from './terms-rules';

const wages = new MinimumWageTable([
  { region: '420300', name: '十堰市', hourlyMinimumFen: 1800, effectiveFrom: '2024-01-01', source: 'test table, city row' },
]);

const terms = (overrides: Partial<Terms> = {}): Terms => ({
  pieceRates: [{ task: 'delivery', baseFen: 600 }],
  laborQuota: { standardTasksPerHour: 3 },
  termMonths: 24,
  ...overrides,
});

function domainErrorOf(run: () => void): DomainError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

const rate = (baseFen: number) => ({ task: 'delivery', baseFen, perKmFen: 60, kmIncluded: 3, nightSurchargeFen: 100, badWeatherSurchargeFen: 200 });

describe('isBelowMinimumWage (劳动合同法 art. 55)', () => {
  it('pay per hour equal to the hourly minimum is not below it', () => {
    expect(isBelowMinimumWage(rate(600), 3, 1800)).toBe(false);
  });

  it('pay per hour one fen short of the hourly minimum is below it', () => {
    expect(isBelowMinimumWage(rate(600), 3, 1801)).toBe(true);
    expect(isBelowMinimumWage(rate(599), 3, 1800)).toBe(true);
  });

  it('pay per hour above the hourly minimum is not below it', () => {
    expect(isBelowMinimumWage(rate(601), 3, 1800)).toBe(false);
  });

  it('counts no distance or surcharge pay: the standard task is within kmIncluded, by day, in fair weather', () => {
    expect(isBelowMinimumWage({ task: 'delivery', baseFen: 599, perKmFen: 500, kmIncluded: 0, nightSurchargeFen: 500 }, 3, 1800)).toBe(true);
  });

  it('pay per hour is the base rate times the standard tasks per hour', () => {
    expect(isBelowMinimumWage(rate(450), 4, 1800)).toBe(false);
    expect(isBelowMinimumWage(rate(450), 3, 1800)).toBe(true);
  });
});

describe('checkTerms', () => {
  it('accepts terms whose every piece rate reaches the minimum of the region', () => {
    expect(() => checkTerms(terms(), 'collective_contract', '420302', wages)).not.toThrow();
  });

  it('rejects a piece rate below the minimum wage with 422 TERMS.BELOW_MINIMUM_WAGE naming its field path', () => {
    const error = domainErrorOf(() =>
      checkTerms(
        terms({ pieceRates: [{ task: 'delivery', baseFen: 600 }, { task: 'pickup', baseFen: 599 }] }),
        'collective_contract',
        '420302',
        wages,
      ),
    );
    expect(error.status).toBe(422);
    expect(error.code).toBe('TERMS.BELOW_MINIMUM_WAGE');
    expect(error.details).toHaveLength(1);
    expect(error.details[0]).toMatch(/^terms\.pieceRates\[1\]\.baseFen: /);
    expect(error.details[0]).toContain('1797');
    expect(error.details[0]).toContain('十堰市');
    expect(error.details[0]).toContain('test table, city row');
  });

  it('names every piece rate below the minimum wage, not just the first', () => {
    const error = domainErrorOf(() =>
      checkTerms(
        terms({
          pieceRates: [
            { task: 'delivery', baseFen: 100 },
            { task: 'pickup', baseFen: 600 },
            { task: 'errand', baseFen: 200 },
          ],
        }),
        'collective_contract',
        '420302',
        wages,
      ),
    );
    expect(error.details.map((d) => d.split(':')[0])).toEqual(['terms.pieceRates[0].baseFen', 'terms.pieceRates[2].baseFen']);
  });

  it('rejects a collective contract without termMonths with 400 TERMS.INVALID', () => {
    const error = domainErrorOf(() => checkTerms(terms({ termMonths: undefined }), 'collective_contract', '420302', wages));
    expect(error.status).toBe(400);
    expect(error.code).toBe('TERMS.INVALID');
    expect(error.details[0]).toContain('terms.termMonths');
  });

  it('a rule change may leave out termMonths', () => {
    expect(() => checkTerms(terms({ termMonths: undefined }), 'rule_change', '420302', wages)).not.toThrow();
  });

  it('rejects the same task priced twice with 422 TERMS.INCONSISTENT', () => {
    const error = domainErrorOf(() =>
      checkTerms(
        terms({ pieceRates: [{ task: 'delivery', baseFen: 600 }, { task: 'delivery', baseFen: 700 }] }),
        'collective_contract',
        '420302',
        wages,
      ),
    );
    expect(error.status).toBe(422);
    expect(error.code).toBe('TERMS.INCONSISTENT');
    expect(error.details).toEqual(['terms.pieceRates: each task may appear once']);
  });

  it('rejects a longest continuous stretch longer than the working day with 422 TERMS.INCONSISTENT', () => {
    const error = domainErrorOf(() =>
      checkTerms(
        terms({ restSchedule: { maxContinuousMinutes: 601, maxDailyMinutes: 600 } }),
        'collective_contract',
        '420302',
        wages,
      ),
    );
    expect(error.status).toBe(422);
    expect(error.code).toBe('TERMS.INCONSISTENT');
    expect(error.details).toEqual(['terms.restSchedule.maxContinuousMinutes cannot exceed maxDailyMinutes']);
  });

  it('a continuous stretch as long as the whole working day is consistent', () => {
    expect(() =>
      checkTerms(terms({ restSchedule: { maxContinuousMinutes: 600, maxDailyMinutes: 600 } }), 'collective_contract', '420302', wages),
    ).not.toThrow();
  });

  it('names every inconsistency in one error', () => {
    const error = domainErrorOf(() =>
      checkTerms(
        terms({
          pieceRates: [{ task: 'delivery', baseFen: 600 }, { task: 'delivery', baseFen: 600 }],
          restSchedule: { maxContinuousMinutes: 700, maxDailyMinutes: 600 },
        }),
        'collective_contract',
        '420302',
        wages,
      ),
    );
    expect(error.code).toBe('TERMS.INCONSISTENT');
    expect(error.details).toHaveLength(2);
  });

  it('rejects terms for a region with no minimum wage on record with 422 TERMS.MINIMUM_WAGE_UNKNOWN', () => {
    const error = domainErrorOf(() => checkTerms(terms(), 'collective_contract', '430302', wages));
    expect(error.status).toBe(422);
    expect(error.code).toBe('TERMS.MINIMUM_WAGE_UNKNOWN');
    expect(error.message).toContain('430302');
  });
});
