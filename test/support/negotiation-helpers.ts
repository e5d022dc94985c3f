import { TestApp } from './test-app';

/** The SHA-256 of a signed count sheet, for votes recorded by hand (RECORD_VOTE). */
export const COUNT_SHEET = '918063f770b544cb457e46d567203b129d04a56b8fac6a26bda62cbd520da209';

/** Terms that clear the demo region's minimum wage; `baseFen` varies per offer. */
export function terms(baseFen: number, overrides: Record<string, unknown> = {}) {
  return {
    pieceRates: [{ task: 'delivery', baseFen, perKmFen: 60, kmIncluded: 3, nightSurchargeFen: 100, badWeatherSurchargeFen: 200 }],
    commission: { maxBasisPoints: 1500 },
    restSchedule: { maxContinuousMinutes: 240, minBreakMinutes: 20, maxDailyMinutes: 600, restDaysPerMonth: 4, holidayPayPercent: 300 },
    laborQuota: { standardTasksPerHour: 4 },
    clauses: [{ topic: 'order_allocation', text: '派单算法须公开主要规则。' }],
    termMonths: 24,
    ...overrides,
  };
}

export async function seats(t: TestApp, side: 'union' | 'platform') {
  return {
    chief: await t.userId(`${side}.chief`),
    members: [await t.userId(`${side}.rep2`), await t.userId(`${side}.rep3`)],
  };
}

export async function contractBody(t: TestApp, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'collective_contract',
    title: '2027年外卖配送员计件单价专项集体协商',
    scope: { industry: 'food_delivery', region: '420300', enterpriseIds: [await t.orgId('platform')], workerCategories: ['delivery_rider'] },
    representatives: await seats(t, 'union'),
    proposal: terms(700),
    ...overrides,
  };
}

/** Opens a collective contract as union.chief; returns its id. */
export async function openContract(t: TestApp): Promise<string> {
  const res = await t.http().post('/api/negotiations').set('Authorization', await t.login('union.chief')).send(await contractBody(t));
  if (res.status !== 201) throw new Error(`open: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** Sends an event as `username`; returns the supertest response. */
export async function send(t: TestApp, id: string, username: string, event: Record<string, unknown>, headers: Record<string, string> = {}) {
  const req = t.http().post(`/api/negotiations/${id}/events`).set('Authorization', await t.login(username));
  for (const [k, v] of Object.entries(headers)) req.set(k, v);
  return req.send(event);
}

/** Sends an event and fails the test unless it is accepted. */
export async function sendOk(t: TestApp, id: string, username: string, event: Record<string, unknown>) {
  const res = await send(t, id, username, event);
  if (res.status !== 200) throw new Error(`${event.type} as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Drives a fresh contract to `consultation` (enterprise accepts the union's opening offer after one counter-offer round). */
export async function toConsultation(t: TestApp): Promise<string> {
  const id = await openContract(t);
  await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
  await sendOk(t, id, 'platform.chief', { type: 'OFFER', terms: terms(600) });
  await sendOk(t, id, 'union.chief', { type: 'ACCEPT' });
  return id;
}

export async function toPublished(t: TestApp): Promise<string> {
  const id = await toConsultation(t);
  await publishFromConsultation(t, id);
  return id;
}

/** Ratifies, signs, files, approves and publishes a contract in consultation. */
export async function publishFromConsultation(t: TestApp, id: string): Promise<void> {
  await sendOk(t, id, 'union.chief', { type: 'RECORD_VOTE', eligible: 12, present: 9, inFavour: 8, against: 1, abstained: 0, countSheetSha256: COUNT_SHEET });
  await sendOk(t, id, 'union.chief', { type: 'SIGN' });
  await sendOk(t, id, 'platform.chief', { type: 'SIGN' });
  await sendOk(t, id, 'platform.chief', { type: 'FILE' });
  await sendOk(t, id, 'bureau.reviewer', { type: 'REVIEW', decision: 'approve' });
  await sendOk(t, id, 'union.chief', { type: 'PUBLISH' });
}
