import { IsInt, IsString } from 'class-validator';
import { BODY_RULES, BodyCheckPipe, bodyProblems, textProblem } from './body-check.pipe';
import { DomainError } from './domain-error';
import { ValidationPipe } from '@nestjs/common';
import { VALIDATION_OPTIONS } from './validation';

/** The first problem's message, or null. */
const bodyProblem = (body: unknown) => bodyProblems(body)[0]?.message ?? null;

describe('textProblem', () => {
  it.each(['plain', '多行\n文字', 'tab\there', 'a textarea line\r\nand the next', '阿拉伯文 مرحبا', 'emoji 🛵', 'LRM \u200e is a mark, not an override'])('lets %j through', (text) => {
    expect(textProblem(text)).toBeNull();
  });

  it.each([
    ['\u0000', '0000'], ['\u0007', '0007'], ['\u000b', '000B'], ['\u001f', '001F'], ['\u007f', '007F'], ['\u0085', '0085'],
    ['\r', '000D'], ['\u202a', '202A'], ['\u202e', '202E'], ['\u2066', '2066'], ['\u2069', '2069'],
  ])('refuses U+%s', (c, code) => {
    expect(textProblem(`ab${c}cd`)).toBe(`contains the control character U+${code} at position 3`);
  });

  it.each([
    ['hi \ud800 there', 'D800', 4], ['hi \udc00 there', 'DC00', 4], ['\udbff', 'DBFF', 1], ['pair \ud83d\udef5 then \udef5', 'DEF5', 14], ['\ud83d\ud83d\udef5', 'D83D', 1],
  ])('refuses half a surrogate pair in %j', (text, code, position) => {
    expect(textProblem(text)).toBe(`contains the lone surrogate U+${code} at position ${position}, half of a character`);
  });
});

describe('bodyProblem', () => {
  const nested = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

  it(`takes ${BODY_RULES.maxDepth} levels and refuses one more`, () => {
    expect(bodyProblem(nested(BODY_RULES.maxDepth))).toBeNull();
    expect(bodyProblem(nested(BODY_RULES.maxDepth + 1))).toBe(`the body is nested deeper than ${BODY_RULES.maxDepth} levels`);
  });

  it('walks 100 000 levels without recursing', () => {
    expect(bodyProblem(nested(100_000))).toMatch(/nested deeper/);
  });

  it('refuses numbers beyond the safe integers, and names the field', () => {
    expect(bodyProblem({ terms: { pieceRates: [{ baseFen: Number.MAX_SAFE_INTEGER }] } })).toBeNull();
    expect(bodyProblem({ terms: { pieceRates: [{ baseFen: Number.MAX_SAFE_INTEGER + 1 }] } })).toMatch(/^terms\.pieceRates\[0\]\.baseFen must be a number between/);
    expect(bodyProblem({ n: 1e308 })).toMatch(/^n must be/);
    expect(bodyProblem({ n: -1e308 })).toMatch(/^n must be/);
    expect(bodyProblem({ n: 0.5 })).toBeNull();
  });

  it('looks at field names and array elements too', () => {
    expect(bodyProblem({ ['a\u202eb']: 1 })).toMatch(/^the field name "a\u202eb" contains/);
    expect(bodyProblem({ members: ['ok', 'b\u0000'] })).toMatch(/^members\[1\] contains the control character U\+0000/);
  });
});

describe('every broken field named (API.md: 400 names every broken field)', () => {
  class Report {
    @IsInt() progress!: number;
    @IsString() text!: string;
  }
  const refusal = async (body: unknown) => {
    const error = await new BodyCheckPipe(new ValidationPipe(VALIDATION_OPTIONS)).transform(body, { type: 'body', metatype: Report }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  };

  it('lists every part that may not be stored, in the body\'s order', () => {
    expect(bodyProblems({ a: 1e308, b: { c: 'x\u0000' }, d: [1, -1e300] }).map((p) => p.path)).toEqual(['a', 'b.c', 'd[1]']);
  });

  it(`names at most ${BODY_RULES.maxProblems}, and says there are more`, () => {
    const problems = bodyProblems(Array.from({ length: 5000 }, () => 1e308));
    expect(problems).toHaveLength(BODY_RULES.maxProblems + 1);
    expect(problems.at(-1)!.message).toBe(`and more: the first ${BODY_RULES.maxProblems} are named`);
  });

  it("adds the DTO's own messages for the other fields, each field once", async () => {
    const error = await refusal({ progress: 1e308, text: 5, foo: 1 });
    expect(error.code).toBe('BODY.MALFORMED');
    const message = error.details;
    expect(message[0]).toMatch(/^progress must be a number between/);
    expect(message).toEqual(expect.arrayContaining(['property foo should not exist', 'text must be a string']));
    expect(message.filter((m) => m.startsWith('progress'))).toHaveLength(1);
  });

  it('names one problem alone, and refuses too deep a body without validating it', async () => {
    expect((await refusal({ progress: 1e308, text: 'ok' })).details).toEqual([expect.stringMatching(/^progress must be a number between/)]);
    expect((await refusal(JSON.parse('{"progress":' + '['.repeat(20) + ']'.repeat(20) + ',"text":5}'))).details).toEqual([`the body is nested deeper than ${BODY_RULES.maxDepth} levels`]);
  });
});
