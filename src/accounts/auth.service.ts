import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { selectRow } from '../database/rows';
import { DomainError } from '../common/domain-error';
import { Transactions } from '../database/transactions';
import { RevokedToken } from './revoked-token.entity';
import { TokenVerifier } from './token-verifier';
import { randomUUID } from 'node:crypto';
import { AuthUser } from './auth-user';
import { LoginLimiter } from './login-limiter';
import { verifyPassword } from './password';
import { User } from './user.entity';

/** A hash to compare against when the username is unknown, so both paths take as long. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly tx: Transactions,
    private readonly limiter: LoginLimiter,
    private readonly tokens: TokenVerifier,
  ) {}

  /** The API's and the web form's login: one budget of wrong passwords per account and per client address. */
  async login(username: string, password: string, clientAddress: string): Promise<{ accessToken: string; user: Omit<AuthUser, 'workerId'> }> {
    await this.limiter.check(username, clientAddress);
    const user = await this.dataSource.getRepository(User).findOne({ where: { username } });
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) {
      await this.limiter.failed(username, clientAddress);
      throw new DomainError(401, 'AUTH.BAD_CREDENTIALS', 'wrong username or password');
    }
    await this.limiter.succeeded(username);
    const accessToken = await this.jwt.signAsync({ sub: user.id }, { jwtid: randomUUID() });
    const { id, displayName, role, organizationId } = user;
    return { accessToken, user: { id, username, displayName, role, organizationId } };
  }

  async userFromToken(token: string): Promise<AuthUser> {
    let claims: { sub: string; jti?: string };
    try {
      claims = this.tokens.verify<{ sub: string; jti?: string }>(token);
    } catch {
      throw new DomainError(401, 'AUTH.BAD_TOKEN', 'the access token is invalid or expired');
    }
    // every token we issue names itself (jti), so that logging out can refuse it
    if (!claims.jti) throw new DomainError(401, 'AUTH.BAD_TOKEN', 'the access token is invalid or expired');
    // every authenticated request asks both, in one fixed statement (database/rows.ts): the user,
    // unless the session was logged out; which of the two it was is asked only when it failed
    const m = this.dataSource.manager;
    const user = await selectRow(m, User, 'id = ? AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = ?)', [claims.sub, claims.jti]);
    if (user) return toAuthUser(user);
    if (await selectRow(m, RevokedToken, 'jti = ?', [claims.jti]))
      throw new DomainError(401, 'AUTH.LOGGED_OUT', 'this session has been logged out');
    throw new DomainError(401, 'AUTH.BAD_TOKEN', 'the access token names no user');
  }

  /** Ends the session of this token (others of the same person, e.g. the rider app, go on). */
  async logout(token: string): Promise<void> {
    let claims: { sub: string; jti?: string; exp: number };
    try {
      // verified, not just decoded: the web logout hands over a cookie anybody can forge
      claims = this.tokens.verify<{ sub: string; jti?: string; exp: number }>(token);
    } catch {
      return;
    }
    if (!claims.jti) return;
    const expiresAt = new Date(claims.exp * 1000).toISOString();
    await this.tx.run(async (m) => {
      // forget revocations of tokens that have expired by now: they are refused anyway
      await m.createQueryBuilder().delete().from(RevokedToken).where('expires_at < :now', { now: new Date().toISOString() }).execute();
      await m.createQueryBuilder().insert().into(RevokedToken).values({ jti: claims.jti!, userId: claims.sub!, expiresAt }).orIgnore().execute();
    });
  }
}

export function toAuthUser(user: User): AuthUser {
  const { id, username, displayName, role, organizationId, workerId } = user;
  return { id, username, displayName, role, organizationId, workerId };
}
