import { EventType } from '../negotiations/dto/events.dto';
import { NegotiationView } from '../negotiations/negotiation-view';
import { RoundView } from '../negotiations/negotiation-records.service';
import { Side } from '../negotiations/negotiation.types';
import { Terms } from '../terms/terms';
import { Leaf, TermChange, flattenTerms } from '../terms/terms-comparison';
import { alwaysAgreed, danceCharts } from './dance-chart';
import { dateTime, timeLeft } from './format';
import { Lang, colon, label, translator } from './i18n';
import { comparePaths, describeTerms, isClause, joinMoves, termLabel, termValue } from './terms-display';

/**
 * The view models of a negotiation's pages: its state, clocks, positions and the dance
 * chart, the timeline of rounds. Names come in resolved (`people`, `orgs`); nothing here
 * reads the database.
 */
export interface Names {
  people: Map<string, string>;
  orgs: Map<string, string>;
}

export interface PageContext {
  lang: Lang;
  zone: string;
  now: Date;
}

const SIDES: Side[] = ['union', 'enterprise'];

export function stateLabel(state: string, lang: Lang): string {
  return label('state', state, lang);
}

/** Running clocks, soonest first, with how long is left. */
export function deadlineRows(view: Pick<NegotiationView, 'deadlines'>, { lang, zone, now }: PageContext) {
  const t = translator(lang);
  return [...view.deadlines]
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
    .map((d) => {
      const left = timeLeft(d.dueAt, now);
      return {
        label: label('deadline', d.kind, lang),
        due: dateTime(d.dueAt, zone, lang),
        overdue: d.overdue || left.overdue,
        left: left.overdue ? t('negotiation.overdue') : t(left.unit === 'days' ? 'negotiation.daysLeft' : 'negotiation.hoursLeft', { n: left.n }),
        // 民法典 art. 203 without the State Council's holidays for that year: say so
        note: d.calendar === 'weekends_only' ? t('negotiation.weekendsOnly') : null,
      };
    });
}

/**
 * Events that move a procedure on and that it waits for; the others (withdraw, suspend,
 * dispute, comment…) are always open and do not make a negotiation "wait for you".
 */
const MOVES_ON = new Set<EventType>([
  'RESPOND', 'OFFER', 'ACCEPT', 'COORDINATE', 'RECORD_VOTE', 'SIGN', 'FILE', 'REVIEW', 'PUBLISH', 'RESPOND_TO_OPINIONS',
  // ballots
  'OPEN_BALLOT', 'CLOSE_BALLOT',
]);

/** One line of "my negotiations". */
export function negotiationListItem(view: NegotiationView, ctx: PageContext) {
  const t = translator(ctx.lang);
  return {
    id: view.id,
    title: view.title,
    kind: t(view.kind === 'rule_change' ? 'kind.rule_change' : 'kind.collective_contract'),
    state: stateLabel(view.state, ctx.lang),
    round: view.round ? t('negotiations.round', { n: view.round }) : null,
    yourMove: view.can.some((type) => MOVES_ON.has(type)),
    next: deadlineRows(view, ctx)[0] ?? null,
  };
}

/** The top of a negotiation's page: what it is, where it stands, whose turn. */
export function header(view: NegotiationView, lang: Lang) {
  const t = translator(lang);
  return {
    id: view.id,
    title: view.title,
    kind: t(view.kind === 'rule_change' ? 'kind.rule_change' : 'kind.collective_contract'),
    state: stateLabel(view.state, lang),
    round: view.round ? t('negotiations.round', { n: view.round }) : null,
    turn: view.turn ? t('negotiation.turn', { side: t(`side.${view.turn}`) }) : null,
    returned: view.returnedBecause,
  };
}

/** Opinions on the draft. Workers are not named to the parties: an opinion should not cost a rider their orders. */
export function commentRows<C extends { authorId: string | null; authorRole: string; at: string }>(comments: C[], names: Names, ctx: PageContext) {
  const t = translator(ctx.lang);
  return comments.map((c) => ({
    ...c,
    author: c.authorRole === 'worker' ? t('draft.byWorker') : (names.people.get(c.authorId ?? '') ?? '—'),
    at: dateTime(c.at, ctx.zone, ctx.lang),
  }));
}

/**
 * Each side's latest figure per term, or — once one side accepted — the agreed terms. Clauses
 * are prose, not figures: they come as blocks of their own, since a table cell of long Chinese
 * text squeezes the other columns to a character's width on a phone.
 */
export function positionRows(view: NegotiationView, lang: Lang) {
  // a rule change is not bargained offer by offer: its one position is the platform's proposal
  const proposal = view.kind === 'rule_change' ? (view.latestOffers.enterprise?.terms ?? null) : null;
  if (proposal) return { agreed: describeTerms(proposal, lang), proposal: true, rows: [], clauses: [] };
  if (view.agreedTerms) return { agreed: describeTerms(view.agreedTerms, lang), proposal: false, rows: [], clauses: [] };
  const t = translator(lang);
  const offers = SIDES.map((side) => flattenTerms(view.latestOffers[side]?.terms ?? {}));
  const settled = new Set(view.settled);
  const paths = [...new Set(offers.flatMap((o) => [...o.keys()]))].filter((p) => !p.endsWith('.topic')).sort(comparePaths);
  const show = (path: string, value: Leaf | undefined) => (value === undefined ? '—' : termValue(path, value, lang));
  const clause = (path: string) => {
    const topicPath = path.replace(/\.text$/, '.topic');
    const both = settled.has(path) && settled.has(topicPath);
    const sides = SIDES.map((side, i) => ({
      side,
      label: t(`side.${side}`),
      topic: offers[i].has(topicPath) ? label('topic', String(offers[i].get(topicPath)), lang) : null,
      text: show(path, offers[i].get(path)),
    }));
    return { label: termLabel(path, lang), settled: both, sides: both ? [{ ...sides[0], side: 'both', label: t('negotiation.bothSides') }] : sides };
  };
  return {
    agreed: null,
    proposal: false,
    rows: paths
      .filter((path) => !isClause(path))
      .map((path) => ({
        label: termLabel(path, lang),
        union: show(path, offers[0].get(path)),
        enterprise: show(path, offers[1].get(path)),
        settled: settled.has(path),
      })),
    clauses: paths.filter(isClause).map(clause),
  };
}

/**
 * The rounds as a timeline: who offered what, what that side gave or took back, how the other
 * side answered. A round lists its side's moves against that side's own previous offer (the
 * record's `ownChanges`) — against the round before, the figures would be the other side's,
 * reporting moves nobody made. A side's first offer is set against the offer it answers; the
 * opening offer lists every term.
 */
export function timeline(view: NegotiationView, rounds: RoundView[], names: Names, ctx: PageContext) {
  const t = translator(ctx.lang);
  return rounds.map((r) => {
    const side = r.proposer as Side;
    const opening = r.round === 1;
    const changes = (r.ownChanges ?? r.changes)
      .filter((c) => !c.path.endsWith('.topic'))
      .sort((a, b) => comparePaths(a.path, b.path))
      .map((c) => `${termLabel(c.path, ctx.lang)}${colon(ctx.lang)}${opening ? termValue(c.path, c.to, ctx.lang) : fromTo(c, ctx.lang)}`);
    return {
      round: r.round,
      side,
      heading: t('negotiation.proposedBy', { side: t(`side.${side}`), name: names.people.get(r.proposedBy) ?? '—' }),
      at: dateTime(r.at, ctx.zone, ctx.lang),
      note: r.note,
      against: t(r.ownChanges ? 'negotiation.againstOwn' : opening ? 'negotiation.opening' : 'negotiation.againstOther'),
      changes,
      unchanged: !opening && changes.length === 0,
      // a counter-offer is the next round itself: only other answers, or none yet, are written out
      answer: r.answer
        ? r.answer.type === 'OFFER'
          ? null
          : `${label('answer', r.answer.type, ctx.lang)} · ${names.people.get(r.answer.by) ?? r.answer.by} · ${dateTime(r.answer.at, ctx.zone, ctx.lang)}`
        : t('negotiation.awaiting'),
      minutesHref: `/negotiations/${view.id}/rounds/${r.round}`,
    };
  });
}

/** "7.55 → 7.45 元/单": a unit both figures share is written once. */
export function fromTo(change: TermChange, lang: Lang): string {
  return joinMoves([termValue(change.path, change.from, lang), termValue(change.path, change.to, lang)]);
}

export function charts(view: NegotiationView, rounds: RoundView[], lang: Lang) {
  const offers = rounds.map((r) => ({ round: r.round, proposer: r.proposer as Side, terms: r.terms as Terms }));
  return {
    charts: view.kind === 'collective_contract' ? danceCharts(offers, view.agreedTerms, lang) : [],
    alwaysAgreed: alwaysAgreed(offers).map((path) => termLabel(path, lang)),
  };
}

/** Both sides' seats by name, chief first. */
export function representatives(view: NegotiationView, names: Names, lang: Lang) {
  const t = translator(lang);
  const orgOf = { union: view.unionOrganizationId, enterprise: view.enterpriseOrganizationId };
  return SIDES.map((side) => ({
    side,
    label: t(`side.${side}`),
    organization: names.orgs.get(orgOf[side]) ?? '—',
    chief: view.representatives[side].chief ? (names.people.get(view.representatives[side].chief!) ?? '—') : null,
    members: view.representatives[side].members.map((id) => names.people.get(id) ?? id),
    experts: view.representatives[side].experts.map((id) => names.people.get(id) ?? id),
    vacant: view.representatives[side].vacant.map((id) => names.people.get(id) ?? id),
  }));
}

/** The recorder both chiefs named (art. 33), by name. */
export function recorderName(view: NegotiationView, names: Names): string | null {
  return view.recorder ? (names.people.get(view.recorder) ?? view.recorder) : null;
}

/** Everyone a negotiation page names. */
export function peopleNamed(view: NegotiationView, rounds: RoundView[], comments: Array<{ authorId: string | null }>): string[] {
  return [
    ...SIDES.flatMap((s) => [view.representatives[s].chief ?? '', ...view.representatives[s].members, ...view.representatives[s].experts]),
    view.recorder ?? '',
    ...rounds.flatMap((r) => [r.proposedBy, r.answer?.by ?? '']),
    ...comments.map((c) => c.authorId ?? ''),
  ].filter(Boolean);
}
