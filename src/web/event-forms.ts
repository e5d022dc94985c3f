import { EVENT_TYPES, EventType } from '../negotiations/dto/events.dto';
import { Lang, translator } from './i18n';
import { FormError, termsFromForm } from './terms-form';
import { field, fields } from './web-params';

/**
 * A negotiator page's form → the event body NegotiationsService.send takes, the same body a
 * client would POST to /api/negotiations/:id/events. Only shapes are fixed here (numbers from
 * text, units, seat lists); every rule of substance stays with the service.
 */
export function eventFromForm(form: Record<string, unknown>, lang: Lang): { type: EventType; body: Record<string, unknown> } {
  const t = translator(lang);
  const type = field(form, 'type') as EventType;
  if (!EVENT_TYPES.includes(type)) throw new FormError([t('error.400')]);
  const text = (name: string) => field(form, name);
  const optional = (name: string) => (text(name) ? { [name]: text(name) } : {});
  const whole = (name: string, what: string): number => {
    const raw = text(name);
    if (!/^\d+$/.test(raw)) throw new FormError([t(raw ? 'form.invalid' : 'form.required', { field: what })]);
    return Number(raw);
  };
  const seats = () => ({ chief: text('chief'), members: fields(form, 'members').filter((id) => id !== text('chief')) });
  // delegates are typed one user id per line (or separated by commas or spaces)
  const delegates = (): { delegates?: string[] } => {
    const ids = text('delegates').split(/[\s,，]+/).filter(Boolean);
    return ids.length ? { delegates: ids } : {};
  };

  switch (type) {
    case 'RESPOND':
      return text('accept') === 'yes'
        ? { type, body: { type, accept: true, representatives: seats() } }
        : { type, body: { type, accept: false, reason: text('reason') } };
    case 'OFFER':
      return { type, body: { type, terms: termsFromForm(form, lang), ...optional('note') } };
    case 'ACCEPT':
      return { type, body: { type, ...optional('note') } };
    case 'SUSPEND':
      return { type, body: { type, resumeOn: text('resumeOn'), reason: text('reason') } };
    case 'DISPUTE':
    case 'WITHDRAW':
      return { type, body: { type, reason: text('reason') } };
    case 'COORDINATE':
      return { type, body: { type, outcome: text('outcome'), opinion: text('opinion') } };
    case 'EXTEND':
      return { type, body: { type, days: whole('days', t('form.days')) } };
    case 'COMMENT':
      return { type, body: { type, text: text('text') } };
    case 'RECORD_VOTE': {
      const tally = ['eligible', 'present', 'inFavour', 'against', 'abstained'] as const;
      const problems: string[] = [];
      const counts: Record<string, number> = {};
      for (const name of tally) {
        try {
          counts[name] = whole(name, t(`form.${name}`));
        } catch (error) {
          problems.push(...(error as FormError).messages);
        }
      }
      if (problems.length) throw new FormError(problems);
      return { type, body: { type, ...counts, countSheetSha256: text('countSheetSha256').toLowerCase(), ...delegates() } };
    }
    // ballots
    case 'OPEN_BALLOT':
      return { type, body: { type, body: text('body'), closesOn: text('closesOn'), ...(text('body') === 'delegates' ? delegates() : {}) } };
    case 'CLOSE_BALLOT':
      return { type, body: { type } };
    case 'REVIEW':
      return { type, body: { type, decision: text('decision'), ...(text('decision') === 'object' ? { opinion: text('opinion') } : {}) } };
    case 'RESPOND_TO_OPINIONS': {
      const answers = fields(form, 'commentId').map((commentId) => ({
        commentId,
        adopted: text(`adopted.${commentId}`) === 'yes',
        reason: text(`reason.${commentId}`),
      }));
      return { type, body: { type, answers } };
    }
    case 'REQUEST_BARGAINING':
      return {
        type,
        body: { type, reason: text('reason'), representatives: seats(), proposal: termsFromForm(form, lang), ...optional('title') },
      };
    case 'REQUEST_INFORMATION':
      return { type, body: { type, items: ['order_sample'], ...optional('note') } };
    // their data arrive by their own routes (an order sample's file, the current rules)
    case 'PROVIDE_INFORMATION':
    case 'DECLARE_CURRENT_TERMS':
      throw new FormError([t('error.400')]);
    // — the table —
    case 'REPLACE_SEAT':
      return { type, body: { type, out: text('out'), in: text('in'), reason: text('reason') } };
    case 'VACATE_SEAT':
      return { type, body: { type, userId: text('userId'), reason: text('reason') } };
    case 'NAME_RECORDER':
      return { type, body: { type, userId: text('userId') } };
    case 'RESUME':
    case 'SIGN':
    case 'FILE':
    case 'PUBLISH':
    case 'CLOSE_CONSULTATION':
    case 'REQUEST_RENEWAL':
      return { type, body: { type } };
  }
}
