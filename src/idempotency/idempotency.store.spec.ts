import { fingerprint } from './idempotency.store';

describe('fingerprint (what a request is, for its Idempotency-Key)', () => {
  it('is the same for the same fields in another order, and differs for another body, method or URL', () => {
    const print = fingerprint('POST', '/api/negotiations', { title: 'a', kind: 'collective_contract' });
    expect(fingerprint('post', '/api/negotiations', { kind: 'collective_contract', title: 'a' })).toBe(print);
    expect(fingerprint('POST', '/api/negotiations', { kind: 'collective_contract', title: 'b' })).not.toBe(print);
    expect(fingerprint('POST', '/api/negotiations?x=1', { title: 'a', kind: 'collective_contract' })).not.toBe(print);
    expect(fingerprint('PUT', '/api/negotiations', { title: 'a', kind: 'collective_contract' })).not.toBe(print);
  });

  it('takes no body and {} as one request (a retry that adds Content-Type and {} repeats it)', () => {
    const ack = '/api/me/inbox/5f0c6f3e-0d7c-4c57-9d35-0f4f3c1e2a11/ack';
    expect(fingerprint('POST', ack, undefined)).toBe(fingerprint('POST', ack, {}));
    expect(fingerprint('POST', ack, null)).toBe(fingerprint('POST', ack, {}));
    expect(fingerprint('POST', ack, { note: 'x' })).not.toBe(fingerprint('POST', ack, {}));
  });

  it('keeps a text body as sent, apart from the same characters as JSON', () => {
    expect(fingerprint('POST', '/api/workers', 'externalId,region\n1,420302\n')).not.toBe(fingerprint('POST', '/api/workers', 'externalId,region\n1,420303\n'));
    expect(fingerprint('POST', '/x', '{}')).not.toBe(fingerprint('POST', '/x', {}));
  });
});
