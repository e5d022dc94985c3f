import { RoundView } from '../negotiations/negotiation-records.service';
import { NegotiationView } from '../negotiations/negotiation-view';
import { Side } from '../negotiations/negotiation.types';
import { Terms } from '../terms/terms';
import { dateTime } from './format';
import { Lang, colon, label, translator } from './i18n';
import { Names, recorderName, representatives } from './negotiation-page';
import { comparePaths, describeTerms, termLabel, termValue } from './terms-display';

/** An audit entry as NegotiationRecords.auditEntries returns it. */
export interface RecordEntry {
  seq: number;
  type: string;
  actorId: string;
  at: string;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/**
 * The chain entries a round's minutes cite: the entry that tabled the offer (OPENED for
 * round 1, else the OFFER recorded for that round) and the entry that answered it.
 */
export function entriesOfRound(round: RoundView, entries: RecordEntry[]): RecordEntry[] {
  const tabled =
    round.round === 1 ? entries.find((e) => e.type === 'OPENED') : entries.find((e) => e.type === 'OFFER' && e.payload.round === round.round);
  // a counter-offer is recorded as the next round's OFFER, an acceptance with the round it accepts
  const answer = !round.answer
    ? undefined
    : round.answer.type === 'OFFER'
      ? entries.find((e) => e.type === 'OFFER' && e.payload.round === round.round + 1)
      : round.answer.type === 'ACCEPT'
        ? entries.find((e) => e.type === 'ACCEPT' && e.payload.round === round.round)
        : entries.find((e) => e.type === round.answer!.type && e.actorId === round.answer!.by && e.at === round.answer!.at);
  return [tabled, answer].filter((e): e is RecordEntry => e !== undefined && e !== null);
}

/** 协商记录: one round, printable, with both chiefs' names and the hashes that anchor it. */
export function minutesPage(
  view: NegotiationView,
  round: RoundView,
  entries: RecordEntry[],
  chainIntact: boolean,
  names: Names,
  lang: Lang,
  zone: string,
) {
  const t = translator(lang);
  const sides = representatives(view, names, lang);
  return {
    negotiation: { id: view.id, title: view.title },
    round: round.round,
    heading: `${t('minutes.title')} · ${t('minutes.round', { n: round.round })}`,
    parties: sides,
    recorder: recorderName(view, names),
    proposer: `${t(`side.${round.proposer as Side}`)} · ${names.people.get(round.proposedBy) ?? '—'}`,
    at: dateTime(round.at, zone, lang),
    sections: describeTerms(round.terms as Terms, lang),
    changes:
      round.round === 1
        ? []
        : round.changes
            .filter((c) => !c.path.endsWith('.topic'))
            .sort((a, b) => comparePaths(a.path, b.path))
            .map((c) => `${termLabel(c.path, lang)}${colon(lang)}${termValue(c.path, c.from, lang)} → ${termValue(c.path, c.to, lang)}`),
    note: round.note,
    answer: round.answer
      ? `${label('answer', round.answer.type, lang)} · ${names.people.get(round.answer.by) ?? round.answer.by} · ${dateTime(round.answer.at, zone, lang)}`
      : t('negotiation.awaiting'),
    entries: entriesOfRound(round, entries).map((e) => ({
      seq: e.seq,
      type: label('event', e.type, lang),
      at: dateTime(e.at, zone, lang),
      hash: e.hash,
      prevHash: e.prevHash,
    })),
    chainIntact,
    auditHead: view.auditHead,
  };
}
