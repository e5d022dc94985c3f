import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A platform worker (rider, driver, courier) as registered by their enterprise. */
@Entity('workers')
export class Worker {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;

  /** The enterprise's own id for the worker (unique within the enterprise). */
  @Column({ name: 'external_id', type: 'varchar', length: 64 })
  externalId!: string;

  /** Copied from the enterprise at registration: coverage matches on it. */
  @Column({ type: 'varchar', length: 64 })
  industry!: string;

  /** GB/T 2260 code of where the worker works (a district, e.g. 420302). */
  @Column({ type: 'varchar', length: 6 })
  region!: string;

  @Column({ type: 'varchar', length: 64 })
  category!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt!: string;
}
