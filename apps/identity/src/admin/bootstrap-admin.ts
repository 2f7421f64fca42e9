import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { normaliseEmail } from '../accounts/identifiers';
import { PasswordHasher } from '../accounts/password-hasher';
import { accountWords, PASSWORD_MIN_SCORE, PasswordStrength } from '../accounts/password-strength';
import { IdentityConfig } from '../config';
import { ADMINS_LOCK, AdminAccounts } from './admin-accounts.service';

const ADMIN_NAME = 'Administrator';

const adminExists = (manager: EntityManager) =>
  manager.getRepository(Account).createQueryBuilder('a').where(`'admin' = ANY (a.roles)`).getExists();

/**
 * The first admin of a new deployment, from BOOTSTRAP_ADMIN_EMAIL/PASSWORD. Once any admin exists this does
 * nothing, so the variables may stay set; replicas booting together take turns on a lock and only one creates.
 * Its first session may only change the password (BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN, always in production).
 */
@Injectable()
export class BootstrapAdmin implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdmin.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: IdentityConfig,
    private readonly hasher: PasswordHasher,
    private readonly strength: PasswordStrength,
    private readonly admin: AdminAccounts,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    // Checked before hashing so that an ordinary boot does not spend a scrypt on nothing.
    if (await adminExists(this.dataSource.manager)) return;
    // Like any password a person sets; refusing it stops the boot, naming the variable.
    const weakness = this.strength.assess(password, accountWords({ email, displayName: ADMIN_NAME }));
    if (!weakness.acceptable) {
      throw new Error(
        `BOOTSTRAP_ADMIN_PASSWORD is too easy to guess (score ${weakness.score}, at least ${PASSWORD_MIN_SCORE} needed)` +
          (weakness.warning ? `: ${weakness.warning.en}` : ''),
      );
    }
    const passwordHash = await this.hasher.hash(password);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${ADMINS_LOCK}`);
      if (await adminExists(manager)) return;
      if (await manager.getRepository(Account).existsBy({ email: normaliseEmail(email) })) {
        this.logger.warn(`${email} exists but is not an admin; not promoting it from configuration`);
        return;
      }
      const { account } = await this.admin.createWithin(
        manager,
        {
          email,
          displayName: ADMIN_NAME,
          language: 'vi',
          roles: ['admin'],
          passwordHash,
          // The password sits in the deployment's configuration: the admin replaces it at first login.
          passwordChangeRequired: this.config.BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN,
        },
        null,
      );
      this.logger.log(`Bootstrap admin ${account.email} created`);
    });
  }
}
