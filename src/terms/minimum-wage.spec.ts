import { MinimumWageRow, MinimumWageTable } from './minimum-wage';

const row = (region: string, hourlyMinimumFen: number): MinimumWageRow => ({
  region,
  name: `region ${region}`,
  hourlyMinimumFen,
  effectiveFrom: '2024-01-01',
  source: 'test table',
});

describe('MinimumWageTable.forRegion', () => {
  const table = new MinimumWageTable([row('420000', 1700), row('420300', 1800), row('420302', 1900)]);

  it("a district with its own row gets the district's minimum", () => {
    expect(table.forRegion('420302')?.hourlyMinimumFen).toBe(1900);
  });

  it("a district without a row falls back to its city's (XXXX00) row", () => {
    expect(table.forRegion('420303')?.hourlyMinimumFen).toBe(1800);
  });

  it("a district whose city has no row falls back to its province's (XX0000) row", () => {
    expect(table.forRegion('420502')?.hourlyMinimumFen).toBe(1700);
  });

  it('a city or province code resolves to its own row', () => {
    expect(table.forRegion('420300')?.hourlyMinimumFen).toBe(1800);
    expect(table.forRegion('420000')?.hourlyMinimumFen).toBe(1700);
  });

  it('a region in another province has no minimum on record', () => {
    expect(table.forRegion('430302')).toBeUndefined();
  });
});

describe('MinimumWageTable.load', () => {
  it('the fixture table resolves 十堰市茅箭区 (420302) to a sourced, positive hourly minimum via its city or province', () => {
    const found = MinimumWageTable.load().forRegion('420302');
    expect(found).toBeDefined();
    expect(['420302', '420300', '420000']).toContain(found!.region);
    expect(Number.isInteger(found!.hourlyMinimumFen)).toBe(true);
    expect(found!.hourlyMinimumFen).toBeGreaterThan(0);
    expect(found!.source.trim()).not.toBe('');
  });
});
