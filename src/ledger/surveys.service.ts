import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { AuthUser } from '../accounts/auth-user';
import { Worker } from '../accounts/worker.entity';
import { coveredWorkersCondition } from '../agreements/coverage';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { DomainError, badRequest, forbidden, notFound, unprocessable } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { dateIn } from '../deadlines/due-at';
import { SurveyDto, SurveyResponseDto } from './dto/ledger.dto';
import { LedgerParties } from './ledger-parties';
import { mayDo } from './ledger-permissions';
import { QuestionResult, readAnswers, scaleResult } from './survey-rules';
import { openBox, putInBox, readBox } from './survey-box';
import { Survey, SurveyParticipant } from './survey.entity';

const isUniqueViolation = (error: unknown) => {
  const code = String((error as { code?: unknown })?.code ?? (error as { driverError?: { code?: unknown } })?.driverError?.code ?? '');
  return code === '23505' || code.startsWith('SQLITE_CONSTRAINT');
};

export interface SurveyView {
  id: string;
  agreementId: string;
  title: string;
  questions: Survey['questions'];
  closesOn: string;
  open: boolean;
}

export interface SurveyResults {
  responses: number;
  covered: number;
  questions: QuestionResult[];
}

/** 满意度调查: the union asks an agreement's covered workers; each answers once; results carry no ids. */
@Injectable()
export class SurveysService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly parties: LedgerParties,
  ) {}

  private today(): string {
    return dateIn(this.clock.now(), this.config.TZ_NAME);
  }

  async open(user: AuthUser, agreementId: string, dto: SurveyDto): Promise<SurveyView> {
    const ids = dto.questions.map((q) => q.id);
    const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (repeated.length) throw badRequest('SURVEY.REPEATED_QUESTION', repeated.map((id) => `questions: id ${id} is used twice`));
    if (dto.closesOn < this.today()) throw unprocessable('SURVEY.CLOSES_IN_THE_PAST', `closesOn must be today (${this.today()}) or later`);
    const survey = await this.tx.run(async (m) => {
      const agreement = await this.parties.agreement(m, agreementId);
      if (!mayDo('OPEN_SURVEY', await this.parties.relation(m, user, agreement.negotiationId)))
        throw forbidden('SURVEY.NOT_YOURS', "a survey is opened by the union chief of the agreement's negotiation");
      const row: Survey = {
        id: randomUUID(),
        agreementId,
        negotiationId: agreement.negotiationId,
        title: dto.title,
        questions: dto.questions.map((q) => ({ id: q.id, kind: q.kind, text: q.text })),
        closesOn: dto.closesOn,
        openedBy: user.id,
        openedAt: this.clock.now().toISOString(),
        textsKept: 0,
      };
      await m.createQueryBuilder().insert().into(Survey).values(row).execute();
      await openBox(m, row);
      await this.audit.extend(m, {
        negotiationId: row.negotiationId,
        type: 'SURVEY_OPENED',
        actorId: user.id,
        role: user.role,
        at: row.openedAt,
        payload: { surveyId: row.id, agreementId, title: row.title, questions: row.questions, closesOn: row.closesOn },
      });
      return row;
    });
    return this.view(survey);
  }

  async forAgreement(agreementId: string): Promise<SurveyView[]> {
    await this.parties.agreement(this.tx.manager, agreementId);
    const rows = await this.tx.manager.find(Survey, { where: { agreementId }, order: { openedAt: 'DESC' } });
    return rows.map((s) => this.view(s));
  }

  /** A covered worker's surveys, and whether they have answered each. */
  async forWorker(user: AuthUser): Promise<Array<SurveyView & { answered: boolean }>> {
    const m = this.tx.manager;
    const worker = user.workerId ? await m.findOne(Worker, { where: { id: user.workerId } }) : null;
    if (!worker) return [];
    const rows = await m.find(Survey, { order: { openedAt: 'DESC' }, take: 200 });
    const result: Array<SurveyView & { answered: boolean }> = [];
    for (const s of rows) {
      const agreement = await this.parties.agreement(m, s.agreementId);
      try {
        await this.parties.coveredWorker(m, user, agreement);
      } catch {
        continue;
      }
      const answered = (await m.count(SurveyParticipant, { where: { surveyId: s.id, workerUserId: user.id } })) > 0;
      result.push({ ...this.view(s), answered });
    }
    return result;
  }

  async get(id: string): Promise<SurveyView> {
    return this.view(await this.find(id));
  }

  /** Once per worker (409 after); who answered and what was answered are written apart. */
  async respond(user: AuthUser, id: string, dto: SurveyResponseDto): Promise<{ surveyId: string; answered: true }> {
    await this.tx.run(async (m) => {
      const survey = await this.find(id, m);
      await this.parties.coveredWorker(m, user, await this.parties.agreement(m, survey.agreementId));
      if (survey.closesOn < this.today()) throw new DomainError(409, 'SURVEY.CLOSED', `the survey closed on ${survey.closesOn}`);
      const { answers, problems } = readAnswers(survey.questions, dto.answers);
      if (problems.length) throw badRequest('SURVEY.BAD_ANSWERS', problems);
      if (await m.count(SurveyParticipant, { where: { surveyId: id, workerUserId: user.id } }))
        throw new DomainError(409, 'SURVEY.ALREADY_ANSWERED', 'you have answered this survey');
      await m
        .createQueryBuilder()
        .insert()
        .into(SurveyParticipant)
        .values({ surveyId: id, workerUserId: user.id })
        .execute()
        .catch((error) => {
          // the same worker twice at once (PostgreSQL runs both): the key lets one through
          throw isUniqueViolation(error) ? new DomainError(409, 'SURVEY.ALREADY_ANSWERED', 'you have answered this survey') : error;
        });
      await putInBox(m, survey, answers);
    });
    return { surveyId: id, answered: true };
  }

  /** Counts, means, distributions and free texts (sorted: their order says nothing of who or when). */
  async results(user: AuthUser, id: string): Promise<SurveyResults> {
    const m = this.tx.manager;
    const survey = await this.find(id);
    if (!mayDo('READ_SURVEY_RESULTS', await this.parties.relation(m, user, survey.negotiationId)))
      throw forbidden('SURVEY.RESULTS_RESTRICTED', "survey results are for the agreement's representatives and the bureau");
    return this.tally(survey);
  }

  async tally(survey: Survey, m: EntityManager = this.tx.manager): Promise<SurveyResults> {
    const agreement = await this.parties.agreement(m, survey.agreementId);
    const { where, params } = coveredWorkersCondition(agreement.scope);
    const covered = await m.getRepository(Worker).createQueryBuilder('w').where(where, params).getCount();
    const responses = await m.count(SurveyParticipant, { where: { surveyId: survey.id } });
    const box = await readBox(m, survey.id);
    return {
      responses,
      covered,
      questions: survey.questions.map((q) => (q.kind === 'scale' ? scaleResult(q.id, box.counts.get(q.id) ?? []) : { id: q.id, texts: box.texts.get(q.id) ?? [] })),
    };
  }

  private async find(id: string, m: EntityManager = this.tx.manager): Promise<Survey> {
    const survey = await m.findOne(Survey, { where: { id } });
    if (!survey) throw notFound('survey');
    return survey;
  }

  private view(s: Survey): SurveyView {
    return { id: s.id, agreementId: s.agreementId, title: s.title, questions: s.questions, closesOn: s.closesOn, open: s.closesOn >= this.today() };
  }
}
