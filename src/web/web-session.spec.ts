import { AuthService } from '../accounts/auth.service';
import { loadConfig } from '../config/app-config';
import { WebSession } from './web-session';

const session = (env: Record<string, string>) => new WebSession({} as AuthService, loadConfig(env));

describe('the session cookie', () => {
  it('is HttpOnly and SameSite=Lax, for the whole site', () => {
    expect(session({ NODE_ENV: 'development' }).cookieOptions(60)).toEqual({ path: '/', httpOnly: true, sameSite: 'lax', secure: false, maxAge: 60 });
  });

  it('is Secure in production', () => {
    expect(session({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }).cookieOptions().secure).toBe(true);
  });
});
