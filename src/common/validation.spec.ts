import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { IsInt, IsString, getMetadataStorage, validateSync } from 'class-validator';
import { EVENT_DTOS } from '../negotiations/dto/events.dto';
import { JsonBodyValidationPipe, VALIDATION_OPTIONS, keepValidationRulesLookedUp } from './validation';

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
