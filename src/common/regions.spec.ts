import { regionAncestors, regionContains, regionLevel, regionName, regionPrefix } from './regions';

describe('regionPrefix', () => {
  it('a province (XX0000) stands for its two-digit prefix', () => {
    expect(regionPrefix('420000')).toBe('42');
  });

  it('a city (XXXX00) stands for its four-digit prefix', () => {
    expect(regionPrefix('420300')).toBe('4203');
  });

  it('a district stands for itself', () => {
    expect(regionPrefix('420302')).toBe('420302');
  });
});

describe('regionContains', () => {
  it('a city contains its own districts', () => {
    expect(regionContains('420300', '420302')).toBe(true);
    expect(regionContains('420300', '420303')).toBe(true);
  });

  it("a city does not contain another city's districts, nor another province's", () => {
    expect(regionContains('420300', '420402')).toBe(false);
    expect(regionContains('420300', '430302')).toBe(false);
  });

  it('a province contains every district and city within it', () => {
    expect(regionContains('420000', '420302')).toBe(true);
    expect(regionContains('420000', '420300')).toBe(true);
    expect(regionContains('420000', '430302')).toBe(false);
  });

  it('a district contains only itself', () => {
    expect(regionContains('420302', '420302')).toBe(true);
    expect(regionContains('420302', '420303')).toBe(false);
    expect(regionContains('420302', '420300')).toBe(false);
  });

  it('a region contains itself', () => {
    expect(regionContains('420300', '420300')).toBe(true);
    expect(regionContains('420000', '420000')).toBe(true);
  });
});

describe('regionAncestors', () => {
  it('a district lies in its city and its province, widest first', () => {
    expect(regionAncestors('420302')).toEqual(['420000', '420300', '420302']);
  });

  it('a city lies in its province; a province only in itself', () => {
    expect(regionAncestors('420300')).toEqual(['420000', '420300']);
    expect(regionAncestors('420000')).toEqual(['420000']);
  });

  it('every ancestor contains the code', () => {
    for (const code of ['420302', '420300', '420000', '110101'])
      for (const ancestor of regionAncestors(code)) expect(regionContains(ancestor, code)).toBe(true);
  });
});

describe('regionLevel', () => {
  it('tells province, city and district apart by their trailing zeros', () => {
    expect(regionLevel('420000')).toBe('province');
    expect(regionLevel('420300')).toBe('city');
    expect(regionLevel('420302')).toBe('district');
  });
});

describe('regionName', () => {
  it('names a district from its province down', () => {
    expect(regionName('420302')).toBe('湖北省十堰市茅箭区');
  });

  it('knows no made-up code', () => {
    expect(regionName('429999')).toBeUndefined();
  });
});
