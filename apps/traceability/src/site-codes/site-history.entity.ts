import { SiteStatus } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SiteKind } from './site-kind';

/** One step in a site's life: registration, amendment, each review action, export codes; never changed. */
@Entity({ name: 'site_history' })
export class SiteHistoryEntry {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'site_kind', type: 'text' })
  siteKind!: SiteKind;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId!: string;

  @Column({ type: 'text' })
  action!: string;

  /** Status after the step. */
  @Column({ type: 'text' })
  status!: SiteStatus;

  /** Code after the step (a re-issue changes it). */
  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'actor_id', type: 'text' })
  actorId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'jsonb' })
  details!: Record<string, unknown>;
}
