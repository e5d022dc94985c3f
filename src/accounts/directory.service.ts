import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, In } from 'typeorm';
import { Clock } from '../common/clock';
import { DomainError, forbidden, notFound, unprocessable } from '../common/domain-error';
import { checkDestination, DestinationRefused, HOST_RESOLVER, HostResolver } from '../common/outbound-request';
import { AppConfig } from '../config/app-config';
import { isRegionCode } from '../common/regions';
import { Transactions } from '../database/transactions';
import { Organization, OrganizationKind } from './organization.entity';
import { OrganizationMember } from './organization-member.entity';
import { hashPassword } from './password';
import { passwordProblem } from './password-policy';
import { AuthUser } from './auth-user';
import { Role, User } from './user.entity';
import { Worker } from './worker.entity';

export interface NewOrganization {
  name: string;
  kind: OrganizationKind;
  industry?: string;
  region?: string;
  /** An employer association's member enterprises. */
  memberIds?: string[];
}

export interface NewPerson {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  organizationId?: string;
  /** For a worker's login: the worker record it belongs to. */
  workerId?: string;
}

/** Which kind of organisation each role belongs to (a worker: the enterprise that registered them). */
const ORGANIZATION_OF_ROLE: Record<Role, OrganizationKind[] | null> = {
  union_negotiator: ['union'],
  // an association sits at the table through its own representatives
  enterprise_rep: ['enterprise', 'employer_association'],
  bureau_reviewer: ['bureau'],
  worker: ['enterprise'],
  // a federation of trade unions (总工会) is a union organisation
  instructor: ['union'],
  admin: null,
};

/**
 * Who is sent what by webhook, by the role that sets it for its own organisation: an
 * enterprise its publications (README "Telling platforms"), a bureau every signed checkpoint
 * (README "Evidence that outlives the database"). Nobody else is sent anything.
 */
const WEBHOOK_RECIPIENTS: Partial<Record<Role, OrganizationKind>> = { enterprise_rep: 'enterprise', bureau_reviewer: 'bureau' };

/** An organisation as registered (its webhook is its own people's business: PUT /api/organizations/mine/webhook). */
export type OrganizationView = Omit<Organization, 'webhookUrl' | 'webhookSecret'> & { memberIds?: string[] };

export type PersonView = Pick<User, 'id' | 'username' | 'displayName' | 'role' | 'organizationId' | 'workerId'>;

/**
 * The organisations and people of a deployment: production never seeds, so an administrator
 * registers unions, platforms, bureaus and their people here (the first administrator with
 * `npm run create-admin`).
 */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly tx: Transactions,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    @Inject(HOST_RESOLVER) private readonly resolve: HostResolver,
  ) {}

  async addOrganization(o: NewOrganization): Promise<OrganizationView> {
    const problems: string[] = [];
    if (o.kind !== 'bureau' && !o.industry) problems.push(`a ${o.kind} needs its industry`);
    if (!o.region || !isRegionCode(o.region)) problems.push(`region ${o.region ?? '(none)'} is not a GB/T 2260 code`);
    const memberIds = o.memberIds ?? [];
    if (o.kind !== 'employer_association' && memberIds.length) problems.push('only an employer_association has memberIds');
    if (o.kind === 'employer_association') {
      if (!memberIds.length) problems.push('an employer_association names its member enterprises (memberIds)');
      const found = memberIds.length ? await this.tx.manager.find(Organization, { where: { id: In(memberIds) } }) : [];
      for (const id of memberIds) {
        const member = found.find((f) => f.id === id);
        if (!member || member.kind !== 'enterprise') problems.push(`memberIds: ${id} is not an enterprise`);
        else if (member.industry !== o.industry) problems.push(`memberIds: ${member.name} is not of the industry ${o.industry}`);
      }
    }
    if (problems.length) throw unprocessable('ORGANIZATION.INVALID', problems);
    const row: Organization = {
      id: randomUUID(),
      name: o.name,
      kind: o.kind,
      industry: o.industry ?? null,
      region: o.region!,
      webhookUrl: null,
      webhookSecret: null,
      chiefUserId: null,
      createdAt: this.clock.now().toISOString(),
    };
    await this.tx.run(async (m) => {
      await m.insert(Organization, row);
      if (memberIds.length) await m.insert(OrganizationMember, memberIds.map((enterpriseId) => ({ associationId: row.id, enterpriseId })));
    });
    const { webhookUrl: _, webhookSecret: __, ...view } = row;
    return o.kind === 'employer_association' ? { ...view, memberIds } : view;
  }

  /** Names a union's chief: one of its own negotiators (422 otherwise). */
  async setChief(organizationId: string, userId: string): Promise<OrganizationView> {
    return this.tx.run(async (m) => {
      const organization = await m.findOneBy(Organization, { id: organizationId });
      if (!organization) throw notFound('organization');
      const person = await m.findOneBy(User, { id: userId });
      const problems: string[] = [];
      if (organization.kind !== 'union') problems.push('only a union names a chief');
      if (!person || person.role !== 'union_negotiator' || person.organizationId !== organizationId)
        problems.push(`the chief is a union_negotiator of ${organization.name}`);
      if (problems.length) throw unprocessable('ORGANIZATION.INVALID_CHIEF', problems);
      await m.createQueryBuilder().update(Organization).set({ chiefUserId: userId }).where('id = :id', { id: organizationId }).execute();
      const { webhookUrl: _, webhookSecret: __, ...view } = { ...organization, chiefUserId: userId };
      return view;
    });
  }

  /** Sets the webhook of the caller's own enterprise or bureau (WEBHOOK_RECIPIENTS; 403 for anyone else). */
  async setWebhook(caller: AuthUser, url: string, secret: string): Promise<{ url: string }> {
    const organization = caller.organizationId ? await this.tx.run((m) => m.findOneBy(Organization, { id: caller.organizationId! })) : null;
    if (!organization || organization.kind !== WEBHOOK_RECIPIENTS[caller.role])
      throw forbidden('WEBHOOK.NOT_A_RECIPIENT', "only an enterprise's or a bureau's own people set its webhook: nobody else is sent one");
    // checked now to tell the organisation early; the sender checks again at every delivery
    if (this.config.isProduction)
      await checkDestination(url, { requireHttps: true, allowPrivate: false }, this.resolve).catch((error: unknown) => {
        if (!(error instanceof DestinationRefused)) throw error;
        throw unprocessable('WEBHOOK.NOT_PUBLIC_HTTPS', `in production a webhook must be an https URL on a public host: ${error.message}`);
      });
    await this.tx.run((m) =>
      m.createQueryBuilder().update(Organization).set({ webhookUrl: url, webhookSecret: secret }).where('id = :id', { id: organization.id }).execute(),
    );
    return { url };
  }

  /** Every account made through the API or `create-admin` comes here, so none skips the password rule. */
  async addPerson(p: NewPerson): Promise<PersonView> {
    const weak = passwordProblem(p.password, [p.username, p.displayName]);
    if (weak) throw unprocessable('PERSON.WEAK_PASSWORD', weak);
    const passwordHash = await hashPassword(p.password);
    return this.tx.run(async (m) => {
      await this.checkPerson(m, p);
      const row: User = {
        id: randomUUID(),
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        organizationId: p.organizationId ?? null,
        workerId: p.workerId ?? null,
        passwordHash,
        createdAt: this.clock.now().toISOString(),
      };
      await m.insert(User, row);
      const { passwordHash: _, createdAt: __, ...view } = row;
      return view;
    });
  }

  private async checkPerson(m: EntityManager, p: NewPerson): Promise<void> {
    if (await m.existsBy(User, { username: p.username })) throw new DomainError(409, 'PERSON.USERNAME_TAKEN', `username ${p.username} is taken`);
    const kind = ORGANIZATION_OF_ROLE[p.role];
    const problems: string[] = [];
    if (kind === null && p.organizationId) problems.push('an admin belongs to no organisation');
    if (kind !== null) {
      const organization = p.organizationId ? await m.findOneBy(Organization, { id: p.organizationId }) : null;
      if (!organization || !kind.includes(organization.kind)) problems.push(`a ${p.role} belongs to a ${kind.join(' or ')} organisation`);
    }
    if (p.role === 'worker') {
      const worker = p.workerId ? await m.findOneBy(Worker, { id: p.workerId }) : null;
      if (!worker || worker.enterpriseId !== p.organizationId) problems.push("a worker's login names a worker record of its enterprise");
      else if (await m.existsBy(User, { workerId: worker.id })) problems.push('that worker already has a login');
    } else if (p.workerId) problems.push('only a worker login names a worker record');
    if (problems.length) throw unprocessable('PERSON.INVALID', problems);
  }
}
