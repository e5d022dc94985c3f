import { Role } from './user.entity';

/** Who is calling, as carried in the access token. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
  workerId: string | null;
}
