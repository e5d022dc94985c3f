import { Body, Controller, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi';
import { ORGANIZATION_KINDS, OrganizationDto, PersonDto, ROLES } from './accounts.dto';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { Roles } from './auth.decorators';
import { DirectoryService } from './directory.service';
import { OrganizationKind } from './organization.entity';
import { Role } from './user.entity';
import { IdOf } from '../common/id.pipe';
import { Text } from '../common/text';


export class NewOrganizationDto {
  @ApiProperty({ minLength: 2, maxLength: 200, example: '十堰市外卖配送行业工会联合会' })
  @Text(2, 200)
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS, description: 'An industry union, a platform enterprise, or a labour bureau' })
  @IsIn(ORGANIZATION_KINDS)
  kind!: OrganizationKind;

  /** The industry a union or enterprise bargains in, e.g. food_delivery (not for a bureau). */
  @ApiPropertyOptional({ pattern: '^[a-z][a-z0-9_]{1,63}$', description: 'The industry a union or enterprise bargains in (required for them, not for a bureau)', example: 'food_delivery' })
  @IsOptional() @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'industry must be a lower-case code such as food_delivery' })
  industry?: string;

  /** GB/T 2260 code of the area the organisation acts for (a union's scopes must lie inside it). */
  @ApiProperty({ pattern: '^\\d{6}$', description: "GB/T 2260 code of the area the organisation acts for (a union's scopes must lie inside it); 422 for an unknown code", example: '420300' })
  @Matches(/^\d{6}$/, { message: 'region must be a six-digit GB/T 2260 code' })
  region!: string;

  /** An employer_association's member enterprises (行业协会的会员企业): what it signs binds them. */
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "An employer_association's member enterprises (required for one, refused for any other kind): what it signs binds them" })
  @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(1000) @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class ChiefDto {
  @ApiProperty({ format: 'uuid', description: "The union's chief: one of its union_negotiators" })
  @IsUUID('all')
  userId!: string;
}

export class NewPersonDto {
  @ApiProperty({ pattern: '^[a-z0-9][a-z0-9._-]{2,63}$', description: 'Login name: 3–64 lower-case letters, digits or ._-', example: 'union.rep4' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3–64 lower-case letters, digits or ._-' })
  username!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, description: 'The name shown on records and pages' })
  @Text(1, 200)
  displayName!: string;

  @ApiProperty({ enum: ROLES, description: 'What the person may do; each role but admin belongs to one kind of organisation' })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ minLength: 12, maxLength: 200, format: 'password', description: 'At least 12 characters and hard to guess (zxcvbn score ≥ 3); a weak one is 422 PERSON.WEAK_PASSWORD saying why' })
  @IsString() @MaxLength(200)
  password!: string;

  @ApiPropertyOptional({ format: 'uuid', description: "The organisation the person acts for, of the role's kind (not for an admin)" })
  @IsOptional() @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "A worker's login: the worker record (registered by POST /api/workers) it belongs to" })
  @IsOptional() @IsUUID('all')
  workerId?: string;
}

@ApiTags('administration')
@Roles('admin')
@Controller('api')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Post('organizations')
  @ApiOperation({ summary: 'Register an organisation' })
  @ApiCreatedResponse({ type: OrganizationDto, description: 'The organisation registered' })
  @ApiErrors({ 422: 'A union or enterprise without its industry, or an unknown region (ORGANIZATION.INVALID)' })
  addOrganization(@Body() body: NewOrganizationDto) {
    return this.directory.addOrganization(body);
  }

  @Put('organizations/:id/chief')
  @ApiOperation({
    summary: "Name a union's chief (工会主席)",
    description: 'The one person who acts for the union in a rule change (CLOSE_CONSULTATION, REQUEST_BARGAINING); a rule change opened from now on seats them as the union chief for that consultation.',
  })
  @ApiOkResponse({ type: OrganizationDto, description: 'The union with its chief' })
  @ApiErrors({ 404: 'No such organisation', 422: 'Not a union, or the person is not one of its union_negotiators (ORGANIZATION.INVALID_CHIEF)' })
  setChief(@Param('id', new IdOf('organization')) id: string, @Body() body: ChiefDto) {
    return this.directory.setChief(id, body.userId);
  }

  @Post('users')
  @ApiOperation({ summary: 'Register a person', description: 'A login for a negotiator, representative, reviewer, worker or administrator.' })
  @ApiCreatedResponse({ type: PersonDto, description: 'The person registered (never the password)' })
  @ApiErrors({
    409: 'The username is taken (PERSON.USERNAME_TAKEN)',
    422: "The organisation is missing or of the wrong kind for the role, an unknown worker record, a worker record already with a login (PERSON.INVALID)",
  })
  addPerson(@Body() body: NewPersonDto) {
    return this.directory.addPerson(body);
  }
}
