import { NegotiationView } from '../negotiations/negotiation-view';
import { RoundView } from '../negotiations/negotiation-records.service';
import { calendarDate, dateTime } from './format';
import { Lang, MessageKey, colon, label, translator } from './i18n';
import { RecordEntry } from './minutes-page';
import { Names, PageContext, stateLabel, timeline } from './negotiation-page';

/**
 * The whole procedure as the audit record tells it, entry by entry: the rounds (with their
 * moves, as `timeline` writes them) and every other step — the answer to the request, the
 * acceptance, the opinions, the vote and its tally, both signatures, the filing, the bureau's
 * review, the publication, suspensions, coordination, deadlines that lapsed. Nothing here is
 * kept anywhere else: the page says what the chain says.
 */
export type ProcedureItem =
  | ({ kind: 'round' } & ReturnType<typeof timeline>[number])
  | {
      kind: 'step';
      side: 'union' | 'enterprise' | 'bureau' | 'system' | 'workers';
      heading: string;
      by: string | null;
      at: string;
      details: string[];
      /** Where the step took the procedure, when it moved it. */
      state: string | null;
      /** The outcome in a word or two (carried, approved, declined…), shown as a tag. */
      verdict: { text: string; tone: 'ok' | 'no' } | null;
    };

const SIDE_OF_ROLE: Record<string, 'union' | 'enterprise' | 'bureau' | 'workers'> = {
  union_negotiator: 'union',
  enterprise_rep: 'enterprise',
  bureau_reviewer: 'bureau',
  worker: 'workers',
};

type Entry = Pick<RecordEntry, 'seq' | 'type' | 'actorId' | 'at' | 'payload'> & { role: string };

export function procedureTimeline(view: NegotiationView, rounds: RoundView[], entries: Entry[], names: Names, ctx: PageContext): ProcedureItem[] {
  const t = translator(ctx.lang);
  const roundItems = new Map(
    timeline(view, rounds, names, ctx).map((item, i) => [
      item.round,
      // the answer is the step that follows in the record; only a round nobody answered yet says so
      { kind: 'round' as const, ...item, answer: rounds[i].answer ? null : item.answer },
    ]),
  );
  const items: ProcedureItem[] = [];
  let opinions: { count: number; at: string; item: ProcedureItem & { kind: 'step' } } | null = null;
  for (const e of entries) {
    const round = view.kind === 'collective_contract' ? roundOf(e) : null;
    if (round !== null && roundItems.has(round)) {
      items.push(roundItems.get(round)!);
      opinions = null;
      continue;
    }
    if (e.type === 'COMMENT') {
      // opinions are listed below with their answers; the procedure counts them, and never names a worker
      if (!opinions) {
        const item = step(e, t('timeline.opinions', { n: 1 }), null, ctx);
        items.push(item);
        opinions = { count: 0, at: e.at, item };
      }
      opinions.count += 1;
      opinions.item.heading = t('timeline.opinions', { n: opinions.count });
      opinions.item.at = dateTime(e.at, ctx.zone, ctx.lang);
      continue;
    }
    opinions = null;
    const by = e.actorId === 'system' ? null : `${actorSide(e.role, t)} · ${names.people.get(e.actorId) ?? '—'}`;
    items.push(step(e, label('event', e.type, ctx.lang), by, ctx));
  }
  return items;
}

function actorSide(role: string, t: ReturnType<typeof translator>): string {
  const side = SIDE_OF_ROLE[role];
  return side === 'union' || side === 'enterprise' ? t(`side.${side}`) : side === 'bureau' ? t('timeline.bureau') : t('timeline.admin');
}

function roundOf(e: Entry): number | null {
  if (e.type === 'OPENED') return 1;
  if (e.type === 'OFFER' && typeof e.payload.round === 'number') return e.payload.round;
  return null;
}

function step(e: Entry, heading: string, by: string | null, ctx: PageContext): ProcedureItem & { kind: 'step' } {
  const from = e.payload.from;
  const to = e.payload.to;
  const moved = typeof to === 'string' && to !== from;
  return {
    kind: 'step',
    side: e.actorId === 'system' ? 'system' : (SIDE_OF_ROLE[e.role] ?? 'system'),
    heading,
    by,
    at: dateTime(e.at, ctx.zone, ctx.lang),
    details: e.type === 'COMMENT' ? [] : details(e, ctx.lang),
    state: moved ? stateLabel(to as string, ctx.lang) : null,
    verdict: verdict(e, ctx.lang),
  };
}

function verdict(e: Entry, lang: Lang): { text: string; tone: 'ok' | 'no' } | null {
  const t = translator(lang);
  const p = e.payload;
  const of = (ok: boolean, yes: MessageKey, no: MessageKey) => ({ text: t(ok ? yes : no), tone: ok ? ('ok' as const) : ('no' as const) });
  if (e.type === 'RECORD_VOTE') return of(p.to === 'ratified', 'timeline.carried', 'timeline.lost');
  if (e.type === 'REVIEW') return of(p.decision === 'approve', 'form.approve', 'form.object');
  if (e.type === 'RESPOND') return of(Boolean(p.accept), 'form.accept', 'form.decline');
  if (e.type === 'COORDINATE') return of(p.outcome !== 'terminate', 'form.resume', 'form.terminate');
  return null;
}

/** What an entry's payload says, in words: the tally, the decision, the reason. */
function details(e: Entry, lang: Lang): string[] {
  const t = translator(lang);
  const p = e.payload as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : null);
  const reason = (key: string) => (text(p[key]) ? [`${t('form.reason')}${colon(lang)}${p[key]}`] : []);
  switch (e.type) {
    case 'RECORD_VOTE':
      return [t('timeline.tally', { eligible: num(p.eligible), present: num(p.present), inFavour: num(p.inFavour), against: num(p.against), abstained: num(p.abstained) })];
    case 'REVIEW':
    case 'COORDINATE':
      return text(p.opinion) ? [`${t('form.opinion')}${colon(lang)}${p.opinion}`] : [];
    case 'SUSPEND':
      return [`${t('form.resumeOn')}${colon(lang)}${typeof p.resumeOn === 'string' ? calendarDate(p.resumeOn, lang) : '—'}`, ...reason('reason')];
    case 'EXTEND':
      return [t('timeline.extended', { n: num(p.days) })];
    case 'RESPOND_TO_OPINIONS':
      return Array.isArray(p.answers) ? [t('timeline.answered', { n: p.answers.length })] : [];
    case 'ACCEPT':
      // its note is the round's answer, written with the round
      return typeof p.round === 'number' ? [t('timeline.acceptedRound', { n: p.round })] : [];
    default:
      return [...reason('reason'), ...(text(p.note) ? [String(p.note)] : [])];
  }
}

const num = (value: unknown) => (typeof value === 'number' ? value : '—');
