import { Body, Controller, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { ApiErrors } from '../common/openapi';
import { WebhookSetDto } from './accounts.dto';
import { AuthUser } from './auth-user';
import { CurrentUser, Roles } from './auth.decorators';
import { DirectoryService } from './directory.service';

export class WebhookDto {
  @ApiProperty({
    format: 'uri',
    description: "Where the organisation's webhooks are POSTed: an enterprise's publications covering its workers, a bureau's checkpoints (in production: https on a public host)",
    example: 'https://ops.example.com/xieshang',
  })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  url!: string;

  /** Shared secret for the X-Xieshang-Signature HMAC (at least 16 characters). */
  @ApiProperty({ minLength: 16, maxLength: 200, format: 'password', description: 'Shared secret of the X-Xieshang-Signature HMAC-SHA256' })
  @IsString() @MinLength(16) @MaxLength(200)
  secret!: string;
}

@ApiTags('organizations')
@Controller('api')
export class OrganizationWebhookController {
  constructor(private readonly directory: DirectoryService) {}

  @Put('organizations/mine/webhook')
  @Roles('enterprise_rep', 'bureau_reviewer')
  @ApiOperation({
    summary: "Set the caller's organisation's webhook",
    description:
      "An enterprise's representative sets where publications covering its workers are POSTed; a bureau's reviewer where every signed checkpoint is. " +
      'Signed and retried alike; the host is checked again at every delivery (README "Telling platforms").',
  })
  @ApiOkResponse({ type: WebhookSetDto, description: 'The webhook is set' })
  @ApiErrors({
    403: "Not an enterprise's representative or a bureau's reviewer, or one acting for no enterprise or bureau, e.g. for an employer association (WEBHOOK.NOT_A_RECIPIENT)",
    422: 'In production: not an https URL on a public host (WEBHOOK.NOT_PUBLIC_HTTPS)',
  })
  setWebhook(@CurrentUser() user: AuthUser, @Body() body: WebhookDto) {
    return this.directory.setWebhook(user, body.url, body.secret);
  }
}
