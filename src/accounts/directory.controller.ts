import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Roles } from './auth.decorators';
import { DirectoryService } from './directory.service';
import { OrganizationKind } from './organization.entity';
import { Role } from './user.entity';

const ORGANIZATION_KINDS: OrganizationKind[] = ['union', 'enterprise', 'bureau'];
const ROLES: Role[] = ['union_negotiator', 'enterprise_rep', 'bureau_reviewer', 'worker', 'admin'];

export class NewOrganizationDto {
  @IsString() @MinLength(2) @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ORGANIZATION_KINDS })
  @IsIn(ORGANIZATION_KINDS)
  kind!: OrganizationKind;

  /** The industry a union or enterprise bargains in, e.g. food_delivery (not for a bureau). */
  @ApiPropertyOptional()
  @IsOptional() @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'industry must be a lower-case code such as food_delivery' })
  industry?: string;

  /** GB/T 2260 code of the area the organisation acts for (a union's scopes must lie inside it). */
  @Matches(/^\d{6}$/, { message: 'region must be a six-digit GB/T 2260 code' })
  region!: string;
}

export class NewPersonDto {
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'username must be 3–64 lower-case letters, digits or ._-' })
  username!: string;

  @IsString() @MinLength(1) @MaxLength(200)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @IsString() @MinLength(10) @MaxLength(200)
  password!: string;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID('all')
  organizationId?: string;

  @ApiPropertyOptional()
  @IsOptional() @IsUUID('all')
  workerId?: string;
}

@ApiTags('administration')
@ApiBearerAuth()
@Roles('admin')
@Controller('api')
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Post('organizations')
  addOrganization(@Body() body: NewOrganizationDto) {
    return this.directory.addOrganization(body);
  }

  @Post('users')
  addPerson(@Body() body: NewPersonDto) {
    return this.directory.addPerson(body);
  }
}
