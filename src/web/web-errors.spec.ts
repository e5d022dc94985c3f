import { BadRequestException } from '@nestjs/common';
import { summarizeError } from './web-errors';

describe('summarizeError', () => {
  const refused = new BadRequestException([
    'reason must not be blank',
    'note must be shorter than or equal to 2000 characters',
    'title must be longer than or equal to 2 characters',
    'terms.pieceRates.0.baseFen must not be less than 1',
    'eligible must be an integer number',
    'text must be longer than or equal to 1 characters',
    'property isAdmin should not exist',
  ]);

  it("puts ValidationPipe's sentences in the page's words, each field by its form label", () => {
    expect(summarizeError(refused, 'zh')).toEqual({
      status: 400,
      headline: '填写的内容有误。',
      details: ['理由：不能只有空格', '说明（可选）：最多 2000 个字', '标题：至少 2 个字', 'terms.pieceRates.0.baseFen：不能小于 1', '应到人数：须为整数', '内容：必填', 'property isAdmin should not exist'],
    });
    expect(summarizeError(refused, 'en').details).toEqual([
      'Reason: must not be blank',
      'Note (optional): at most 2000 characters',
      'Title: at least 2 characters',
      'terms.pieceRates.0.baseFen: not less than 1',
      'Eligible: a whole number',
      'Text: required',
      'property isAdmin should not exist',
    ]);
  });
});
