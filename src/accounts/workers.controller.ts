import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RequestHeader } from '../common/request-header';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { ImportResultDto } from './accounts.dto';
import { MAX_IMPORT_ROWS } from './workers.service';
import { AuthUser } from './auth-user';
import { CurrentUser, Roles } from './auth.decorators';
import { WorkersService } from './workers.service';
import { IMPORT_CONTENT_TYPES, isImport } from './import-body';
import { badRequest } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { Readable } from 'node:stream';

const ROW_FIELDS: Record<string, { type: string; description: string; pattern?: string; example?: string; minLength?: number; maxLength?: number }> = {
  externalId: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,64}$', description: "The enterprise's own id of the worker" },
  region: { type: 'string', pattern: '^\\d{6}$', description: 'GB/T 2260 code of the district the worker works in', example: '420302' },
  category: { type: 'string', pattern: '^[a-z][a-z0-9_]{1,63}$', description: 'Worker category', example: 'delivery_rider' },
  displayName: { type: 'string', minLength: 1, maxLength: 200, description: 'The name shown, 1–200 characters' },
};
/** The two bodies the import takes (API.md "POST /api/workers"). */
const JSON_LINES = {
  schema: {
    type: 'string',
    description: `One JSON object a line: { ${Object.keys(ROW_FIELDS).join(', ')} }, no other fields. Each line:\n\n` +
      Object.entries(ROW_FIELDS).map(([name, f]) => `- \`${name}\`: ${f.description}${f.pattern ? `, matching \`${f.pattern}\`` : ''}`).join('\n'),
  },
  example: '{"externalId":"R-0001","region":"420302","category":"delivery_rider","displayName":"李明"}\n{"externalId":"R-0002","region":"420303","category":"delivery_rider","displayName":"张伟"}\n',
};
const CSV = {
  schema: {
    type: 'string',
    description: `Columns ${Object.keys(ROW_FIELDS).join(', ')}, in that order; an optional header line naming them. Same rules per field as the JSON lines.`,
  },
  example: 'externalId,region,category,displayName\nR-0001,420302,delivery_rider,李明\n',
};
const IMPORT_BODY = Object.fromEntries(IMPORT_CONTENT_TYPES.map((type) => [type, type === 'text/csv' ? CSV : JSON_LINES]));

@ApiTags('workers')
@Roles('enterprise_rep')
@Controller('api')
export class WorkersController {
  constructor(
    private readonly workers: WorkersService,
    private readonly config: AppConfig,
  ) {}

  /** Register or update workers: CSV (externalId,region,category,displayName) or JSON lines, up to 100 000 rows. */
  @Post('workers')
  @HttpCode(200)
  @ApiOperation({
    summary: "Register the enterprise's workers in bulk",
    description:
      `CSV or JSON lines, up to ${MAX_IMPORT_ROWS.toLocaleString('en')} rows and IMPORT_BODY_LIMIT_BYTES (32 MiB by default). ` +
      'Each row is checked on its own: good rows are kept (a known externalId is updated), bad rows reported with their line.',
    requestBody: { required: true, content: IMPORT_BODY },
  })
  @ApiOkResponse({ type: ImportResultDto, description: 'How many rows were kept, and why the others were not' })
  @ApiErrors({
    400: 'Not CSV or JSON lines (WORKERS.CONTENT_TYPE), no rows (WORKERS.EMPTY); a bad line (a stray quote, over 4 096 bytes) is a rejected row, not a 400',
    403: 'Not an enterprise rep, or one acting for no enterprise (WORKERS.NOT_AN_ENTERPRISE)',
    413: 'Body over IMPORT_BODY_LIMIT_BYTES, counted as it arrives (WORKERS.TOO_LARGE)',
    415: 'A content type Fastify cannot read (send text/csv, application/x-ndjson or application/jsonl)',
    422: `More than ${MAX_IMPORT_ROWS.toLocaleString('en')} rows (WORKERS.TOO_MANY_ROWS)`,
  })
  import(@CurrentUser() user: AuthUser, @Body() body: unknown, @RequestHeader('content-type') contentType = '') {
    if (!isImport(contentType) || !(body instanceof Readable))
      throw badRequest('WORKERS.CONTENT_TYPE', 'send CSV (text/csv) or JSON lines (application/x-ndjson)');
    return this.workers.import(user, body, contentType, this.config.IMPORT_BODY_LIMIT_BYTES);
  }
}
