import { join } from 'node:path';
import { Duration } from 'luxon';
import { NATIONAL_RULE_PACK, RULE_PACK_KEYS, RulePacks, nationalRulePack, parseRulePack } from './rule-pack';

const days = (d: Duration) => d.as('days');
const parseError = (raw: unknown): string => {
  try {
    parseRulePack(raw, 'test.json');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected parseRulePack to throw');
};

describe('parseRulePack', () => {
  it('reads ISO 8601 durations, giving only the keys present', () => {
    const pack = parseRulePack({ response: 'P15D', renewalWindow: 'P2M' }, 'test.json');
    expect(Object.keys(pack).sort()).toEqual(['renewalWindow', 'response']);
    expect(pack.response?.toISO()).toBe('P15D');
    expect(pack.renewalWindow?.toISO()).toBe('P2M');
  });

  it('ignores the description, region and source annotations', () => {
    expect(parseRulePack({ description: 'x', region: '310000', source: 'y', filing: 'P5D' }, 'test.json')).toEqual({
      filing: Duration.fromISO('P5D'),
    });
  });

  it('rejects an unknown key, naming it and the file', () => {
    const message = parseError({ responce: 'P15D' });
    expect(message).toContain('test.json');
    expect(message).toContain('unknown key "responce"');
  });

  it('rejects a string that is not an ISO 8601 duration', () => {
    expect(parseError({ response: '15 days' })).toContain('response: "15 days" is not a positive ISO 8601 duration');
  });

  it('rejects a duration that is not a string', () => {
    expect(parseError({ response: 15 })).toContain('response: "15" is not a positive ISO 8601 duration');
  });

  it('rejects a zero duration', () => {
    expect(parseError({ filing: 'P0D' })).toContain('filing: "P0D"');
    expect(parseError({ filing: 'PT0S' })).toContain('filing: "PT0S"');
  });

  it('rejects a negative duration', () => {
    expect(parseError({ filing: 'P-1D' })).toContain('filing: "P-1D"');
  });

  it('rejects anything but a JSON object', () => {
    for (const raw of [null, 'P20D', 20, ['P20D']]) expect(parseError(raw)).toMatch(/^rule pack test\.json: must be a JSON object/);
  });

  it('names every problem in one error', () => {
    const message = parseError({ responce: 'P15D', filing: 'ten days', review: 'P0D', coordination: 'P30D' });
    expect(message).toContain('unknown key "responce"');
    expect(message).toContain('filing: "ten days"');
    expect(message).toContain('review: "P0D"');
    expect(message).not.toContain('coordination');
  });
});

describe('nationalRulePack', () => {
  const pack = nationalRulePack();

  it('has a duration for every key', () => {
    expect(Object.keys(pack).sort()).toEqual([...RULE_PACK_KEYS].sort());
    for (const key of RULE_PACK_KEYS) expect(pack[key].isValid).toBe(true);
  });

  it('gives the statutory periods of 集体合同规定 and the 2024/2026 guidelines', () => {
    expect(days(pack.response)).toBe(20);
    expect(days(pack.filing)).toBe(10);
    expect(days(pack.review)).toBe(15);
    expect(days(pack.coordination)).toBe(30);
    expect(days(pack.coordinationExtensionMax)).toBe(15);
    expect(days(pack.publication)).toBe(10);
    expect(days(pack.consultationWindow)).toBe(7);
  });

  it('counts the renewal window in calendar months and the annual round in years', () => {
    expect(pack.renewalWindow.toObject()).toEqual({ months: 3 });
    expect(pack.annualRound.toObject()).toEqual({ years: 1 });
  });

  it('agrees with the cited constants', () => {
    for (const key of RULE_PACK_KEYS) expect(pack[key].toISO()).toBe(NATIONAL_RULE_PACK[key]);
  });
});

describe('RulePacks.forRegion', () => {
  const shanghai = parseRulePack({ response: 'P15D' }, '310000.json');

  it('a province pack applies to its districts', () => {
    const packs = new RulePacks(new Map([['310000', shanghai]]));
    expect(days(packs.forRegion('310101').response)).toBe(15);
    expect(days(packs.forRegion('310000').response)).toBe(15);
  });

  it("a province pack does not apply outside the province", () => {
    const packs = new RulePacks(new Map([['310000', shanghai]]));
    expect(days(packs.forRegion('420300').response)).toBe(20);
  });

  it('a partial pack falls back to the national pack for the keys it does not give', () => {
    const pack = new RulePacks(new Map([['310000', shanghai]])).forRegion('310101');
    expect(days(pack.filing)).toBe(10);
    expect(days(pack.coordination)).toBe(30);
    expect(pack.renewalWindow.toObject()).toEqual({ months: 3 });
  });

  it('the most specific region wins: district over city over province', () => {
    const packs = new RulePacks(
      new Map([
        ['420000', parseRulePack({ response: 'P18D', filing: 'P8D', review: 'P12D' }, '420000.json')],
        ['420300', parseRulePack({ response: 'P16D', filing: 'P6D' }, '420300.json')],
        ['420302', parseRulePack({ response: 'P14D' }, '420302.json')],
      ]),
    );
    const pack = packs.forRegion('420302');
    expect(days(pack.response)).toBe(14);
    expect(days(pack.filing)).toBe(6);
    expect(days(pack.review)).toBe(12);
    expect(days(packs.forRegion('420303').response)).toBe(16);
    expect(days(packs.forRegion('420502').response)).toBe(18);
  });

  it("an operator's pack overrides both the region and the national pack", () => {
    const packs = new RulePacks(new Map([['310000', shanghai]]), parseRulePack({ response: 'PT5S', filing: 'PT10S' }, 'operator.json'));
    expect(packs.forRegion('310101').response.as('seconds')).toBe(5);
    expect(packs.forRegion('420300').filing.as('seconds')).toBe(10);
    expect(days(packs.forRegion('420300').review)).toBe(15);
  });

  it('does not let one region change the pack handed to another', () => {
    const packs = new RulePacks(new Map([['310000', shanghai]]));
    packs.forRegion('310101').response = Duration.fromISO('P1D');
    expect(days(packs.forRegion('420300').response)).toBe(20);
    expect(days(packs.forRegion('310101').response)).toBe(15);
  });
});

describe('RulePacks.load', () => {
  it("reads the repository's region packs: Shanghai (310000) answers in 15 days, elsewhere 20", () => {
    const packs = RulePacks.load(join(__dirname, '..', '..', 'fixtures', 'rule-packs'));
    expect(days(packs.forRegion('310000').response)).toBe(15);
    expect(days(packs.forRegion('310101').response)).toBe(15);
    expect(days(packs.forRegion('420302').response)).toBe(20);
  });
});
