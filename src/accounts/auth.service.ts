import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AuthUser } from './auth-user';
import { verifyPassword } from './password';
import { User } from './user.entity';

/** A hash to compare against when the username is unknown, so both paths take as long. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
  ) {}

  async login(username: string, password: string): Promise<{ accessToken: string; user: Omit<AuthUser, 'workerId'> }> {
    const user = await this.dataSource.getRepository(User).findOne({ where: { username } });
    const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !valid) throw new DomainError(401, 'AUTH.BAD_CREDENTIALS', 'wrong username or password');
    const accessToken = await this.jwt.signAsync({ sub: user.id });
    const { id, displayName, role, organizationId } = user;
    return { accessToken, user: { id, username, displayName, role, organizationId } };
  }

  async userFromToken(token: string): Promise<AuthUser> {
    let subject: string;
    try {
      subject = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch {
      throw new DomainError(401, 'AUTH.BAD_TOKEN', 'the access token is invalid or expired');
    }
    const user = await this.dataSource.getRepository(User).findOne({ where: { id: subject } });
    if (!user) throw new DomainError(401, 'AUTH.BAD_TOKEN', 'the access token names no user');
    return toAuthUser(user);
  }
}

export function toAuthUser(user: User): AuthUser {
  const { id, username, displayName, role, organizationId, workerId } = user;
  return { id, username, displayName, role, organizationId, workerId };
}
