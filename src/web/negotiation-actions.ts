import { AuthUser } from '../accounts/auth-user';
import { EventType } from '../negotiations/dto/events.dto';
import { NegotiationView } from '../negotiations/negotiation-view';
import { Side, otherSide } from '../negotiations/negotiation.types';
import { Lang, label, translator } from './i18n';
import { termsFormModel, termsToForm } from './terms-form';
import { field, fields } from './web-params';

/**
 * The buttons and forms a negotiation page offers: exactly the events in the view's `can`
 * (what the service would accept from this caller now), each with the inputs it needs.
 */
export interface ActionInputs {
  /** The caller's organisation's people who could take a seat (RESPOND, REQUEST_BARGAINING). */
  colleagues: Array<{ id: string; displayName: string }>;
  comments: Array<{ id: string; text: string; answer: unknown }>;
  /** Everyone seated, by name (REPLACE_SEAT, VACATE_SEAT). */
  seated?: Array<{ id: string; displayName: string }>;
}

/** Events sent with one press: no input beyond the button. */
const ONE_PRESS: EventType[] = ['SIGN', 'FILE', 'PUBLISH', 'RESUME', 'CLOSE_CONSULTATION', 'REQUEST_RENEWAL', 'CLOSE_BALLOT'];

export function sideOf(user: Pick<AuthUser, 'role'>): Side | null {
  return user.role === 'union_negotiator' ? 'union' : user.role === 'enterprise_rep' ? 'enterprise' : null;
}

/** A form the service (or the form reader) refused: shown again as it was filled in. */
export interface SentForm {
  type: string;
  fields: Record<string, unknown>;
}

export function actionsModel(user: AuthUser, view: NegotiationView, inputs: ActionInputs, lang: Lang, sent: SentForm | null = null) {
  const t = translator(lang);
  const can = new Set(view.can);
  const side = sideOf(user);
  const own = side ? view.latestOffers[side] : null;
  const other = side ? view.latestOffers[otherSide(side)] : null;
  const offerBase = can.has('OFFER') ? (own ?? other)?.terms ?? null : can.has('REQUEST_BARGAINING') ? (view.latestOffers.enterprise?.terms ?? null) : null;
  const sentTerms = sent && (sent.type === 'OFFER' || sent.type === 'REQUEST_BARGAINING') ? sent.fields : null;
  // the enterprise answers with as many seats as the union holds (集体合同规定 art. 19)
  const seatsWanted = can.has('RESPOND') ? 1 + view.representatives.union.members.length : 3;
  const others = inputs.colleagues.filter((c) => c.id !== user.id);
  const sentSeats = sent && field(sent.fields, 'chief') ? { chief: field(sent.fields, 'chief'), members: fields(sent.fields, 'members') } : null;
  const forms = view.can.filter((type) => !ONE_PRESS.includes(type));
  return {
    version: view.version,
    buttons: view.can.filter((type) => ONE_PRESS.includes(type)).map((type) => ({ type, label: label('event', type, lang) })),
    forms: forms.map((type) => ({ type, label: label('event', type, lang), open: forms.length === 1 || type === sent?.type })),
    /** What the refused form held, by field name; the template fills in the form of that type only. */
    kept: sent ? keptFields(sent.fields) : {},
    terms: sentTerms || offerBase || can.has('OFFER') ? termsFormModel(sentTerms ?? termsToForm(offerBase), lang) : null,
    accepting: can.has('ACCEPT') && other ? { round: other.round, text: t('negotiations.round', { n: other.round }) } : null,
    seats:
      can.has('RESPOND') || can.has('REQUEST_BARGAINING')
        ? {
            chief: sentSeats?.chief ?? user.id,
            choices: inputs.colleagues,
            members: sentSeats?.members ?? others.slice(0, seatsWanted - 1).map((c) => c.id),
          }
        : null,
    opinions: can.has('RESPOND_TO_OPINIONS') ? inputs.comments.filter((c) => !c.answer) : [],
    // the table: who holds a seat, who could take one
    seated: can.has('REPLACE_SEAT') || can.has('VACATE_SEAT') ? (inputs.seated ?? []) : [],
    newcomers: can.has('REPLACE_SEAT') ? inputs.colleagues : [],
    /** The roll a ballot opened now would have: RECORD_VOTE's eligible must equal it. */
    covered: view.covered,
  };
}

/** The sent fields as strings, for filling a form in again; only names a form of ours uses. */
export function keptFields(form: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.keys(form)
      .filter((name) => /^[a-zA-Z][\w.-]*$/.test(name))
      .map((name) => [name, field(form, name)]),
  );
}
