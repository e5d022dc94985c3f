import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A worker confirmed having been told of a publication (告知劳动者). The only per-worker row. */
@Entity('acknowledgements')
export class Acknowledgement {
  @PrimaryColumn({ name: 'agreement_id', type: 'varchar', length: 36 })
  agreementId!: string;

  @PrimaryColumn({ name: 'worker_id', type: 'varchar', length: 36 })
  workerId!: string;

  @Column({ name: 'acknowledged_at', type: 'varchar', length: 30 })
  acknowledgedAt!: string;
}
