import { Body, Controller, Headers, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { AuthUser } from './auth-user';
import { CurrentUser, Roles } from './auth.decorators';
import { Organization } from './organization.entity';
import { WorkersService } from './workers.service';
import { IMPORT_CONTENT_TYPES, isImport } from './import-body';
import { Transactions } from '../database/transactions';
import { badRequest, unprocessable } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { isIP } from 'node:net';

export class WebhookDto {
  /** Where publications covering this enterprise's workers are POSTed. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url!: string;

  /** Shared secret for the X-Xieshang-Signature HMAC (at least 16 characters). */
  @IsString() @MinLength(16) @MaxLength(200)
  secret!: string;
}


/**
 * A webhook may not point the server at itself or its private network (SSRF): https, and a
 * host that is not localhost or a loopback, private or link-local address literal.
 */
export function isPublicHttpsUrl(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  if (protocol !== 'https:' || host === 'localhost' || host.endsWith('.localhost')) return false;
  if (!isIP(host)) return true;
  return !/^(127\.|10\.|192\.168\.|169\.254\.|172\.(1[6-9]|2\d|3[01])\.|0\.|::1$|fc|fd|fe80:)/i.test(host);
}

@ApiTags('workers')
@ApiBearerAuth()
@Roles('enterprise_rep')
@Controller('api')
export class WorkersController {
  constructor(
    private readonly workers: WorkersService,
    private readonly tx: Transactions,
    private readonly config: AppConfig,
  ) {}

  /** Register or update workers: CSV (externalId,region,category,displayName) or JSON lines, up to 100 000 rows. */
  @Post('workers')
  @HttpCode(200)
  @ApiConsumes(...IMPORT_CONTENT_TYPES)
  import(@CurrentUser() user: AuthUser, @Body() body: unknown, @Headers('content-type') contentType = '') {
    if (!isImport(contentType))
      throw badRequest('WORKERS.CONTENT_TYPE', 'send CSV (text/csv) or JSON lines (application/x-ndjson)');
    return this.workers.import(user, body as string, contentType);
  }

  /** The caller's enterprise webhook for publications. */
  @Put('organizations/mine/webhook')
  async setWebhook(@CurrentUser() user: AuthUser, @Body() body: WebhookDto) {
    if (this.config.isProduction && !isPublicHttpsUrl(body.url))
      throw unprocessable('WEBHOOK.NOT_PUBLIC_HTTPS', 'in production a webhook must be an https URL on a public host');
    await this.tx.run((m) => m.update(Organization, { id: user.organizationId!, kind: 'enterprise' }, { webhookUrl: body.url, webhookSecret: body.secret }));
    return { url: body.url };
  }
}
