import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/domain-error';
import { AuthService } from './auth.service';
import { IS_PUBLIC, ROLES_KEY } from './auth.decorators';
import { Role } from './user.entity';

/** The token of an `Authorization: Bearer <token>` header; the scheme's name in any case (RFC 9110 §11.1). */
export const bearerToken = (header: string | undefined): string | undefined => {
  const match = typeof header === 'string' ? /^bearer +(\S+) *$/i.exec(header) : null;
  return match ? match[1] : undefined;
};

/** Global guard: a valid bearer token unless the route is @Public(), and the route's @Roles(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const token = bearerToken(request.headers?.authorization);
    if (!token) throw new DomainError(401, 'AUTH.MISSING_TOKEN', 'Authorization: Bearer <accessToken> is required');
    request.user = await this.auth.userFromToken(token);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role))
      throw new DomainError(403, 'AUTH.WRONG_ROLE', `this needs one of the roles: ${roles.join(', ')}`);
    return true;
  }
}
