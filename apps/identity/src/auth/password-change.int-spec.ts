import { migrateDatabase } from '@ocop/persistence';
import { createServiceApp, loadConfig } from '@ocop/service-kit';
import { createTestDatabase, deleteNamespaceStreams } from '@ocop/testing';
import { decodeJwt } from 'jose';
import { DataSource } from 'typeorm';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  IdentityHarness,
  startIdentity,
  testEnv,
} from '../../test/identity-harness';
import { AppModule } from '../app.module';
import { IdentityConfig } from '../config';
import { identityDataSourceOptions } from '../data-source';
import { identityService } from '../service';

const NEW_ADMIN_PASSWORD = 'sông Hàm Luông chảy qua chín xã';

interface Session {
  accessToken: string;
  refreshToken: string;
  passwordChangeRequired?: true;
}

describe('passwords (integration)', () => {
  let identity: IdentityHarness;

  const login = (identifier: string, password: string) =>
    identity.request<Session>('POST', '/auth/login', { body: { identifier, password } });
  const changePassword = (token: string, currentPassword: string, newPassword: string) =>
    identity.request<Session & { code?: string; detail?: string }>('POST', '/me/password', {
      token,
      body: { currentPassword, newPassword },
    });

  describe('the bootstrap admin', () => {
    let first: Session;

    beforeAll(async () => {
      // As in production: the bootstrap admin's first session may only change the configured password.
      identity = await startIdentity({ BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN: 'true' });
    });

    afterAll(async () => {
      await identity?.close();
    });

    it('signs in with the configured password into a session that says it must change it', async () => {
      const res = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body.passwordChangeRequired).toBe(true);
      expect(decodeJwt(res.body.accessToken)).toMatchObject({
        roles: ['admin'],
        password_change_required: true,
      });
      first = res.body;
    });

    it('may do nothing else: 403 password-change-required on every other call, refreshed sessions too', async () => {
      const calls: [string, string, unknown?][] = [
        ['GET', '/me'],
        ['GET', '/admin/accounts'],
        ['POST', '/admin/accounts', { email: 'x@ocop.vn', displayName: 'X', roles: ['retailer'] }],
        ['GET', '/admin/audit'],
        ['POST', '/admin/keys/rotate', {}],
      ];
      for (const [method, path, body] of calls) {
        const res = await identity.request(method, path, { token: first.accessToken, body });
        expect({ path, status: res.status, code: res.body.code }).toEqual({
          path,
          status: 403,
          code: 'password-change-required',
        });
      }
      const refreshed = await identity.request<Session>('POST', '/auth/refresh', {
        body: { refreshToken: first.refreshToken },
      });
      expect(refreshed.body.passwordChangeRequired).toBe(true);
      first = refreshed.body;
      expect((await identity.request('GET', '/me', { token: first.accessToken })).body).toMatchObject({
        code: 'password-change-required',
      });
      const db = identity.app.get(DataSource);
      const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM accounts`);
      expect(count).toBe(1);
    });

    it('must prove the current password, pick a different one, and a strong one', async () => {
      const wrong = await changePassword(first.accessToken, 'not the password', NEW_ADMIN_PASSWORD);
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('current-password-incorrect');

      const same = await changePassword(first.accessToken, ADMIN_PASSWORD, ADMIN_PASSWORD);
      expect(same.status).toBe(400);
      expect(same.body.code).toBe('password-unchanged');

      const weak = await changePassword(first.accessToken, ADMIN_PASSWORD, 'matkhau@2024');
      expect(weak.status).toBe(400);
      expect(weak.body).toMatchObject({
        code: 'password-too-weak',
        errors: [{ field: 'newPassword', message: expect.stringMatching(/^Mật khẩu quá dễ đoán.* \/ The/) }],
      });
      // Still the configured password, still restricted.
      expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).body.passwordChangeRequired).toBe(true);
    });

    it('changes it, gets an ordinary session, and every earlier session ends', async () => {
      const changed = await changePassword(first.accessToken, ADMIN_PASSWORD, NEW_ADMIN_PASSWORD);
      expect(changed.status).toBe(200);
      expect(changed.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: expect.any(String),
      });
      expect(decodeJwt(changed.body.accessToken)).not.toHaveProperty('password_change_required');
      const me = await identity.request('GET', '/me', { token: changed.body.accessToken });
      expect(me.status).toBe(200);
      expect(me.body).not.toHaveProperty('passwordChangeRequired');
      expect(
        (await identity.request('GET', '/admin/accounts', { token: changed.body.accessToken })).status,
      ).toBe(200);

      const oldRefresh = await identity.request('POST', '/auth/refresh', {
        body: { refreshToken: first.refreshToken },
      });
      expect(oldRefresh.body).toMatchObject({ status: 401, code: 'refresh-token-revoked' });
      expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).body).toMatchObject({ code: 'invalid-credentials' });
      const again = await login(ADMIN_EMAIL, NEW_ADMIN_PASSWORD);
      expect(again.status).toBe(200);
      expect(again.body).not.toHaveProperty('passwordChangeRequired');

      const audit = await identity.request<{ items: { action: string; details: unknown }[] }>(
        'GET',
        '/admin/audit?action=account.password-changed',
        { token: again.body.accessToken },
      );
      expect(audit.body.items).toEqual([
        expect.objectContaining({ action: 'account.password-changed', details: { wasRequired: true } }),
      ]);
    });
  });

  describe('every password a person sets is checked', () => {
    let admin: string;

    beforeAll(async () => {
      identity = await startIdentity();
      admin = await identity.adminToken();
    });

    afterEach(() => identity.clock.release());

    afterAll(async () => {
      await identity?.close();
    });

    it.each(['aaaaaaaaaa', '1234567890', 'Password123!', 'bentre2024!'])(
      'refuses %p at account creation, creating nothing',
      async (password) => {
        const email = `weak.${password.length}.${Date.now()}@example.vn`;
        const res = await identity.request('POST', '/admin/accounts', {
          token: admin,
          body: { email, displayName: 'Yếu', roles: ['retailer'], password },
        });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({
          code: 'password-too-weak',
          title: 'Mật khẩu quá yếu / Password too weak',
          errors: [{ field: 'password' }],
        });
        const db = identity.app.get(DataSource);
        expect(await db.query(`SELECT id FROM accounts WHERE email = $1`, [email])).toEqual([]);
      },
    );

    it("refuses a password made of the account's own name or e-mail", async () => {
      const res = await identity.request('POST', '/admin/accounts', {
        token: admin,
        body: {
          email: 'thanh.tam@example.vn',
          displayName: 'Lê Thanh Tâm',
          roles: ['retailer'],
          password: 'lethanhtam1990',
        },
      });
      expect(res.body).toMatchObject({ status: 400, code: 'password-too-weak' });
    });

    it('refuses a weak password when an invitation is accepted, and the invitation stays usable', async () => {
      const created = await identity.request<{ invitationToken: string }>('POST', '/admin/accounts', {
        token: admin,
        body: { email: 'hoa.invited@example.vn', displayName: 'Hoa', roles: ['retailer'] },
      });
      const accept = (password: string) =>
        identity.request('POST', '/auth/accept-invite', {
          body: { token: created.body.invitationToken, password },
        });
      // Without a valid invitation there is nothing to learn about passwords.
      expect(
        (
          await identity.request('POST', '/auth/accept-invite', {
            body: { token: 'not-an-invitation', password: '1234567890' },
          })
        ).body,
      ).toMatchObject({ code: 'invitation-invalid' });
      expect((await accept('1234567890')).body).toMatchObject({
        status: 400,
        code: 'password-too-weak',
        errors: [{ field: 'password' }],
      });
      expect((await accept('hoa đi chợ nổi Cái Bè sáng nay')).status).toBe(204);
      expect((await login('hoa.invited@example.vn', 'hoa đi chợ nổi Cái Bè sáng nay')).status).toBe(200);
    });

    it('lets anyone change their own password, throttled like a login, and ends their other sessions', async () => {
      const created = await identity.request('POST', '/admin/accounts', {
        token: admin,
        body: {
          email: 'binh.retailer@example.vn',
          displayName: 'Bình',
          roles: ['retailer'],
          password: 'the first password of Binh',
        },
      });
      expect(created.status).toBe(201);
      const phone = await identity.login('binh.retailer@example.vn', 'the first password of Binh');
      const laptop = await identity.login('binh.retailer@example.vn', 'the first password of Binh');
      // The throttle's first wait is one second: only the test moves the clock from here.
      identity.clock.freeze();
      for (let i = 0; i < 4; i += 1) {
        expect((await changePassword(laptop.accessToken, `guess ${i}`, 'x'.repeat(12))).body).toMatchObject({
          code: 'current-password-incorrect',
        });
      }
      // From then on each attempt waits, exactly as logins do: it is the same counter.
      expect((await changePassword(laptop.accessToken, 'guess 4', 'x'.repeat(12))).body).toMatchObject({
        code: 'login-throttled',
      });
      expect((await login('binh.retailer@example.vn', 'the first password of Binh')).status).toBe(429);
      identity.clock.advance(60);
      const changed = await changePassword(
        laptop.accessToken,
        'the first password of Binh',
        'a second one, chosen by Binh',
      );
      expect(changed.status).toBe(200);
      const stale = await identity.request('POST', '/auth/refresh', {
        body: { refreshToken: phone.refreshToken },
      });
      expect(stale.body).toMatchObject({ code: 'refresh-token-revoked' });
      const fresh = await identity.request('POST', '/auth/refresh', {
        body: { refreshToken: changed.body.refreshToken },
      });
      expect(fresh.status).toBe(200);
    });
  });
});

describe('bootstrap admin password strength (integration)', () => {
  it('stops the boot, naming the variable, when the configured password is weak', async () => {
    const database = await createTestDatabase('identity');
    const config = loadConfig(
      'identity',
      IdentityConfig,
      testEnv(database.url, { BOOTSTRAP_ADMIN_PASSWORD: 'Password123!' }),
    );
    try {
      await migrateDatabase(identityDataSourceOptions(config));
      const app = await createServiceApp({ ...identityService, module: (c) => AppModule.forRoot(c) }, config);
      try {
        await expect(app.init()).rejects.toThrow(/^BOOTSTRAP_ADMIN_PASSWORD is too easy to guess/);
      } finally {
        await app.close().catch(() => undefined);
      }
      const db = new DataSource({ type: 'postgres', url: database.url });
      await db.initialize();
      expect(await db.query(`SELECT id FROM accounts`)).toEqual([]);
      await db.destroy();
    } finally {
      await database.drop();
      await deleteNamespaceStreams(config.NATS_URL, config.EVENT_NAMESPACE);
    }
  });
});
