import { Body, Controller, Headers, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { AuthUser } from './auth-user';
import { CurrentUser, Roles } from './auth.decorators';
import { Organization } from './organization.entity';
import { WorkersService } from './workers.service';
import { Transactions } from '../database/transactions';
import { badRequest } from '../common/domain-error';

export class WebhookDto {
  /** Where publications covering this enterprise's workers are POSTed. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url!: string;

  /** Shared secret for the X-Xieshang-Signature HMAC (at least 16 characters). */
  @IsString() @MinLength(16) @MaxLength(200)
  secret!: string;
}

export const IMPORT_CONTENT_TYPES = ['text/csv', 'application/x-ndjson', 'application/jsonl'];

@ApiTags('workers')
@ApiBearerAuth()
@Roles('enterprise_rep')
@Controller('api')
export class WorkersController {
  constructor(
    private readonly workers: WorkersService,
    private readonly tx: Transactions,
  ) {}

  /** Register or update workers: CSV (externalId,region,category,displayName) or JSON lines, up to 100 000 rows. */
  @Post('workers')
  @HttpCode(200)
  @ApiConsumes(...IMPORT_CONTENT_TYPES)
  import(@CurrentUser() user: AuthUser, @Body() body: unknown, @Headers('content-type') contentType = '') {
    if (!IMPORT_CONTENT_TYPES.some((type) => contentType.startsWith(type)))
      throw badRequest('WORKERS.CONTENT_TYPE', 'send CSV (text/csv) or JSON lines (application/x-ndjson)');
    return this.workers.import(user, body as string, contentType);
  }

  /** The caller's enterprise webhook for publications. */
  @Put('organizations/mine/webhook')
  async setWebhook(@CurrentUser() user: AuthUser, @Body() body: WebhookDto) {
    await this.tx.run((m) => m.update(Organization, { id: user.organizationId!, kind: 'enterprise' }, { webhookUrl: body.url, webhookSecret: body.secret }));
    return { url: body.url };
  }
}
