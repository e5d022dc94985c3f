import { applyDecorators, ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ApiPublic, ErrorBody } from '../common/openapi';
import { AuthUser } from './auth-user';
import { Role } from './user.entity';

export const IS_PUBLIC = 'isPublic';
/** No token needed (public agreements, login, health); the OpenAPI document says `security: []`. */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiPublic());

export const ROLES_KEY = 'roles';
/** Only these roles may call (403 for the others, documented as such). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiResponse({ status: 403, description: `Only for the role${roles.length > 1 ? 's' : ''} ${roles.join(', ')}`, type: ErrorBody }),
  );

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest().user,
);
