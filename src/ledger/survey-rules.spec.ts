import { readAnswers, scaleResult } from './survey-rules';

const questions = [
  { id: 'pay', kind: 'scale' as const, text: '对计件单价是否满意？' },
  { id: 'say', kind: 'text' as const, text: '还有什么意见？' },
];

describe('readAnswers', () => {
  it('takes 1 and 5 on a scale, and refuses 0, 6 and 2.5', () => {
    expect(readAnswers(questions, { pay: 1 }).problems).toEqual([]);
    expect(readAnswers(questions, { pay: 5 }).answers).toEqual([{ questionId: 'pay', scale: 5, text: null }]);
    for (const bad of [0, 6, 2.5, '4']) expect(readAnswers(questions, { pay: bad }).problems).toEqual(['answers.pay must be a whole number from 1 to 5']);
  });
  it('names an unknown question and an empty text, and refuses no answers at all', () => {
    expect(readAnswers(questions, { wage: 3, say: '  ' }).problems).toEqual(['answers.wage: no such question', 'answers.say must be text of 1 to 2000 characters']);
    expect(readAnswers(questions, {}).problems).toEqual(['answers must answer at least one question']);
  });
});

describe('scaleResult', () => {
  it('counts every point of the scale, zero where nobody chose it, and the mean to two decimals', () => {
    expect(scaleResult('pay', [{ scale: 4, n: 2 }, { scale: 5, n: 1 }])).toEqual({ id: 'pay', mean: 4.33, distribution: { '1': 0, '2': 0, '3': 0, '4': 2, '5': 1 } });
  });
  it('has no mean without answers', () => {
    expect(scaleResult('pay', [])).toMatchObject({ mean: null });
  });
});
