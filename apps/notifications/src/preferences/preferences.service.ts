import { Injectable } from '@nestjs/common';
import { Role } from '@ocop/contracts';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { AccountChannel } from '../workflows/workflow';
import { WORKFLOWS } from '../workflows/workflow-registry';
import { PreferenceDto } from './preferences.dto';

export interface PreferenceView {
  workflow: string;
  nameVi: string;
  nameEn: string;
  critical: boolean;
  digest: boolean;
  channels: Record<AccountChannel, boolean>;
}

/**
 * Which workflows reach an account on which channel. Everything is on until the account turns it off; critical
 * workflows (recalls) are listed as always on, since the planner ignores preferences for them.
 */
@Injectable()
export class PreferencesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** The workflows that can reach someone with these roles, each with its switches. */
  async get(accountId: string, roles: readonly Role[]): Promise<PreferenceView[]> {
    const rows: { workflow: string; channel: AccountChannel; enabled: boolean }[] =
      await this.dataSource.query(
        `SELECT workflow, channel, enabled FROM preferences WHERE account_id = $1`,
        [accountId],
      );
    const set = new Map(rows.map((r) => [`${r.workflow}:${r.channel}`, r.enabled]));
    return WORKFLOWS.filter((w) => w.audience.some((role) => roles.includes(role))).map((w) => ({
      workflow: w.id,
      nameVi: w.nameVi,
      nameEn: w.nameEn,
      critical: w.critical,
      digest: w.digest,
      channels: Object.fromEntries(
        w.channels.map((c) => [c, w.critical || (set.get(`${w.id}:${c}`) ?? true)]),
      ) as Record<AccountChannel, boolean>,
    }));
  }

  async update(
    accountId: string,
    roles: readonly Role[],
    changes: PreferenceDto[],
  ): Promise<PreferenceView[]> {
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      for (const c of changes)
        await manager.query(
          `INSERT INTO preferences (account_id, workflow, channel, enabled, updated_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (account_id, workflow, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = EXCLUDED.updated_at`,
          [accountId, c.workflow, c.channel, c.enabled, now],
        );
    });
    return this.get(accountId, roles);
  }
}
