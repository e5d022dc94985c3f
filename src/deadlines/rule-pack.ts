import { regionAncestors } from '../common/regions';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Duration } from 'luxon';

/**
 * Statutory periods as ISO 8601 durations, cited once here. Places differ (Shanghai asks for
 * a reply in 15 days), so a pack is chosen by the negotiation's region and may give only some
 * keys; the rest fall back to the national pack (DESIGN §1).
 */
export const NATIONAL_RULE_PACK = {
  /** 集体合同规定 art. 32: the written answer to a request to bargain, within 20 days. */
  response: 'P20D',
  /** 集体合同规定 art. 42: the enterprise files the signed contract within 10 days. */
  filing: 'P10D',
  /** 集体合同规定 art. 47; 劳动合同法 art. 54: no objection within 15 days → in force. */
  review: 'P15D',
  /** 集体合同规定, dispute coordination: concluded within 30 days … */
  coordination: 'P30D',
  /** … extendable once by at most 15 days. */
  coordinationExtensionMax: 'P15D',
  /**
   * 集体合同规定 art. 48: the contract in force is announced to everyone it binds "及时"; the
   * national pack measures that by the 10 days the 2024 协商指引 gives for signed results
   * (publication-rules.ts explains the reading).
   */
  publication: 'P10D',
  /** DESIGN §1b: the default comment window of a rule-change consultation. */
  consultationWindow: 'P7D',
  /** Renewal may be requested in the last 3 months of the term. */
  renewalWindow: 'P3M',
  /** 《平台劳动规则和算法协商指引(试行)》(2026): platform rules are bargained at least yearly. */
  annualRound: 'P1Y',
  /**
   * 人社部发〔2021〕56号 / 001 §12: asked to bargain, the enterprise "积极响应，并提供必要的信息和资料";
   * no period is set in law, so 10 days is our default for handing over the data a costing needs.
   */
  informationRequest: 'P10D',
  /** 集体合同规定 art. 31: a vacant seat is filled within 15 days of falling vacant. */
  seatVacancy: 'P15D',
  /** Seed 004 §三 (申诉机制): the enterprise answers a worker's complaint within 7 days. */
  complaintAnswer: 'P7D',
} as const;

export type RulePackKey = keyof typeof NATIONAL_RULE_PACK;
export type RulePack = Record<RulePackKey, Duration>;
export const RULE_PACK_KEYS = Object.keys(NATIONAL_RULE_PACK) as RulePackKey[];

/**
 * Kinds of deadline rows; `resumption`, `termEnd`, `ballotClose` and `commitmentDue` (a
 * clause's own `dueInDays`) fall on agreed dates, not durations.
 */
export const DEADLINE_KINDS = [
  'response',
  'filing',
  'review',
  'coordination',
  'publication',
  'consultationWindow',
  'resumption',
  'renewalWindow',
  'termEnd',
  'annualRound',
  'informationRequest',
  'seatVacancy',
  // the end of a ballot's last day (OPEN_BALLOT's closesOn), not a duration
  'ballotClose',
  'commitmentDue',
  'complaintAnswer',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/** Parses a (partial) pack; throws one error naming every bad key or duration. */
export function parseRulePack(raw: unknown, origin: string): Partial<RulePack> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error(`rule pack ${origin}: must be a JSON object keyed by ${RULE_PACK_KEYS.join(', ')}`);
  const problems: string[] = [];
  const pack: Partial<RulePack> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'description' || key === 'region' || key === 'source') continue;
    if (!RULE_PACK_KEYS.includes(key as RulePackKey)) {
      problems.push(`unknown key "${key}"`);
      continue;
    }
    const duration = typeof value === 'string' ? Duration.fromISO(value) : Duration.invalid('not a string');
    if (!duration.isValid || duration.toMillis() <= 0) problems.push(`${key}: "${String(value)}" is not a positive ISO 8601 duration`);
    else pack[key as RulePackKey] = duration;
  }
  if (problems.length) throw new Error(`rule pack ${origin}: ${problems.join('; ')}`);
  return pack;
}

export const nationalRulePack = (): RulePack => parseRulePack(NATIONAL_RULE_PACK, 'national') as RulePack;

/**
 * Region packs (fixtures/rule-packs/<GB/T 2260 code>.json) layered over the national pack,
 * most specific region last; an operator's pack (RULE_PACK) is laid over everything.
 */
export class RulePacks {
  constructor(
    private readonly regional: Map<string, Partial<RulePack>>,
    private readonly operator: Partial<RulePack> = {},
  ) {}

  static load(regionalDir: string, operatorPath?: string): RulePacks {
    const regional = new Map<string, Partial<RulePack>>();
    for (const file of readdirSync(regionalDir).filter((f) => /^\d{6}\.json$/.test(f))) {
      const path = join(regionalDir, file);
      regional.set(file.slice(0, 6), parseRulePack(JSON.parse(readFileSync(path, 'utf8')), path));
    }
    let operator: Partial<RulePack> = {};
    if (operatorPath) {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(operatorPath, 'utf8'));
      } catch (error) {
        throw new Error(`rule pack ${operatorPath}: ${(error as Error).message}`);
      }
      operator = parseRulePack(raw, operatorPath);
    }
    return new RulePacks(regional, operator);
  }

  forRegion(region: string): RulePack {
    const layers = regionAncestors(region).map((code) => this.regional.get(code) ?? {});
    return Object.assign(nationalRulePack(), ...layers, this.operator);
  }
}
