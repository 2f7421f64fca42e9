import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An event a consumer has applied; inserted in the handler's transaction, so a redelivery finds it and stops. */
@Entity('inbox')
export class InboxRecord {
  /** The consuming service. */
  @PrimaryColumn('text')
  consumer!: string;

  @PrimaryColumn({ name: 'event_id', type: 'text' })
  eventId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'handled_at', type: 'timestamptz' })
  handledAt!: Date;
}
