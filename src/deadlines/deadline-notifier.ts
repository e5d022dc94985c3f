import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { User } from '../accounts/user.entity';
import { Clock } from '../common/clock';
import { Transactions } from '../database/transactions';
import { Negotiation } from '../negotiations/negotiation.entity';
import { Representative } from '../negotiations/representative.entity';
import { Deadline } from './deadline.entity';
import { DEADLINE_EVENTS } from './deadline-plan';
import { DeadlineKind } from './rule-pack';
import { Notification } from './notification.entity';

type Responsible = 'union' | 'enterprise' | 'bureau';

/** Who must act before each clock runs out, and so who is told. */
export const RESPONSIBLE: Record<DeadlineKind, Responsible[]> = {
  response: ['enterprise'],
  filing: ['enterprise'],
  review: ['bureau'],
  coordination: ['bureau'],
  publication: ['union', 'enterprise'],
  consultationWindow: ['union', 'enterprise'],
  resumption: ['union', 'enterprise'],
  renewalWindow: ['union', 'enterprise'],
  termEnd: ['union', 'enterprise'],
  annualRound: ['union', 'enterprise'],
  informationRequest: ['enterprise'],
  seatVacancy: ['union', 'enterprise'],
  ballotClose: ['union'],
  // a commitment overdue is told to both sides; a complaint unanswered to those who can press the enterprise
  commitmentDue: ['union', 'enterprise'],
  complaintAnswer: ['union', 'bureau'],
};

/** Chinese names for messages (they reach negotiators' phones). */
export const DEADLINE_NAMES: Record<DeadlineKind, string> = {
  response: '书面答复协商要求',
  filing: '集体合同报送备案',
  review: '劳动行政部门审查',
  coordination: '争议协调处理',
  publication: '向全体职工公布',
  consultationWindow: '规则征求意见期',
  resumption: '中止协商恢复',
  renewalWindow: '续订协商窗口',
  termEnd: '合同期满',
  annualRound: '年度协商',
  informationRequest: '提供协商所需信息资料',
  seatVacancy: '补足空缺协商代表',
  ballotClose: '职工投票截止',
  commitmentDue: '协议承诺落实',
  complaintAnswer: '答复劳动者申诉',
};

@Injectable()
export class DeadlineNotifier {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
  ) {}

  /** An advance warning, sent once: the warnings_sent compare-and-set decides which sweeper sends it. */
  async warn(deadline: Deadline, daysBefore: number): Promise<boolean> {
    return this.tx.run(async (m) => {
      const sent = [...deadline.warningsSent, daysBefore];
      const claimed = await m
        .createQueryBuilder()
        .update(Deadline)
        .set({ warningsSent: sent })
        .where('id = :id AND warnings_sent = :before', { id: deadline.id, before: JSON.stringify(deadline.warningsSent) })
        .execute();
      if (claimed.affected !== 1) return false;
      await this.notify(m, deadline, 'deadline_warning', `「${DEADLINE_NAMES[deadline.kind]}」期限还有 ${daysBefore} 天（${deadline.dueAt} 截止）`);
      return true;
    });
  }

  /** The clock ran out: it acted (state changed) or, for the warn-only kinds, is now overdue. */
  async passed(manager: EntityManager, deadline: Deadline): Promise<void> {
    const acted = DEADLINE_EVENTS[deadline.kind] !== undefined;
    await this.notify(manager, deadline, acted ? 'deadline_passed' : 'deadline_overdue', `「${DEADLINE_NAMES[deadline.kind]}」期限已到${acted ? '，程序已自动推进' : '，已逾期'}`);
  }

  private async notify(m: EntityManager, deadline: Deadline, kind: string, text: string): Promise<void> {
    const negotiation = await m.findOneByOrFail(Negotiation, { id: deadline.negotiationId });
    const recipients = await this.recipients(m, negotiation, RESPONSIBLE[deadline.kind]);
    if (!recipients.length) return;
    const now = this.clock.now().toISOString();
    await m.insert(
      Notification,
      recipients.map((userId) => ({
        id: randomUUID(),
        userId,
        negotiationId: negotiation.id,
        kind,
        message: `${negotiation.title}：${text}`,
        createdAt: now,
        readAt: null,
      })),
    );
  }

  /** The seated representatives of each responsible side (or its organisation's negotiators while it has no seats), or every bureau reviewer. */
  private async recipients(m: EntityManager, n: Negotiation, sides: Responsible[]): Promise<string[]> {
    const ids = new Set<string>();
    for (const side of sides) {
      if (side === 'bureau') {
        for (const u of await m.find(User, { where: { role: 'bureau_reviewer' }, select: { id: true } })) ids.add(u.id);
        continue;
      }
      const seats = await m.find(Representative, { where: { negotiationId: n.id, side } });
      if (seats.length) seats.forEach((s) => ids.add(s.userId));
      else {
        const organizationId = side === 'union' ? n.unionOrgId : n.enterpriseOrgId;
        const role = side === 'union' ? 'union_negotiator' : 'enterprise_rep';
        for (const u of await m.find(User, { where: { organizationId, role }, select: { id: true } })) ids.add(u.id);
      }
    }
    return [...ids];
  }
}
