import { AnnualReport } from './annual-report.service';

/** The report as `metric,key,value` lines: one figure a line, for a spreadsheet. */
export function annualReportCsv(r: AnnualReport): string {
  const lines: Array<[string, string, string | number | null]> = [
    ['year', '', r.year],
    ['region', '', r.region],
    ...Object.entries(r.negotiations.opened).map(([kind, n]): [string, string, number] => ['negotiations_opened', kind, n]),
    ...Object.entries(r.negotiations.concluded).map(([kind, n]): [string, string, number] => ['negotiations_concluded', kind, n]),
    ...Object.entries(r.medianDaysPerStage).map(([stage, d]): [string, string, number | null] => ['median_days', stage, d]),
    ['agreements_in_force', '', r.agreementsInForce],
    ['workers_covered', '', r.workersCovered],
    ['acknowledgements', 'covered', r.acknowledgements.covered],
    ['acknowledgements', 'acknowledged', r.acknowledgements.acknowledged],
    ['acknowledgements', 'rate_basis_points', r.acknowledgements.rateBasisPoints],
    ['commitments', 'due', r.commitments.due],
    ['commitments', 'met_on_time', r.commitments.metOnTime],
    ['commitments', 'overdue', r.commitments.overdue],
    ['complaints', 'filed', r.complaints.filed],
    ['complaints', 'answered', r.complaints.answered],
    ['complaints', 'answered_late', r.complaints.answeredLate],
    ['complaints', 'median_answer_days', r.complaints.medianAnswerDays],
    ...r.satisfactionByQuarter.flatMap((q): Array<[string, string, number]> => [
      ['satisfaction_mean', `Q${q.quarter}`, q.mean],
      ['satisfaction_answers', `Q${q.quarter}`, q.answers],
    ]),
  ];
  return ['metric,key,value', ...lines.map(([metric, key, value]) => `${metric},${key},${value ?? ''}`)].join('\n') + '\n';
}
