import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuthUser } from './auth-user';
import { OrganizationView, PersonView } from './directory.service';
import { ORGANIZATION_KINDS, OrganizationKind } from './organization.entity';
import { ROLES, Role } from './user.entity';
import { ImportResult } from './workers.service';

export { ORGANIZATION_KINDS, ROLES };

export class LoggedInUserDto implements Omit<AuthUser, 'workerId'> {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'union.chief' })
  username!: string;

  @ApiProperty({ example: '王建国' })
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The organisation the person acts for (a worker: the enterprise that registered them); null for an admin' })
  organizationId!: string | null;
}

export class LoginResultDto {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`; valid 12 hours or until logout' })
  accessToken!: string;

  @ApiProperty({ type: LoggedInUserDto })
  user!: LoggedInUserDto;
}

export class OrganizationDto implements OrganizationView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  kind!: OrganizationKind;

  @ApiProperty({ type: String, nullable: true, description: 'Industry code (null for a bureau)', example: 'food_delivery' })
  industry!: string | null;

  @ApiProperty({ type: String, nullable: true, pattern: '^\\d{6}$', description: 'GB/T 2260 code of the area it acts for' })
  region!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "A union's chief (工会主席), who acts for it in rule changes; null until named" })
  chiefUserId!: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "An employer_association's member enterprises" })
  memberIds?: string[];
}

export class PersonDto implements PersonView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  username!: string;

  @ApiProperty()
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  organizationId!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "A worker's login: the worker record it belongs to" })
  workerId!: string | null;
}

export class RejectedRowDto {
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Line in the body, from 1 (a CSV header is line 1)' })
  line!: number;

  @ApiProperty({ description: 'Everything wrong with the row' })
  message!: string;
}

export class ImportResultDto implements ImportResult {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Rows registered or updated (a known externalId is updated)' })
  accepted!: number;

  @ApiProperty({ type: [RejectedRowDto], description: 'Rows not kept, with why' })
  rejected!: RejectedRowDto[];
}

export class WebhookSetDto {
  @ApiProperty({ format: 'uri', description: "Where the organisation's webhooks are POSTed from now on" })
  url!: string;
}
