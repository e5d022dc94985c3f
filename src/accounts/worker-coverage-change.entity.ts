import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A worker's coverage as it was until `until`, when an import changed it (migration 1766400000000). */
@Entity('worker_coverage_changes')
export class WorkerCoverageChange {
  @PrimaryColumn({ name: 'worker_id', type: 'varchar', length: 36 })
  workerId!: string;

  @PrimaryColumn({ type: 'varchar', length: 30 })
  until!: string;

  @Column({ name: 'enterprise_id', type: 'varchar', length: 36 })
  enterpriseId!: string;

  @Column({ type: 'varchar', length: 64 })
  industry!: string;

  @Column({ type: 'varchar', length: 6 })
  region!: string;

  @Column({ type: 'varchar', length: 64 })
  category!: string;
}
