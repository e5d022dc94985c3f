import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEADLINE_KINDS } from '../../deadlines/rule-pack';
import { EVENT_TYPES } from '../../negotiations/dto/events.dto';
import { collectiveContractMachine } from '../../negotiations/collective-contract.machine';
import { ruleChangeMachine } from '../../negotiations/rule-change.machine';
import { CLAUSE_TOPICS } from '../../terms/terms';
import { termLabel } from '../terms-display';
import { webAssetPath } from '../web-paths';
import { en } from './en';
import { chooseLang, translator } from './index';
import { hasLabel, label } from './labels';
import { zh } from './zh';

describe('choosing the page language', () => {
  it('is Chinese unless asked otherwise', () => {
    expect(chooseLang(undefined, undefined, undefined)).toBe('zh');
    expect(chooseLang(undefined, undefined, 'fr-FR,fr;q=0.9')).toBe('zh');
  });

  it('follows Accept-Language by quality', () => {
    expect(chooseLang(undefined, undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(chooseLang(undefined, undefined, 'en;q=0.5,zh-CN;q=0.8')).toBe('zh');
    expect(chooseLang(undefined, undefined, 'fr,en-GB;q=0.7')).toBe('en');
  });

  it('lets ?lang= win over the remembered choice, and that over the browser', () => {
    expect(chooseLang('en', 'zh', 'zh-CN')).toBe('en');
    expect(chooseLang(undefined, 'en', 'zh-CN')).toBe('en');
    expect(chooseLang('klingon', undefined, 'en')).toBe('en');
  });
});

describe('the words on the pages', () => {
  it('fills in named parameters', () => {
    expect(translator('zh')('inbox.unread', { n: 3 })).toBe('3 条未读');
    expect(translator('en')('inbox.unread', { n: 3 })).toBe('3 unread');
  });

  it('has an English word for every Chinese one', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
  });

  it('has every key the templates use', () => {
    const dir = webAssetPath('views');
    const files = [...readdirSync(dir).filter((f) => f.endsWith('.njk')), ...readdirSync(join(dir, 'partials')).map((f) => `partials/${f}`)];
    const used = files.flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/\bt\('([a-zA-Z.0-9]+)'\s*[,)]/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((key) => !(key in zh))).toEqual([]);
  });

  it('leaves no English word on a Chinese page: neither in the messages nor written into a template', () => {
    // SHA-256, JSON and CSV are names, and the language switch says English in English
    const english = (text: string) => (text.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !['SHA', 'JSON', 'CSV', 'English'].includes(word));
    expect(Object.values(zh).flatMap((message) => english(message.replace(/\{\w+\}/g, '')))).toEqual([]);
    const dir = webAssetPath('views');
    const files = [...readdirSync(dir).filter((f) => f.endsWith('.njk')), ...readdirSync(join(dir, 'partials')).map((f) => `partials/${f}`)];
    const written = files.flatMap((f) =>
      english(
        readFileSync(join(dir, f), 'utf8')
          .replace(/\{#[\s\S]*?#\}|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g, ' ')
          .replace(/<[^>]*>/g, ' ')
          .replace(/&\w+;/g, ' '),
      ).map((word) => `${f}: ${word}`),
    );
    expect(written).toEqual([]);
  });

  it('names every state of both procedures, every event and every deadline', () => {
    const states = [...Object.keys(collectiveContractMachine.config.states!), ...Object.keys(ruleChangeMachine.config.states!)];
    expect(states.filter((s) => !hasLabel('state', s))).toEqual([]);
    expect(EVENT_TYPES.filter((e) => !hasLabel('event', e))).toEqual([]);
    expect(DEADLINE_KINDS.filter((k) => !hasLabel('deadline', k))).toEqual([]);
    expect(CLAUSE_TOPICS.filter((topic) => !hasLabel('topic', topic))).toEqual([]);
  });

  it('falls back to the code for a name it does not know', () => {
    expect(label('state', 'brand_new_state', 'zh')).toBe('brand_new_state');
  });

  it("takes a code named like one of Object's own properties as a code", () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(label('task', key, 'zh')).toBe(key);
      expect(hasLabel('error', key)).toBe(false);
    }
    expect(termLabel('pieceRates[constructor].baseFen', 'zh')).toBe('constructor·基本单价');
  });
});
