import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AgreementsService } from '../agreements/agreements.service';
import { AuditService } from '../audit/audit.service';
import { notFound } from '../common/domain-error';
import { agreementListItem, agreementPage, chainReason, namesNeeded } from './agreement-page';
import { label } from './i18n';
import { CommitmentsService } from '../ledger/commitments.service';
import { SurveysService } from '../ledger/surveys.service';
import { calendarDate } from './format';
import { commitmentRows } from './ledger-page';
import { Pages } from './pages';
import { WebDirectory } from './web-directory';
import { WebRequest } from './web-session';
import { isUuid, pageNumber, pager } from './web-params';
import { WebPages } from './web-pages.decorator';

const PAGE_SIZE = 20;
const SLUG = /^[a-z][a-z0-9_]{1,63}$/;

/** Pages anyone may read: what has been published, and whether its record is intact. */
@WebPages()
@Controller()
export class PublicPagesController {
  constructor(
    private readonly pages: Pages,
    private readonly agreements: AgreementsService,
    private readonly audit: AuditService,
    private readonly directory: WebDirectory,
    private readonly commitments: CommitmentsService,
    private readonly surveys: SurveysService,
  ) {}

  @Get()
  async home(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @Query() query: Record<string, string>) {
    const lang = this.pages.lang(request, reply);
    const filter = {
      region: /^\d{6}$/.test(query.region ?? '') ? query.region : undefined,
      industry: SLUG.test(query.industry ?? '') ? query.industry : undefined,
      category: SLUG.test(query.category ?? '') ? query.category : undefined,
    };
    const page = pageNumber(query.page);
    const [{ items, total }, choices] = await Promise.all([
      this.agreements.list({ ...filter, page, pageSize: PAGE_SIZE }),
      this.directory.filterChoices(),
    ]);
    return this.pages.render(request, reply, 'home', {
      title: this.pages.t(request)('home.title'),
      items: items.map((a) => agreementListItem(a, lang, this.pages.zone)),
      total,
      filter,
      choices: {
        regions: choices.regions,
        industries: choices.industries.map((code) => ({ code, name: label('industry', code, lang) })),
        categories: choices.categories.map((code) => ({ code, name: label('category', code, lang) })),
      },
      pager: pager('/', { ...filter }, page, total, PAGE_SIZE),
    });
  }

  @Get('agreements/:id')
  async agreement(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @Param('id') id: string) {
    const lang = this.pages.lang(request, reply);
    if (!isUuid(id)) throw notFound('agreement');
    const agreement = await this.agreements.get(id);
    const entries = await this.audit.list(agreement.negotiationId);
    const wanted = namesNeeded(agreement, entries);
    const [people, orgs] = await Promise.all([this.directory.userNames(wanted.people), this.directory.organizationNames(wanted.orgs)]);
    const page = agreementPage(agreement, entries, people, orgs, lang, this.pages.zone);
    // the ledger: public like the agreement; a covered rider finds here where to complain and what to answer
    const [commitments, surveys] = await Promise.all([this.commitments.list(id), this.surveys.forAgreement(id)]);
    const ledgerNames = await Promise.all([
      this.directory.organizationNames(commitments.map((c) => c.responsibleOrgId)),
      this.directory.userNames(commitments.flatMap((c) => [...c.reports.map((r) => r.by), ...(c.verification ? [c.verification.by] : [])])),
    ]);
    return this.pages.render(request, reply, 'agreement', {
      title: page.title,
      // what a search result or a shared link shows: the contract and its parties
      description: [page.title, ...page.parties.map((p) => p.name)].join(' · '),
      a: page,
      commitments: commitmentRows(commitments, ...ledgerNames, { lang, zone: this.pages.zone }),
      worker: request.webUser?.role === 'worker',
      surveys: surveys.filter((s) => s.open).map((s) => ({ id: s.id, title: s.title, closes: calendarDate(s.closesOn, lang) })),
    });
  }

  /** Public by design (DESIGN §2: the record is auditable by anyone); shows no entry's content. */
  @Get('agreements/:id/verify')
  async verify(@Req() request: WebRequest, @Res({ passthrough: true }) reply: FastifyReply, @Param('id') id: string) {
    const publication = isUuid(id) ? await this.directory.publication(id) : null;
    if (!publication) throw notFound('agreement');
    const check = await this.agreements.verify(id);
    return this.pages.render(request, reply, 'verify', {
      title: this.pages.t(request)('verify.title'),
      agreement: { id: publication.id, title: publication.title, auditHead: publication.auditHead },
      check: !check.intact && check.problem === 'chain' ? { ...check, reason: chainReason(check.reason, this.pages.lang(request, reply)) } : check,
    });
  }
}
