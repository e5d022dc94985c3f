import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { AuthUser } from './auth-user';
import { Role } from './user.entity';

export const IS_PUBLIC = 'isPublic';
/** No token needed (public agreements, login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const ROLES_KEY = 'roles';
/** Only these roles may call (403 for the others). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuthUser => context.switchToHttp().getRequest().user,
);
