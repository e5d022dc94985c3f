import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * On PostgreSQL, the generated checkpoint key, shared by every instance (on SQLite it is a file
 * beside the database). Unused when CHECKPOINT_KEY is set, as production should.
 */
@Entity('checkpoint_keys')
export class CheckpointKey {
  @PrimaryColumn({ type: 'varchar', length: 16 })
  id!: string;

  @Column({ name: 'private_key', type: 'text' })
  privateKey!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
