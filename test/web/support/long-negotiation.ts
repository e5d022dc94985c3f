import { TestApp } from '../../support/test-app';
import { contractBody, publishFromConsultation, seats, sendOk, terms } from '../../support/negotiation-helpers';

/**
 * Long talks, as the size budget (< 50 KB a page) must survive them: twelve rounds of offers on
 * one task, every numeric term moving in every round — each side concedes a step on its own
 * previous offer — with an ordinary note each time and a clause long enough to wrap.
 */
export const ROUNDS = 12;

export const LONG_CLAUSE =
  '平台调整派单算法、计价规则或者奖惩规则前，应当提前三十日书面告知工会并听取劳动者意见；涉及劳动者切身利益的调整，应当经双方协商一致后方可实施，并向劳动者公示调整内容、理由和生效日期。';

/** The offer of round `k` (1-based): the union opens and offers in odd rounds, the platform in even ones. */
export function offerOfRound(k: number) {
  const union = k % 2 === 1;
  const toward = (high: number, low: number, step: number) => (union ? high - step * k : low + step * k);
  return terms(toward(760, 600, 5), {
    pieceRates: [
      {
        task: 'delivery',
        baseFen: toward(760, 600, 5),
        perKmFen: toward(90, 50, 1),
        kmIncluded: union ? k : 30 - k,
        nightSurchargeFen: toward(200, 100, 2),
        badWeatherSurchargeFen: toward(300, 150, 3),
      },
    ],
    commission: { maxBasisPoints: union ? 1000 + 10 * k : 2000 - 10 * k },
    restSchedule: {
      maxContinuousMinutes: union ? 180 + 5 * k : 300 - 5 * k,
      minBreakMinutes: union ? 40 - k : 10 + k,
      maxDailyMinutes: union ? 480 + 5 * k : 720 - 5 * k,
      restDaysPerMonth: union ? 12 - Math.floor(k / 2) : k / 2,
      holidayPayPercent: union ? 400 - 5 * k : 200 + 5 * k,
    },
    // the union asks 4 or 5 orders an hour, the platform 6 or 7: never the same twice running
    laborQuota: { standardTasksPerHour: union ? (k % 4 === 1 ? 4 : 5) : k % 4 === 0 ? 7 : 6 },
    clauses: [{ topic: 'algorithm', text: LONG_CLAUSE }],
    termMonths: union ? 12 + k : 36 - k,
  });
}

const note = (k: number) => `第${k}轮：我方在单价、抽成和休息时间上各让一步，请对方在下一轮中同样作出实质让步，争取本月内达成一致。`;

/** Opens a contract and bargains it for twelve rounds; the union's turn next. */
export async function bargainTwelveRounds(t: TestApp): Promise<string> {
  const opened = await t
    .http()
    .post('/api/negotiations')
    .set('Authorization', await t.login('union.chief'))
    .send(await contractBody(t, { title: '2028年外卖配送员报酬与休息制度集体协商（十二轮）', proposal: offerOfRound(1) }));
  if (opened.status !== 201) throw new Error(`open: ${opened.status} ${JSON.stringify(opened.body)}`);
  const id: string = opened.body.id;
  await sendOk(t, id, 'platform.chief', { type: 'RESPOND', accept: true, representatives: await seats(t, 'platform') });
  for (let k = 2; k <= ROUNDS; k++)
    await sendOk(t, id, k % 2 === 1 ? 'union.chief' : 'platform.chief', { type: 'OFFER', terms: offerOfRound(k), note: note(k) });
  return id;
}

/** Accepts the platform's last offer and carries the contract to publication. */
export async function publishIt(t: TestApp, id: string): Promise<void> {
  await sendOk(t, id, 'union.chief', { type: 'ACCEPT' });
  await publishFromConsultation(t, id);
}
