import { Scope } from '../negotiations/negotiation.types';
import { CoveredParty, covers } from './coverage';

describe('covers (劳动合同法 art. 54)', () => {
  const scope: Scope = { industry: 'food_delivery', region: '420300', enterpriseIds: [], workerCategories: [] };
  const rider: CoveredParty = { enterpriseId: 'e-1', industry: 'food_delivery', region: '420302', category: 'delivery_rider' };

  it('an industry contract with no enterprises listed binds every enterprise of the industry in the region', () => {
    expect(covers(scope, rider)).toBe(true);
    expect(covers(scope, { ...rider, enterpriseId: 'e-2' })).toBe(true);
  });

  it('a contract listing enterprises binds those and no other', () => {
    const listed: Scope = { ...scope, enterpriseIds: ['e-1', 'e-3'] };
    expect(covers(listed, rider)).toBe(true);
    expect(covers(listed, { ...rider, enterpriseId: 'e-3' })).toBe(true);
    expect(covers(listed, { ...rider, enterpriseId: 'e-2' })).toBe(false);
  });

  it('does not bind a worker of another industry', () => {
    expect(covers(scope, { ...rider, industry: 'ride_hailing' })).toBe(false);
  });

  it('does not bind a worker outside the region', () => {
    expect(covers(scope, { ...rider, region: '420402' })).toBe(false);
    expect(covers(scope, { ...rider, region: '430302' })).toBe(false);
  });

  it('a contract with no worker categories listed binds every category', () => {
    expect(covers(scope, { ...rider, category: 'station_staff' })).toBe(true);
  });

  it('a contract listing worker categories binds those and no other', () => {
    const riders: Scope = { ...scope, workerCategories: ['delivery_rider'] };
    expect(covers(riders, rider)).toBe(true);
    expect(covers(riders, { ...rider, category: 'station_staff' })).toBe(false);
  });

  it('a provincial contract binds a worker in any of its districts', () => {
    expect(covers({ ...scope, region: '420000' }, { ...rider, region: '420502' })).toBe(true);
  });

  it('a district contract binds only workers of that district', () => {
    const district: Scope = { ...scope, region: '420302' };
    expect(covers(district, rider)).toBe(true);
    expect(covers(district, { ...rider, region: '420303' })).toBe(false);
  });
});
