/**
 * Names of the domain's things on the pages, Chinese and English side by side: states,
 * events, deadlines, industries, term fields, error codes. An unknown key falls back to
 * itself, so a new state shows up as its code rather than as nothing.
 */
type Pairs = Record<string, readonly [zh: string, en: string]>;

const GROUPS = {
  state: {
    requested: ['待企业答复', 'Awaiting reply'],
    bargaining: ['协商中', 'Bargaining'],
    suspended: ['中止', 'Suspended'],
    disputed: ['争议协调中', 'In coordination'],
    consultation: ['征求意见中', 'Open for comment'],
    ratified: ['已表决通过，待签字', 'Ratified, to sign'],
    signed: ['已签字，待报送', 'Signed, to file'],
    under_review: ['劳动保障部门审查中', 'Under review'],
    effective: ['已生效，待公布', 'In force, to publish'],
    published: ['已公布', 'Published'],
    awaiting_response: ['待企业答复意见', 'Awaiting answers'],
    responded: ['已答复，待公布', 'Answered, to publish'],
    withdrawn: ['已撤回', 'Withdrawn'],
    terminated: ['已终止', 'Terminated'],
    expired: ['已期满', 'Expired'],
  },
  event: {
    OPENED: ['发起', 'Opened'],
    RESPOND: ['答复协商要求', 'Answer the request'],
    OFFER: ['提出方案', 'Make an offer'],
    ACCEPT: ['接受对方方案', "Accept the other side's offer"],
    SUSPEND: ['中止协商', 'Suspend'],
    RESUME: ['恢复协商', 'Resume'],
    DISPUTE: ['提请争议协调', 'Refer to coordination'],
    WITHDRAW: ['撤回', 'Withdraw'],
    COORDINATE: ['作出协调处理', 'Coordinate'],
    EXTEND: ['延长协调期限', 'Extend coordination'],
    COMMENT: ['提出意见', 'Comment'],
    RECORD_VOTE: ['录入职工表决结果', 'Record the vote'],
    SIGN: ['签字', 'Sign'],
    FILE: ['报送劳动保障部门审查', 'File for review'],
    REVIEW: ['审查', 'Review'],
    PUBLISH: ['向劳动者公布', 'Publish'],
    CLOSE_CONSULTATION: ['结束征求意见', 'Close the consultation'],
    RESPOND_TO_OPINIONS: ['逐条答复意见', 'Answer every opinion'],
    REQUEST_BARGAINING: ['要求集体协商', 'Request bargaining'],
    REQUEST_RENEWAL: ['申请续订', 'Request renewal'],
    REQUEST_INFORMATION: ['要求企业提供订单数据', 'Ask for the order data'],
    PROVIDE_INFORMATION: ['企业提供订单数据', 'Order data handed over'],
    DECLARE_CURRENT_TERMS: ['企业申报现行计酬规则', 'Current pay rules declared'],
    RESPONSE_OVERDUE: ['逾期未答复', 'Reply overdue'],
    RESUMPTION_DUE: ['到期自动恢复', 'Resumed on the agreed date'],
    REVIEW_PERIOD_ELAPSED: ['审查期满自动生效', 'Review period elapsed'],
    CONSULTATION_WINDOW_CLOSED: ['征求意见期结束', 'Comment period closed'],
    TERM_ENDED: ['合同期满', 'Term ended'],
    DEADLINE_PASSED: ['期限已过', 'Deadline passed'],
  },
  /** How the other side answered a round (协商记录 "对方答复"). */
  answer: {
    OFFER: ['以新方案还价', 'Countered with a new offer'],
    ACCEPT: ['接受', 'Accepted'],
    RESPOND: ['拒绝协商', 'Declined to bargain'],
  },
  deadline: {
    response: ['书面答复', 'Written reply'],
    filing: ['报送审查', 'Filing'],
    review: ['审查期', 'Review period'],
    coordination: ['争议协调', 'Coordination'],
    publication: ['向劳动者公布', 'Publication'],
    consultationWindow: ['征求意见期', 'Comment period'],
    resumption: ['恢复协商', 'Resumption'],
    renewalWindow: ['可申请续订', 'Renewal window'],
    termEnd: ['合同期满', 'End of term'],
    annualRound: ['年度规则协商', 'Annual rules round'],
    informationRequest: ['提供订单数据', 'Order data due'],
    commitmentDue: ['承诺落实期限', 'Commitment due'],
    complaintAnswer: ['申诉答复期限', 'Complaint answer due'],
  },
  industry: {
    food_delivery: ['外卖配送', 'Food delivery'],
    ride_hailing: ['网约车', 'Ride-hailing'],
    courier: ['快递', 'Courier'],
    trucking: ['货运', 'Trucking'],
  },
  category: {
    delivery_rider: ['外卖骑手', 'Delivery riders'],
    station_staff: ['站点人员', 'Station staff'],
    driver: ['司机', 'Drivers'],
  },
  task: {
    delivery: ['配送', 'Delivery'],
    pickup: ['取件', 'Pick-up'],
    errand: ['跑腿', 'Errand'],
  },
  topic: {
    order_allocation: ['派单规则', 'Order allocation'],
    algorithm: ['算法', 'Algorithms'],
    pay_composition: ['报酬构成', 'Pay composition'],
    rewards_penalties: ['奖惩', 'Rewards and penalties'],
    working_time: ['工作时间', 'Working time'],
    occupational_safety: ['职业安全', 'Occupational safety'],
    social_insurance: ['社会保险', 'Social insurance'],
    grievance: ['申诉', 'Grievances'],
    other: ['其他', 'Other'],
  },
  field: {
    baseFen: ['基本单价', 'Base rate'],
    perKmFen: ['超出里程每公里加价', 'Per extra km'],
    kmIncluded: ['基本单价含里程', 'Distance included'],
    nightSurchargeFen: ['夜间加价', 'Night surcharge'],
    badWeatherSurchargeFen: ['恶劣天气加价', 'Bad-weather surcharge'],
    'commission.maxBasisPoints': ['平台抽成上限', 'Commission cap'],
    'restSchedule.maxContinuousMinutes': ['连续工作上限', 'Longest continuous work'],
    'restSchedule.minBreakMinutes': ['连续工作后至少休息', 'Shortest break after it'],
    'restSchedule.maxDailyMinutes': ['每日工作上限', 'Longest working day'],
    'restSchedule.restDaysPerMonth': ['每月休息', 'Rest days a month'],
    'restSchedule.holidayPayPercent': ['法定节假日工资', 'Statutory holiday pay'],
    'laborQuota.standardTasksPerHour': ['劳动定额', 'Labour quota'],
    termMonths: ['合同期限', 'Term'],
    clause: ['条款', 'Clause'],
  },
  error: {
    'TERMS.BELOW_MINIMUM_WAGE': ['计件单价乘以劳动定额低于当地小时最低工资标准。', 'Rate × quota is below the local hourly minimum wage.'],
    'TERMS.INCONSISTENT': ['条款前后矛盾。', 'The terms contradict each other.'],
    'TERMS.INVALID': ['条款填写有误。', 'The terms are invalid.'],
    'TERMS.MINIMUM_WAGE_UNKNOWN': ['该地区没有最低工资标准记录。', 'No minimum wage is on record for this region.'],
    'NEGOTIATION.EVENT_NOT_ALLOWED': ['当前状态下不能进行此操作。', 'Not allowed in the current state.'],
    'NEGOTIATION.NOT_YOURS_TO_SEND': ['您无权进行此操作。', 'You may not do this here.'],
    'NEGOTIATION.STALE_VERSION': ['该协商已有新进展，请刷新后再操作。', 'The negotiation has changed; reload and retry.'],
    'NEGOTIATION.RESUME_DATE_PAST': ['恢复日期须在今天之后。', 'The resumption date must be after today.'],
    'NEGOTIATION.EXTENSION_TOO_LONG': ['延长天数超过规定上限。', 'That extension is longer than allowed.'],
    'REPRESENTATIVES.INVALID': ['协商代表不符合规定（人数相等、至少三人、不得兼任双方）。', 'Representatives break the rules (equal sides, at least three, nobody on both).'],
    'VOTE.IMPOSSIBLE_TALLY': ['表决人数不合逻辑。', 'The tally is impossible.'],
    'CONSULTATION.OPINIONS_UNANSWERED': ['每条意见都须答复。', 'Every opinion needs an answer.'],
    'INBOX.NOT_COVERED': ['该公示不适用于您。', 'This publication does not cover you.'],
    'INBOX.NOT_A_WORKER': ['通知仅面向登记的劳动者。', 'Notices are for registered workers.'],
    'COMMITMENT.NOT_YOURS': ['您无权处理这项承诺。', 'You may not act on this commitment.'],
    'COMMITMENT.DONE': ['这项承诺已经完成。', 'This commitment is done.'],
    'COMMITMENT.ALREADY_VERIFIED': ['最新进展已核实，请等待下一次报告。', 'The latest report is verified already.'],
    'COMMITMENT.NOTHING_REPORTED': ['还没有可核实的进展报告。', 'Nothing has been reported yet.'],
    'COMPLAINT.ALREADY_ANSWERED': ['该申诉已经答复。', 'This complaint has been answered.'],
    'COMPLAINT.NOT_ESCALATABLE': ['企业答复后或答复逾期后才能提交工会。', 'A complaint goes to the union after its answer, or once the answer is overdue.'],
    'COMPLAINT.NO_SUCH_CLAUSE': ['协议没有这一条款。', 'The agreement has no such clause.'],
    'LEDGER.NOT_COVERED': ['该协议不适用于您。', 'This agreement does not cover you.'],
    'SURVEY.ALREADY_ANSWERED': ['您已参与过此次调查。', 'You have answered this survey.'],
    'SURVEY.CLOSED': ['调查已截止。', 'The survey has closed.'],
    'SURVEY.BAD_ANSWERS': ['回答填写有误。', 'Some answers are not valid.'],
    'SURVEY.CLOSES_IN_THE_PAST': ['截止日期不能早于今天。', 'The closing day cannot be in the past.'],
    'AUTH.BAD_CREDENTIALS': ['用户名或密码错误。', 'Wrong username or password.'],
  },
} satisfies Record<string, Pairs>;

export type LabelGroup = keyof typeof GROUPS;
export type Lang = 'zh' | 'en';

export function label(group: LabelGroup, key: string, lang: Lang): string {
  return hasLabel(group, key) ? (GROUPS[group] as Pairs)[key][lang === 'zh' ? 0 : 1] : key;
}

/** Own keys only: a task or topic named `constructor` or `toString` is a code, not Object.prototype's. */
export function hasLabel(group: LabelGroup, key: string): boolean {
  return Object.hasOwn(GROUPS[group], key);
}

