import { AuthUser } from '../accounts/auth-user';
import { EventType } from '../negotiations/dto/events.dto';
import { NegotiationView } from '../negotiations/negotiation-view';
import { Side, otherSide } from '../negotiations/negotiation.types';
import { Lang, label, translator } from './i18n';
import { termsFormModel } from './terms-form';

/**
 * The buttons and forms a negotiation page offers: exactly the events in the view's `can`
 * (what the service would accept from this caller now), each with the inputs it needs.
 */
export interface ActionInputs {
  /** The caller's organisation's people who could take a seat (RESPOND, REQUEST_BARGAINING). */
  colleagues: Array<{ id: string; displayName: string }>;
  comments: Array<{ id: string; text: string; answer: unknown }>;
}

/** Events sent with one press: no input beyond the button. */
const ONE_PRESS: EventType[] = ['SIGN', 'FILE', 'PUBLISH', 'RESUME', 'CLOSE_CONSULTATION', 'REQUEST_RENEWAL'];

export function sideOf(user: Pick<AuthUser, 'role'>): Side | null {
  return user.role === 'union_negotiator' ? 'union' : user.role === 'enterprise_rep' ? 'enterprise' : null;
}

export function actionsModel(user: AuthUser, view: NegotiationView, inputs: ActionInputs, lang: Lang) {
  const t = translator(lang);
  const can = new Set(view.can);
  const side = sideOf(user);
  const own = side ? view.latestOffers[side] : null;
  const other = side ? view.latestOffers[otherSide(side)] : null;
  const offerBase = can.has('OFFER') ? (own ?? other)?.terms ?? null : can.has('REQUEST_BARGAINING') ? (view.latestOffers.enterprise?.terms ?? null) : null;
  // the enterprise answers with as many seats as the union holds (集体合同规定 art. 19)
  const seatsWanted = can.has('RESPOND') ? 1 + view.representatives.union.members.length : 3;
  const others = inputs.colleagues.filter((c) => c.id !== user.id);
  return {
    version: view.version,
    buttons: view.can.filter((type) => ONE_PRESS.includes(type)).map((type) => ({ type, label: label('event', type, lang) })),
    forms: view.can.filter((type) => !ONE_PRESS.includes(type)).map((type) => ({ type, label: label('event', type, lang) })),
    terms: offerBase || can.has('OFFER') ? termsFormModel(offerBase, lang) : null,
    accepting: can.has('ACCEPT') && other ? { round: other.round, text: t('negotiations.round', { n: other.round }) } : null,
    seats:
      can.has('RESPOND') || can.has('REQUEST_BARGAINING')
        ? {
            chief: user.id,
            choices: inputs.colleagues,
            members: others.slice(0, seatsWanted - 1).map((c) => c.id),
          }
        : null,
    opinions: can.has('RESPOND_TO_OPINIONS') ? inputs.comments.filter((c) => !c.answer) : [],
  };
}
