import { regionAncestors } from '../common/regions';
import { readFileSync } from 'node:fs';
import { fixturePath } from '../common/fixture-path';

/**
 * Hourly minimum wage by GB/T 2260 region (劳动合同法 art. 55: agreed pay may not fall below
 * the local statutory minimum). The table and its sources live in fixtures/minimum-wage.json.
 */
export interface MinimumWageRow {
  region: string;
  name: string;
  hourlyMinimumFen: number;
  effectiveFrom: string;
  source: string;
}

export class MinimumWageTable {
  private readonly byRegion: Map<string, MinimumWageRow>;

  constructor(rows: MinimumWageRow[]) {
    this.byRegion = new Map(rows.map((row) => [row.region, row]));
  }

  static load(path = fixturePath('minimum-wage.json')): MinimumWageTable {
    const file = JSON.parse(readFileSync(path, 'utf8')) as { rows: MinimumWageRow[] };
    return new MinimumWageTable(file.rows);
  }

  /** The most specific row: the district itself, else its city, else its province. */
  forRegion(region: string): MinimumWageRow | undefined {
    return regionAncestors(region)
      .reverse()
      .map((code) => this.byRegion.get(code))
      .find((row) => row !== undefined);
  }
}
