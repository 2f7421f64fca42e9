import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Consecutive failed logins for one account, or for one identifier that matches no account: unknown identifiers
 * are throttled and locked exactly like real ones, so the answers never tell which accounts exist.
 */
@Entity({ name: 'login_attempts' })
export class LoginAttempts {
  /** `account:<id>` or `identifier:<normalised e-mail or phone>`. */
  @PrimaryColumn({ type: 'text' })
  subject!: string;

  @Column({ type: 'int' })
  failures!: number;

  @Column({ name: 'last_failure_at', type: 'timestamptz' })
  lastFailureAt!: Date;

  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;
}
