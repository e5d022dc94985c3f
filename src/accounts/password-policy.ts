import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * What a password of an account made through the API or `create-admin` must be: long enough,
 * and not guessable by zxcvbn's estimate (score 0–4; 3 is "safely unguessable", about 10¹⁰
 * guesses). The demo's `demo-pass` is seeded by the fixture, never created through here.
 */
export const PASSWORD_POLICY = { minLength: 12, minScore: 3 } as const;

let zxcvbn: ZxcvbnFactory | undefined;

/** zxcvbn and its dictionaries, loaded when a password is first checked: they take a quarter of a start-up. */
function estimator(): ZxcvbnFactory {
  if (!zxcvbn) {
    const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
    zxcvbn = new ZxcvbnFactory({ translations: en.translations, graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary, ...en.dictionary } });
  }
  return zxcvbn;
}

/** Why the password is refused (zxcvbn's own feedback where it has one), or null when it is good enough. */
export function passwordProblem(password: string, userInputs: string[] = []): string | null {
  if ([...password].length < PASSWORD_POLICY.minLength) return `the password must be at least ${PASSWORD_POLICY.minLength} characters`;
  const { score, feedback } = estimator().check(password, userInputs);
  if (score >= PASSWORD_POLICY.minScore) return null;
  const why = [feedback.warning, ...feedback.suggestions].filter(Boolean).join(' ');
  return `the password is too easy to guess (strength ${score} of 4, at least ${PASSWORD_POLICY.minScore} needed)${why ? `: ${why}` : ''}`;
}
