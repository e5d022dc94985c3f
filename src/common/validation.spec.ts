import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { IsInt, IsString, Min, getMetadataStorage, validateSync } from 'class-validator';
import { EVENT_DTOS } from '../negotiations/dto/events.dto';
import fc from 'fast-check';
import { PieceRateDto, TermsDto } from '../terms/terms';
import { JsonBodyValidationPipe, VALIDATION_OPTIONS, entityBreakingNoRule, keepValidationRulesLookedUp } from './validation';

class Base {
  @IsString() a!: string;
}
class Child extends Base {
  @IsInt() b!: number;
}

describe('keepValidationRulesLookedUp', () => {
  beforeAll(() => keepValidationRulesLookedUp());

  it('answers a class with the same rules, its own and inherited, looked up once', () => {
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['a', 'b']);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(first));
    expect(validateSync(Object.assign(new Child(), { a: 1, b: 'x' })).map((e) => e.property).sort()).toEqual(['a', 'b']);
  });

  it('forgets what it kept when a rule is added to a class already looked up', () => {
    class Later {
      @IsString() x!: string;
    }
    expect(validateSync(Object.assign(new Later(), { x: 'ok', y: 'not a number' }))).toEqual([]);
    IsInt()(Later.prototype, 'y');
    expect(validateSync(Object.assign(new Later(), { x: 'ok', y: 'not a number' })).map((e) => e.property)).toEqual(['y']);
  });
});

describe('JsonBodyValidationPipe', () => {
  const metadata = { type: 'body' as const, metatype: EVENT_DTOS.OFFER };
  const answer = async (pipe: ValidationPipe, body: unknown) => {
    try {
      return { value: await pipe.transform(structuredClone(body), metadata) };
    } catch (error) {
      return { error: (error as BadRequestException).getResponse() };
    }
  };

  it('answers every JSON body as ValidationPipe does: the same DTO, the same 400', async () => {
    const terms = { pieceRates: [{ task: 'delivery', baseFen: 650, perKmFen: 60, kmIncluded: 3 }], commission: { maxBasisPoints: 1500 }, laborQuota: { standardTasksPerHour: 4 }, termMonths: 24 };
    const bodies = [
      { type: 'OFFER', terms },
      { type: 'OFFER', terms, note: 'n' },
      { type: 'OFFER', terms, extra: 1 },
      { type: 'OFFER', terms: { ...terms, pieceRates: [{ task: 'delivery', baseFen: 'x' }] } },
      { type: 'OFFER', terms: { ...terms, pieceRates: 'none' } },
      { type: 'OFFER', terms: [terms] },
      { type: 'OFFER' },
    ];
    for (const body of bodies) {
      const ours = await answer(new JsonBodyValidationPipe(), body);
      expect(ours).toEqual(await answer(new ValidationPipe(VALIDATION_OPTIONS), body));
      expect('value' in ours ? ours.value : ours.error).toBeDefined();
    }
    expect('value' in (await answer(new JsonBodyValidationPipe(), bodies[0]))).toBe(true);
    expect('error' in (await answer(new JsonBodyValidationPipe(), bodies[2]))).toBe(true);
  });
});

describe('the way through for a body that breaks no rule', () => {
  const id = '3f1c6a1e-8a4b-4c2d-9e7f-1a2b3c4d5e6f';
  const other = '9b2d7c4e-1f3a-4b5c-8d6e-7f8a9b0c1d2e';
  const sha = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
  const seats = { chief: id, members: [other], experts: [] };
  const terms = {
    pieceRates: [{ task: 'delivery', baseFen: 650, perKmFen: 60, kmIncluded: 3, nightSurchargeFen: 100, badWeatherSurchargeFen: 200 }, { task: '跑腿', baseFen: 800 }],
    commission: { maxBasisPoints: 1500 },
    restSchedule: { maxContinuousMinutes: 240, minBreakMinutes: 20, maxDailyMinutes: 600, restDaysPerMonth: 4, holidayPayPercent: 300 },
    laborQuota: { standardTasksPerHour: 4 },
    clauses: [{ topic: 'algorithm', text: '派单算法须公开主要规则。', commitment: { responsible: 'enterprise', dueInDays: 30 } }, { topic: 'other', text: 'x' }],
    termMonths: 24,
  };
  /** A body breaking no rule for every event that has fields. */
  const valid: Partial<Record<keyof typeof EVENT_DTOS, object>> = {
    RESPOND: { accept: true, representatives: seats },
    OFFER: { terms, note: '第二轮' },
    SUSPEND: { resumeOn: '2027-03-01', reason: 'r' },
    DISPUTE: { reason: 'r' },
    WITHDRAW: { reason: 'r' },
    COORDINATE: { outcome: 'resume', opinion: 'o' },
    EXTEND: { days: 15 },
    COMMENT: { text: '同意' },
    RECORD_VOTE: { eligible: 10, present: 8, inFavour: 6, against: 1, abstained: 1, delegates: [id, other], countSheetSha256: sha },
    REVIEW: { decision: 'object', opinion: 'o' },
    RESPOND_TO_OPINIONS: { answers: [{ commentId: id, adopted: false, reason: 'r' }] },
    REQUEST_BARGAINING: { reason: 'r', representatives: seats, proposal: terms, title: '新一轮' },
    REQUEST_INFORMATION: { items: ['order_sample'], note: 'n' },
    PROVIDE_INFORMATION: { sampleId: id, kind: 'orders', rows: 3, rejected: 0, riderDays: 2, sha256: sha },
    DECLARE_CURRENT_TERMS: { terms },
    REPLACE_SEAT: { out: id, in: other, reason: 'r' },
    VACATE_SEAT: { userId: id, reason: 'r' },
    NAME_RECORDER: { userId: id },
    OPEN_BALLOT: { body: 'delegates', closesOn: '2027-03-01', delegates: [id] },
  };
  /** What Fastify hands the pipe: JSON.parse's objects (structuredClone's come from another realm under Jest) */
  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  const bodyOf = (type: keyof typeof EVENT_DTOS) => ({ type, ...valid[type] });
  const answer = async (pipe: ValidationPipe, type: keyof typeof EVENT_DTOS, body: unknown) => {
    try {
      return { value: await pipe.transform(json(body), { type: 'body', metatype: EVENT_DTOS[type] }) };
    } catch (error) {
      return { error: (error as BadRequestException).getResponse() };
    }
  };
  const theirs = new ValidationPipe(VALIDATION_OPTIONS);
  const ours = new JsonBodyValidationPipe();
  const types = Object.keys(EVENT_DTOS) as (keyof typeof EVENT_DTOS)[];

  it('takes every valid event body, and builds what ValidationPipe builds (the same classes)', async () => {
    for (const type of types) {
      const body = bodyOf(type);
      const entity = entityBreakingNoRule(json(body), EVENT_DTOS[type]);
      expect(entity).toBeInstanceOf(EVENT_DTOS[type]);
      expect(entity).toStrictEqual((await answer(theirs, type, body)).value);
    }
    const offer = entityBreakingNoRule(json(bodyOf('OFFER')), EVENT_DTOS.OFFER) as InstanceType<typeof EVENT_DTOS.OFFER>;
    expect(offer.terms).toBeInstanceOf(TermsDto);
    expect(offer.terms.pieceRates[1]).toBeInstanceOf(PieceRateDto);
  });

  it("keeps a rule's own condition and `each`, as the executor does", () => {
    class Own {
      @IsString() kind!: string;
      @IsInt({ each: true }) @Min(1, { validateIf: (o: Own) => o.kind === 'counted', each: true }) counts!: number[];
    }
    expect(entityBreakingNoRule({ kind: 'free', counts: [0, 2] }, Own)).toBeInstanceOf(Own);
    expect(entityBreakingNoRule({ kind: 'counted', counts: [0, 2] }, Own)).toBeUndefined();
    expect(entityBreakingNoRule({ kind: 'counted', counts: [1, 2.5] }, Own)).toBeUndefined();
    expect(entityBreakingNoRule({ kind: 'counted', counts: [1, 2] }, Own)).toEqual({ kind: 'counted', counts: [1, 2] });
  });

  it('sees a rule added after the class was first asked about', () => {
    class Late {
      @IsString() x!: string;
      @IsString() y!: string;
    }
    expect(entityBreakingNoRule({ x: 'a', y: 'b' }, Late)).toBeInstanceOf(Late);
    IsInt()(Late.prototype, 'y');
    expect(entityBreakingNoRule({ x: 'a', y: 'b' }, Late)).toBeUndefined();
  });

  it('leaves every body breaking a rule to ValidationPipe (a field too many, a bound, a type, a condition)', () => {
    const broken: [keyof typeof EVENT_DTOS, object][] = [
      ['OFFER', { ...bodyOf('OFFER'), extra: 1 }],
      ['OFFER', { type: 'OFFER', terms: { ...terms, pieceRates: [{ task: 'delivery', baseFen: -1 }] } }],
      ['OFFER', { type: 'OFFER', terms: { ...terms, termMonths: null } }],
      ['OFFER', { type: 'OFFER', terms: { ...terms, clauses: [{ topic: 'other', text: 'x', commitment: [] }] } }],
      ['OFFER', { type: 'OFFER', terms: { ...terms, pieceRates: [] } }],
      ['OFFER', { type: 'OFFER', terms: { ...terms, pieceRates: [null] } }],
      ['OFFER', { type: 'OFFER', terms: { ...terms, laborQuota: { standardTasksPerHour: 4, x: 1 } } }],
      ['OFFER', { type: 'OFFER', terms: { ...terms, toString: 'x' } }],
      ['RESPOND', { type: 'RESPOND', accept: true }],
      ['RESPOND', { type: 'RESPOND', accept: false }],
      ['COMMENT', { type: 'COMMENT', text: 'x'.repeat(4001) }],
      ['SUSPEND', { type: 'SUSPEND', resumeOn: '2027-02-30', reason: 'r' }],
      ['RECORD_VOTE', { ...bodyOf('RECORD_VOTE'), delegates: ['not-a-uuid'] }],
      ['EXTEND', { type: 'EXTEND', days: '15' }],
    ];
    for (const [type, body] of broken) expect(entityBreakingNoRule(json(body), EVENT_DTOS[type])).toBeUndefined();
  });

  it('answers every body, however changed, as ValidationPipe does', async () => {
    const paths = (value: unknown, at: (string | number)[] = []): (string | number)[][] =>
      typeof value === 'object' && value !== null
        ? [at, ...Object.entries(value).flatMap(([key, inner]) => paths(inner, [...at, Array.isArray(value) ? Number(key) : key]))]
        : [at];
    const replacement = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(0, -1, 1.5, 10_000, 10_001, 1e9 + 1, '', ' ', '\uD800', '😀'.repeat(2000), null, [], {}, 'order_sample', id, '2027-03-01', true),
    );
    const change = fc.record({
      type: fc.constantFrom(...types),
      pick: fc.nat(),
      how: fc.constantFrom('replace', 'delete', 'add'),
      key: fc.constantFrom('extra', 'note', 'type', 'terms', 'toString', 'hasOwnProperty', '0', 'pieceRates', 'commitment'),
      value: replacement,
    });
    let stillValid = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 3 }), async (changes) => {
        const type = changes[0].type;
        const body = json(bodyOf(type)) as Record<string, unknown>;
        let root: unknown = body;
        // each change puts a copy of its value: a value placed twice would make the body cyclic, which no JSON body is
        for (const { pick, how, key, value: generated } of changes) {
          const value = json(generated);
          const all = paths(root);
          const path = all[pick % all.length];
          if (path.length === 0) {
            if (how === 'add' && Array.isArray(root)) root.push(value);
            else if (how === 'add' && typeof root === 'object' && root !== null) (root as Record<string, unknown>)[key] = value;
            else if (how === 'replace' && pick % 7 === 0) root = value;
            continue;
          }
          const parent = path.slice(0, -1).reduce<any>((object, step) => object[step], root);
          const last = path[path.length - 1];
          if (how === 'delete') delete parent[last];
          else if (how === 'add' && typeof parent === 'object') parent[Array.isArray(parent) ? parent.length : key] = value;
          else parent[last] = value;
        }
        const expected = await answer(theirs, type, root);
        expect(await answer(ours, type, root)).toStrictEqual(expected);
        if ('value' in expected) stillValid++;
      }),
      { numRuns: 1500 },
    );
    // the changes leave enough bodies valid for the way through to be compared, not only the 400s
    expect(stillValid).toBeGreaterThan(100);
  });
});

describe('fields required only with some answers (RequiredWhen)', () => {
  const problems = async (body: { type: keyof typeof EVENT_DTOS }) => {
    try {
      await new JsonBodyValidationPipe().transform(structuredClone(body), { type: 'body', metatype: EVENT_DTOS[body.type] });
      return [];
    } catch (error) {
      return (error as BadRequestException).getResponse() as { message: string[] };
    }
  };
  const fields = async (body: { type: keyof typeof EVENT_DTOS }) => {
    const answer = await problems(body);
    return Array.isArray(answer) ? [] : [...new Set(answer.message.map((m) => /^(?:nested property )?(\S+)/.exec(m)![1]))].sort();
  };

  it('are required when the answer needs them', async () => {
    expect(await fields({ type: 'REVIEW', decision: 'object' } as never)).toEqual(['opinion']);
    expect(await fields({ type: 'RESPOND', accept: false } as never)).toEqual(['reason']);
    expect(await fields({ type: 'OPEN_BALLOT', body: 'delegates', closesOn: '2027-03-01' } as never)).toContain('delegates');
  });

  it('are checked whenever they are given, and an empty text where none is needed is none', async () => {
    expect(await fields({ type: 'REVIEW', decision: 'approve', opinion: 3 } as never)).toEqual(['opinion']);
    expect(await fields({ type: 'REVIEW', decision: 'approve', opinion: '' } as never)).toEqual([]);
    expect(await fields({ type: 'RESPOND', accept: 'yes', representatives: 5, reason: 7 } as never)).toEqual(['accept', 'reason', 'representatives']);
    expect(await fields({ type: 'OPEN_BALLOT', body: 'all_workers', closesOn: '2027-03-01', delegates: 'all' } as never)).toContain('delegates');
    expect(await fields({ type: 'OPEN_BALLOT', body: 'all_workers', closesOn: '2027-03-01' } as never)).toEqual([]);
  });
});
