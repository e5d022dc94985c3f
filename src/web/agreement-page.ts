import { ChainLink } from '../audit/audit-chain';
import { toAgreementView } from '../agreements/agreements.service';
import { regionName } from '../common/regions';
import { calendarDate, dateTime } from './format';
import { Lang, label, translator } from './i18n';
import { describeTerms } from './terms-display';
import { payloadOf } from '../agreements/publication-check';

type AgreementView = ReturnType<typeof toAgreementView>;

/** One line of the public list. */
export function agreementListItem(a: AgreementView, lang: Lang, zone: string) {
  return {
    id: a.id,
    title: a.title,
    kind: translator(lang)(a.kind === 'rule_change' ? 'kind.rule_change' : 'kind.collective_contract'),
    region: regionName(a.scope.region) ?? a.scope.region,
    industry: label('industry', a.scope.industry, lang),
    effectiveFrom: calendarDate(a.effectiveFrom, lang),
    expiresOn: a.expiresOn ? calendarDate(a.expiresOn, lang) : null,
    publishedAt: dateTime(a.publishedAt, zone, lang),
  };
}

const sideOfRole = (role: string) => (role === 'union_negotiator' ? 'union' : 'enterprise');

/**
 * The public page of a publication: its terms in plain words, dates, parties, who signed and
 * who published (read from the audit chain, so the page says what the record says).
 */
export function agreementPage(a: AgreementView, entries: ChainLink[], people: Map<string, string>, orgs: Map<string, string>, lang: Lang, zone: string) {
  const t = translator(lang);
  const opened = entries.find((e) => e.type === 'OPENED');
  const parties = opened
    ? (['union', 'enterprise'] as const).map((side) => ({
        side: t(`side.${side}`),
        name: orgs.get(String(payloadOf(opened)[`${side}OrgId`])) ?? '—',
      }))
    : [];
  const signatures = entries
    .filter((e) => e.type === 'SIGN')
    .map((e) => t('agreement.signedBy', { name: people.get(e.actorId) ?? e.actorId, side: t(`side.${sideOfRole(e.role)}`), at: dateTime(e.at, zone, lang) }));
  const publish = entries.find((e) => e.hash === a.auditHead);
  // the vote that ratified the text: the workers' ballot, or a count sheet recorded by hand
  const ratifiedBy = [...entries].reverse().find((e) => ['RECORD_VOTE', 'CLOSE_BALLOT', 'BALLOT_PERIOD_ENDED'].includes(e.type) && payloadOf(e).to === 'ratified');
  const tally = ratifiedBy ? (payloadOf(ratifiedBy) as Record<string, number>) : null;
  return {
    ...agreementListItem(a, lang, zone),
    scope: {
      enterprises: a.scope.enterpriseIds.length ? a.scope.enterpriseIds.map((id) => orgs.get(id) ?? id) : null,
      categories: a.scope.workerCategories.length ? a.scope.workerCategories.map((c) => label('category', c, lang)) : null,
    },
    parties,
    sections: describeTerms(a.terms, lang),
    signatures,
    ratification:
      ratifiedBy && tally
        ? { method: label('vote', ratifiedBy.type === 'RECORD_VOTE' ? 'count_sheet' : 'ballot', lang), tally: t('vote.tally', tally) }
        : null,
    publishedBy: publish ? t('agreement.publishedBy', { name: people.get(publish.actorId) ?? publish.actorId, at: dateTime(publish.at, zone, lang) }) : null,
    opinions: a.opinions,
    auditHead: a.auditHead,
  };
}

/** Everyone the page names: signers, the publisher, both parties and the enterprises in scope. */
export function namesNeeded(a: AgreementView, entries: ChainLink[]): { people: string[]; orgs: string[] } {
  const opened = entries.find((e) => e.type === 'OPENED');
  const openedPayload = opened ? payloadOf(opened) : {};
  return {
    people: entries.filter((e) => e.type === 'SIGN' || e.hash === a.auditHead).map((e) => e.actorId),
    orgs: [...a.scope.enterpriseIds, String(openedPayload.unionOrgId ?? ''), String(openedPayload.enterpriseOrgId ?? '')],
  };
}

/**
 * Why a chain failed, in the page's language. The audit module words its reasons in English
 * for operators and the CLI; a Chinese page says the same in Chinese, and keeps an unknown
 * reason as written rather than hide it.
 */
const CHAIN_REASONS: Array<[RegExp, string]> = [
  [/^expected seq/, '记录序号不连续，有记录缺失或被插入'],
  [/^prevHash/, '与上一条记录的哈希不衔接'],
  [/^payload is not canonical/, '记录内容不是规范化 JSON，已被改动'],
  [/^hash does not match/, '重新计算的哈希与记录不符，内容已被改动'],
  [/^the negotiation records/, '记录条数或末条哈希与协商不符，末尾的记录可能已被删除'],
];

export function chainReason(reason: string, lang: Lang): string {
  if (lang === 'en') return reason;
  return CHAIN_REASONS.find(([pattern]) => pattern.test(reason))?.[1] ?? reason;
}

