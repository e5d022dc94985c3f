import { AnnualReport } from '../ledger/annual-report.service';
import { CommitmentView } from '../ledger/commitments.service';
import { ComplaintView, OwnComplaintView } from '../ledger/complaints.service';
import { Evidence } from '../ledger/evidence.service';
import { SurveyResults, SurveyView } from '../ledger/surveys.service';
import { calendarDate, dateTime } from './format';
import { Lang, MessageKey, label, translator } from './i18n';

/**
 * View models of the pages after publication: the ledger of commitments, complaints, surveys,
 * the board and the annual report. Names come in resolved; nothing here reads the database.
 */
export interface LedgerContext {
  lang: Lang;
  zone: string;
}

export function commitmentRows(list: CommitmentView[], orgs: Map<string, string>, people: Map<string, string>, { lang, zone }: LedgerContext) {
  const t = translator(lang);
  return list.map((c) => ({
    id: c.id,
    topic: label('topic', c.clause.topic, lang),
    text: c.clause.text,
    responsible: c.responsible,
    owner: orgs.get(c.responsibleOrgId) ?? t(`side.${c.responsible}` as MessageKey),
    due: calendarDate(c.dueOn, lang),
    status: c.status,
    statusLabel: t(`status.${c.status}` as MessageKey),
    progress: c.progress,
    reports: c.reports.map((r) => ({ at: dateTime(r.at, zone, lang), by: people.get(r.by) ?? '—', progress: r.progress, text: r.text })),
    verification: c.verification
      ? {
          verdict: c.verification.verdict,
          label: t(c.verification.verdict === 'confirmed' ? 'ledger.confirmed' : 'ledger.disputed'),
          note: c.verification.note,
          by: people.get(c.verification.by) ?? '—',
          at: dateTime(c.verification.at, zone, lang),
        }
      : null,
  }));
}

export function complaintRows(list: Array<ComplaintView | OwnComplaintView>, clauseTopics: Map<string, string[]>, { lang, zone }: LedgerContext) {
  const t = translator(lang);
  return list.map((c) => ({
    id: c.id,
    agreementId: c.agreementId,
    clause: c.clauseIndex === null ? t('complaint.noClause') : `${label('field', 'clause', lang)} ${c.clauseIndex + 1} · ${clauseTopics.get(c.agreementId)?.[c.clauseIndex] ?? ''}`,
    text: c.text,
    orderId: c.orderId,
    status: c.status,
    statusLabel: t(`complaint.status.${c.status}` as MessageKey),
    overdue: c.overdue,
    filedAt: dateTime(c.filedAt, zone, lang),
    dueBy: dateTime(c.answerDueAt, zone, lang),
    answer: c.answer ? { text: c.answer.text, at: dateTime(c.answer.at, zone, lang) } : null,
    escalationReason: c.escalationReason,
    worker: 'worker' in c ? (c.worker?.displayName ?? t('complaint.anonymous')) : null,
  }));
}

/** A survey's results as bars: each point's share of the answers, in whole percent. */
export function surveyResultRows(survey: SurveyView, results: SurveyResults, lang: Lang) {
  const t = translator(lang);
  return {
    id: survey.id,
    title: survey.title,
    closes: calendarDate(survey.closesOn, lang),
    open: survey.open,
    responses: t('survey.responses', { n: results.responses, covered: results.covered }),
    questions: results.questions.map((r) => {
      const question = survey.questions.find((q) => q.id === r.id)!;
      if ('texts' in r) return { text: question.text, texts: r.texts, bars: null, mean: null };
      const total = Object.values(r.distribution).reduce((a, b) => a + b, 0);
      return {
        text: question.text,
        texts: null,
        mean: r.mean === null ? null : t('survey.mean', { mean: r.mean }),
        bars: Object.entries(r.distribution).map(([point, n]) => ({ point, n, percent: total ? Math.round((n * 100) / total) : 0 })),
      };
    }),
  };
}

export function evidenceModel(evidence: Evidence | null, lang: Lang) {
  if (!evidence) return null;
  const t = translator(lang);
  const { complaints, commitments } = evidence;
  return {
    surveys: evidence.surveys.map((s) => surveyResultRows({ id: s.id, title: s.title, closesOn: s.closesOn, questions: s.asked, agreementId: '', open: false }, s, lang)),
    complaints: t('evidence.complaints', { total: complaints.total }),
    byClause: complaints.byClause.map((c) =>
      c.clauseIndex === null ? t('evidence.noClause', { count: c.count }) : t('evidence.byClause', { n: c.clauseIndex + 1, count: c.count }),
    ),
    commitments: t('evidence.commitments', commitments),
  };
}

export interface BarChart {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  /** Accessible summary: every bar in words (the SVG's <title>). */
  summary: string;
  bars: Array<{ x: number; y: number; w: number; h: number; label: string; value: string }>;
  yTicks: Array<{ y: number; label: string }>;
  grid: string;
}

export const REPORT_CHART = { width: 320, height: 160, left: 28, right: 8, top: 14, bottom: 24 } as const;

/**
 * Satisfaction by quarter, drawn on the server like the dance chart: one bar per quarter on a
 * fixed 1–5 scale (so years compare at a glance), a gap where a quarter had no answers.
 */
export function satisfactionChart(quarters: AnnualReport['satisfactionByQuarter'], lang: Lang): BarChart {
  const { width, height, left, right, top, bottom } = REPORT_CHART;
  const plot = { left, right: width - right, top, bottom: height - bottom };
  const [lo, hi] = [0, 5];
  const yOf = (v: number) => Math.round(plot.bottom - ((v - lo) / (hi - lo)) * (plot.bottom - plot.top));
  const slot = (plot.right - plot.left) / 4;
  const w = Math.round(slot * 0.6);
  const bars = [1, 2, 3, 4].flatMap((quarter) => {
    const q = quarters.find((x) => x.quarter === quarter);
    const x = Math.round(plot.left + slot * (quarter - 1) + (slot - w) / 2);
    if (!q) return [];
    return [{ x, y: yOf(q.mean), w, h: plot.bottom - yOf(q.mean), label: `Q${quarter}`, value: String(q.mean) }];
  });
  const yTicks = [1, 2, 3, 4, 5].map((v) => ({ y: yOf(v), label: String(v) }));
  const none = lang === 'zh' ? '无数据' : 'no data';
  const summary = [1, 2, 3, 4].map((quarter) => `Q${quarter} ${quarters.find((x) => x.quarter === quarter)?.mean ?? none}`).join(lang === 'zh' ? '；' : '; ');
  return {
    width,
    height,
    plot,
    summary,
    bars,
    yTicks,
    grid: yTicks.map((tick) => `M${plot.left} ${tick.y}H${plot.right}`).join(''),
  };
}

/** The annual report's figures in words; the CSV carries the same. */
export function reportModel(r: AnnualReport, lang: Lang) {
  const t = translator(lang);
  const kinds = (counts: Record<string, number>) =>
    Object.entries(counts).map(([kind, n]) => `${t(kind === 'rule_change' ? 'kind.rule_change' : 'kind.collective_contract')} ${n}`).join(lang === 'zh' ? '，' : ', ') || '0';
  const days = (d: number | null) => (d === null ? t('report.noData') : String(d));
  return {
    opened: kinds(r.negotiations.opened),
    concluded: kinds(r.negotiations.concluded),
    stages: (['response', 'bargaining', 'approval', 'total'] as const).map((s) => ({ label: t(`report.stage.${s}`), days: days(r.medianDaysPerStage[s]) })),
    inForce: r.agreementsInForce,
    covered: r.workersCovered,
    ackRate: r.acknowledgements.rateBasisPoints === null ? t('report.noData') : `${(r.acknowledgements.rateBasisPoints / 100).toFixed(2)}%`,
    commitments: t('report.commitments', { due: r.commitments.due, met: r.commitments.metOnTime, overdue: r.commitments.overdue }),
    complaints: t('report.complaints', { filed: r.complaints.filed, answered: r.complaints.answered, late: r.complaints.answeredLate, days: days(r.complaints.medianAnswerDays) }),
    chart: satisfactionChart(r.satisfactionByQuarter, lang),
  };
}
