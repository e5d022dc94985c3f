import { Column, Entity, PrimaryColumn } from 'typeorm';

/** `instructor`: a federation's bargaining instructor (集体协商指导员), seated only as an expert (art. 23). */
export type Role = 'union_negotiator' | 'enterprise_rep' | 'bureau_reviewer' | 'worker' | 'instructor' | 'admin';
export const ROLES: Role[] = ['union_negotiator', 'enterprise_rep', 'bureau_reviewer', 'worker', 'instructor', 'admin'];

@Entity('users')
export class User {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64, unique: true })
  username!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ type: 'varchar', length: 20 })
  role!: Role;

  @Column({ name: 'organization_id', type: 'varchar', length: 36, nullable: true })
  organizationId!: string | null;

  /** For role `worker`: the worker record (enterprise, region, category) that decides coverage. */
  @Column({ name: 'worker_id', type: 'varchar', length: 36, nullable: true })
  workerId!: string | null;

  /** scrypt$N$r$p$salt$hash */
  @Column({ name: 'password_hash', type: 'varchar', length: 300 })
  passwordHash!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
