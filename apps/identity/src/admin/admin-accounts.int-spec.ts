import { openAccountToken } from '@ocop/auth';
import { AccountMailV1, IdentityEvents } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { waitFor } from '@ocop/testing';
import { DataSource } from 'typeorm';
import {
  ADMIN_EMAIL,
  IdentityHarness,
  startIdentity,
  startIdentityReplicas,
  startReplica,
} from '../../test/identity-harness';
import { DEV_ACCOUNT_MAIL_SECRET } from '../config';

const PASSWORD = 'admin test password';
const PRODUCER = '33333333-3333-4333-8333-333333333333';

interface OutboxRow {
  type: string;
  subject: string;
  payload: { subject: string; data: Record<string, unknown> };
  published_at: Date | null;
}

describe('administration (integration)', () => {
  let identity: IdentityHarness;
  let db: DataSource;
  let admin: string;

  beforeAll(async () => {
    identity = await startIdentity();
    db = identity.app.get(DataSource);
    admin = await identity.adminToken();
  });

  afterAll(async () => {
    await identity?.close();
  });

  const outboxFor = (accountId: string): Promise<OutboxRow[]> =>
    db.query(
      `SELECT type, subject, payload, published_at FROM outbox WHERE payload->>'subject' = $1 ORDER BY seq`,
      [accountId],
    );
  const post = (path: string, body?: unknown, token = admin) =>
    identity.request('POST', path, { token, body });

  it('is for admins only: 401 without a token, 403 for other roles', async () => {
    await identity.createAccount({
      email: 'council@ocop.vn',
      displayName: 'Hội đồng',
      roles: ['council'],
      password: PASSWORD,
    });
    const council = (await identity.login('council@ocop.vn', PASSWORD)).accessToken;
    expect((await identity.request('GET', '/admin/accounts')).status).toBe(401);
    for (const [method, path] of [
      ['GET', '/admin/accounts'],
      ['POST', '/admin/accounts'],
      ['GET', '/admin/audit'],
      ['POST', '/admin/keys/rotate'],
      ['POST', `/admin/accounts/${randomUUID()}/enable`],
      ['POST', `/admin/accounts/${randomUUID()}/unlock`],
      ['POST', `/admin/accounts/${randomUUID()}/invitation`],
    ]) {
      const body = method === 'POST' ? {} : undefined;
      expect((await identity.request(method, path, { token: council, body })).body).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    }
  });

  it('creates an account with its event in the outbox (published by the relay) and an audit entry', async () => {
    const created = await post('/admin/accounts', {
      email: 'Hoa@Example.vn',
      phone: '091 234 5679',
      displayName: 'Trần Thị Hoa',
      language: 'en',
      roles: ['producer'],
      producerId: PRODUCER,
      password: PASSWORD,
    });
    expect(created.status).toBe(201);
    const account = created.body['account'] as Record<string, unknown>;
    expect(account).toMatchObject({
      email: 'hoa@example.vn',
      phone: '+84912345679',
      status: 'active',
      roles: ['producer'],
    });
    expect(account).not.toHaveProperty('passwordHash');
    expect(created.body).not.toHaveProperty('invitationToken');

    const accountId = account['accountId'] as string;
    const [event] = await outboxFor(accountId);
    expect(event.type).toBe(IdentityEvents.accountRegistered);
    expect(event.payload.data).toEqual({
      accountId,
      email: 'hoa@example.vn',
      phone: '+84912345679',
      displayName: 'Trần Thị Hoa',
      language: 'en',
      roles: ['producer'],
      producerId: PRODUCER,
      status: 'active',
    });
    await waitFor(async () => (await outboxFor(accountId))[0].published_at !== null);

    const audit = await identity.request<{ items: Record<string, unknown>[] }>(
      'GET',
      `/admin/audit?targetId=${accountId}`,
      { token: admin },
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'account.created',
        targetType: 'account',
        targetId: accountId,
        actorId: expect.any(String),
      }),
    ]);
  });

  it('writes no event when the creation fails or rolls back', async () => {
    const before = Number((await db.query(`SELECT count(*) FROM outbox`))[0].count);
    const dup = await post('/admin/accounts', {
      email: 'HOA@example.vn',
      displayName: 'Trùng',
      roles: ['retailer'],
      password: PASSWORD,
    });
    expect(dup.body).toMatchObject({ status: 409, code: 'account-exists' });
    const unbound = await post('/admin/accounts', {
      email: 'x@example.vn',
      displayName: 'X',
      roles: ['producer'],
      password: PASSWORD,
    });
    expect(unbound.body).toMatchObject({ status: 400, code: 'invalid-role-binding' });

    // A failure after the event was written (the audit insert) must take the event down with the account.
    await db.query(`
      CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.details->>'displayName' = 'Rollback' THEN RAISE EXCEPTION 'refused for the test'; END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION refuse_audit();`);
    try {
      const failed = await post('/admin/accounts', {
        email: 'rollback@example.vn',
        displayName: 'Rollback',
        roles: ['retailer'],
        password: PASSWORD,
      });
      expect(failed.body).toMatchObject({ status: 500, code: 'internal-error' });
    } finally {
      await db.query(`DROP TRIGGER refuse_audit ON audit_entries; DROP FUNCTION refuse_audit();`);
    }
    expect(await db.query(`SELECT 1 FROM accounts WHERE email = 'rollback@example.vn'`)).toEqual([]);
    expect(Number((await db.query(`SELECT count(*) FROM outbox`))[0].count)).toBe(before);
  });

  it('lists accounts newest first by cursor, with a capped limit and filters', async () => {
    for (let i = 0; i < 5; i += 1) {
      await post('/admin/accounts', {
        phone: `090000000${i}`,
        displayName: `Nhà bán lẻ ${i}`,
        roles: ['retailer'],
        password: PASSWORD,
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await identity.request<{ items: { displayName: string }[]; nextCursor?: string }>(
        'GET',
        `/admin/accounts?role=retailer&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin },
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((a) => a.displayName));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.filter((n) => n.startsWith('Nhà bán lẻ'))).toEqual(
      [4, 3, 2, 1, 0].map((i) => `Nhà bán lẻ ${i}`),
    );
    expect((await identity.request('GET', '/admin/accounts?limit=101', { token: admin })).body).toMatchObject(
      { code: 'validation-failed' },
    );
    expect(
      (await identity.request('GET', '/admin/accounts?cursor=garbage', { token: admin })).body,
    ).toMatchObject({ code: 'invalid-cursor' });
  });

  it('changes roles with their data, emitting roles-changed with the previous roles', async () => {
    const id = await identity.createAccount({
      email: 'officer@ocop.vn',
      displayName: 'Cán bộ',
      roles: ['council'],
      password: PASSWORD,
    });
    const invalid = await identity.request('PUT', `/admin/accounts/${id}/roles`, {
      token: admin,
      body: { roles: ['officer'] },
    });
    expect(invalid.body).toMatchObject({ status: 400, code: 'invalid-role-binding' });

    const changed = await identity.request('PUT', `/admin/accounts/${id}/roles`, {
      token: admin,
      body: { roles: ['officer', 'council'], scope: { provinceCode: '83', communeCode: '28756' } },
    });
    expect(changed.body).toMatchObject({
      roles: ['officer', 'council'],
      scope: { provinceCode: '83', communeCode: '28756' },
    });
    const events = await outboxFor(id);
    expect(events.map((e) => e.type)).toEqual([
      IdentityEvents.accountRegistered,
      IdentityEvents.accountRolesChanged,
    ]);
    expect(events[1].payload.data).toMatchObject({
      roles: ['officer', 'council'],
      previousRoles: ['council'],
    });
  });

  it('disables an account: its event, its audit entry, and no more logins', async () => {
    const id = await identity.createAccount({
      email: 'leaving@example.vn',
      displayName: 'Rời đi',
      roles: ['retailer'],
      password: PASSWORD,
    });
    const disabled = await post(`/admin/accounts/${id}/disable`, { reason: 'Yêu cầu của chủ tài khoản' });
    expect(disabled.body).toMatchObject({ status: 'disabled', disabledReason: 'Yêu cầu của chủ tài khoản' });
    expect((await outboxFor(id)).map((e) => e.type)).toContain(IdentityEvents.accountDisabled);
    expect(
      (
        await identity.request('POST', '/auth/login', {
          body: { identifier: 'leaving@example.vn', password: PASSWORD },
        })
      ).status,
    ).toBe(403);
    // Twice is harmless, and records one event only.
    await post(`/admin/accounts/${id}/disable`, { reason: 'again' });
    expect((await outboxFor(id)).filter((e) => e.type === IdentityEvents.accountDisabled)).toHaveLength(1);
    const audit = await identity.request<{ items: { action: string }[] }>(
      'GET',
      `/admin/audit?targetId=${id}&action=account.disabled`,
      { token: admin },
    );
    expect(audit.body.items).toHaveLength(1);
  });

  it('enables a disabled account again: its event, its audit entry, and logins work again', async () => {
    const id = await identity.createAccount({
      email: 'back@example.vn',
      displayName: 'Trở lại',
      roles: ['council'],
      password: PASSWORD,
    });
    const login = () =>
      identity.request('POST', '/auth/login', {
        body: { identifier: 'back@example.vn', password: PASSWORD },
      });
    await post(`/admin/accounts/${id}/disable`, { reason: 'Nghỉ phép dài hạn' });
    expect((await login()).status).toBe(403);

    const enabled = await post(`/admin/accounts/${id}/enable`);
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ accountId: id, status: 'active' });
    expect(enabled.body).not.toHaveProperty('disabledReason');
    expect(enabled.body).not.toHaveProperty('disabledAt');
    expect((await login()).status).toBe(200);

    // Other services' copies marked it disabled: the event carries the whole account to take back.
    const events = await outboxFor(id);
    expect(events.map((e) => e.type)).toEqual([
      IdentityEvents.accountRegistered,
      IdentityEvents.accountDisabled,
      IdentityEvents.accountEnabled,
    ]);
    expect(events[2].payload.data).toEqual({
      accountId: id,
      email: 'back@example.vn',
      displayName: 'Trở lại',
      language: 'vi',
      roles: ['council'],
      status: 'active',
    });
    const audit = await identity.request<{ items: Record<string, unknown>[] }>(
      'GET',
      `/admin/audit?targetId=${id}&action=account.enabled`,
      { token: admin },
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        accountId: id,
        accountName: 'Trở lại',
        actorName: expect.any(String),
        details: { status: 'active', disabledAt: expect.any(String), disabledReason: 'Nghỉ phép dài hạn' },
      }),
    ]);

    // Only a disabled account is enabled: a second click, or another admin's, is told so and changes nothing.
    const again = await post(`/admin/accounts/${id}/enable`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, code: 'account-not-disabled' });
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect((await outboxFor(id)).filter((e) => e.type === IdentityEvents.accountEnabled)).toHaveLength(1);
    expect((await post(`/admin/accounts/${randomUUID()}/enable`)).body).toMatchObject({
      status: 404,
      code: 'not-found',
    });
  });

  it('enables an invited account that was disabled as invited: its owner still sets the first password', async () => {
    const created = await post('/admin/accounts', {
      email: 'invited.back@example.vn',
      displayName: 'Được mời',
      roles: ['retailer'],
    });
    const id = (created.body['account'] as { accountId: string }).accountId;
    await post(`/admin/accounts/${id}/disable`, { reason: 'Mời nhầm' });
    expect((await post(`/admin/accounts/${id}/enable`)).body).toMatchObject({ status: 'invited' });
    const accepted = await identity.request('POST', '/auth/accept-invite', {
      body: { token: created.body['invitationToken'], password: 'một mật khẩu riêng của người được mời' },
    });
    expect(accepted.status).toBeLessThan(300);
    expect(
      (await identity.login('invited.back@example.vn', 'một mật khẩu riêng của người được mời')).accessToken,
    ).toEqual(expect.any(String));
  });

  describe('a new invitation', () => {
    interface Reissued {
      account: { accountId: string; status: string; invitationExpiresAt?: string };
      invitationToken: string;
    }
    const PERSON_PASSWORD = 'người được mời lại tự chọn mật khẩu này';
    const invite = async (email: string) => {
      const created = await post('/admin/accounts', { email, displayName: 'Mời lại', roles: ['retailer'] });
      expect(created.status).toBe(201);
      return created.body as unknown as Reissued;
    };
    const reinvite = (accountId: string, token = admin) =>
      identity.request<Reissued>('POST', `/admin/accounts/${accountId}/invitation`, { token });
    const accept = (token: string) =>
      identity.request('POST', '/auth/accept-invite', { body: { token, password: PERSON_PASSWORD } });
    const seen = async (accountId: string) =>
      (await identity.request<Reissued['account']>('GET', `/admin/accounts/${accountId}`, { token: admin }))
        .body;
    const mailedTokens = async (accountId: string) =>
      (await outboxFor(accountId))
        .filter((e) => e.type === IdentityEvents.invitationIssued)
        .map((e) => e.payload.data as unknown as AccountMailV1)
        .map((m) => ({
          token: openAccountToken(DEV_ACCOUNT_MAIL_SECRET, m.sealedToken),
          expiresAt: m.expiresAt,
        }));
    const ttlMs = () => identity.config.INVITATION_TTL_SECONDS * 1000;

    it('replaces an expired one: mailed like the first, the old link still refused, the new one accepted once, audited', async () => {
      const first = await invite('het.han@example.vn');
      const id = first.account.accountId;
      const firstExpiry = first.account.invitationExpiresAt as string;
      expect(Date.parse(firstExpiry) - Date.now()).toBeGreaterThan(ttlMs() - 60_000);
      expect((await seen(id)).invitationExpiresAt).toBe(firstExpiry);

      // "Eight days later": the clock moves past the invitation's lifetime (and back after the test: time going
      // backwards would bring the first invitation back to life, which real time never does).
      const later = identity.config.INVITATION_TTL_SECONDS + 24 * 3600;
      identity.clock.advance(later);
      try {
        expect((await accept(first.invitationToken)).body).toMatchObject({
          status: 410,
          code: 'invitation-expired',
        });
        const reissued = await reinvite(id);
        expect(reissued.status).toBe(201);
        const second = reissued.body;
        expect(second.account).toMatchObject({ accountId: id, status: 'invited' });
        expect(second.invitationToken).not.toBe(first.invitationToken);
        // A full lifetime from the moment it was sent.
        const secondExpiry = Date.parse(second.account.invitationExpiresAt as string);
        expect(secondExpiry - Date.parse(firstExpiry)).toBeGreaterThanOrEqual(later * 1000);
        expect((await seen(id)).invitationExpiresAt).toBe(second.account.invitationExpiresAt);

        // Mailed the way the first was: an invitation.issued event, the new token sealed in it, its expiry.
        expect(await mailedTokens(id)).toEqual([
          { token: first.invitationToken, expiresAt: firstExpiry },
          { token: second.invitationToken, expiresAt: second.account.invitationExpiresAt },
        ]);

        expect((await accept(first.invitationToken)).body).toMatchObject({
          status: 410,
          code: 'invitation-expired',
        });
        expect((await accept(second.invitationToken)).status).toBe(204);
        expect((await identity.login('het.han@example.vn', PERSON_PASSWORD)).accessToken).toEqual(
          expect.any(String),
        );
        expect((await accept(second.invitationToken)).body).toMatchObject({
          status: 400,
          code: 'invitation-invalid',
        });
        expect(await seen(id)).not.toHaveProperty('invitationExpiresAt');

        const me = await identity.request<{ accountId: string }>('GET', '/me', { token: admin });
        const audit = await identity.request<{ items: Record<string, unknown>[] }>(
          'GET',
          `/admin/audit?targetId=${id}&action=account.invitation-reissued`,
          { token: admin },
        );
        expect(audit.body.items).toEqual([
          expect.objectContaining({
            actorId: me.body.accountId,
            actorName: expect.any(String),
            accountName: 'Mời lại',
            details: {
              invitationId: expect.any(String),
              expiresAt: second.account.invitationExpiresAt,
              previousExpiresAt: firstExpiry,
            },
          }),
        ]);
        // When: the moment the new invitation went out (identity's clock, eight days on), a lifetime before it ends.
        const sentAt = secondExpiry - ttlMs();
        const at = Date.parse(audit.body.items[0]['at'] as string);
        expect(at).toBeGreaterThanOrEqual(sentAt);
        expect(at - sentAt).toBeLessThan(10_000);
      } finally {
        identity.clock.advance(-later);
      }
    });

    it('replaces one still valid (a lost mail): its link stops working at once, answering as an expired one', async () => {
      const first = await invite('mat.thu@example.vn');
      const id = first.account.accountId;
      const second = await reinvite(id);
      expect(second.status).toBe(201);
      const third = await reinvite(id);
      expect(third.status).toBe(201);
      for (const old of [first.invitationToken, second.body.invitationToken]) {
        expect((await accept(old)).body).toMatchObject({ status: 410, code: 'invitation-expired' });
      }
      const stored = await db.query(
        `SELECT expires_at > now() AS works FROM account_invitations WHERE account_id = $1 ORDER BY created_at`,
        [id],
      );
      expect(stored).toEqual([{ works: false }, { works: false }, { works: true }]);
      expect((await accept(third.body.invitationToken)).status).toBe(204);
    });

    it('is refused for an active account (409) and a disabled one until it is enabled; unknown ids are 404', async () => {
      const active = await identity.createAccount({
        email: 'da.co.mat.khau@example.vn',
        displayName: 'Đã có mật khẩu',
        roles: ['retailer'],
        password: PASSWORD,
      });
      const refused = await reinvite(active);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ status: 409, code: 'account-not-invited' });
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect((refused.body as unknown as { detail: string }).detail).toContain(' / ');

      const invited = await invite('bi.vo.hieu@example.vn');
      const id = invited.account.accountId;
      await post(`/admin/accounts/${id}/disable`, { reason: 'Mời nhầm người' });
      expect((await reinvite(id)).body).toMatchObject({ status: 409, code: 'account-not-invited' });
      expect(await seen(id)).not.toHaveProperty('invitationExpiresAt');
      // Nothing was sent, and nothing recorded, for either refusal.
      expect(await mailedTokens(active)).toEqual([]);
      expect((await mailedTokens(id)).length).toBe(1);
      const audit = await identity.request<{ items: unknown[] }>(
        'GET',
        `/admin/audit?action=account.invitation-reissued&targetId=${id}`,
        { token: admin },
      );
      expect(audit.body.items).toEqual([]);

      await post(`/admin/accounts/${id}/enable`);
      const again = await reinvite(id);
      expect(again.status).toBe(201);
      expect((await accept(again.body.invitationToken)).status).toBe(204);

      expect((await reinvite(randomUUID())).body).toMatchObject({ status: 404, code: 'not-found' });
      // A typo in the address is told as such, naming the parameter, in the problem format of every refusal.
      expect((await reinvite('not-an-id')).body).toMatchObject({
        status: 400,
        code: 'validation-failed',
        errors: [{ field: 'accountId' }],
      });
    });

    it('is for admins only', async () => {
      const invited = await invite('chi.admin@example.vn');
      await identity.createAccount({
        email: 'khong.phai.admin@example.vn',
        displayName: 'Không phải quản trị',
        roles: ['retailer', 'council'],
        password: PASSWORD,
      });
      const token = (await identity.login('khong.phai.admin@example.vn', PASSWORD)).accessToken;
      expect((await reinvite(invited.account.accountId, token)).body).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
      expect(
        (await identity.request('POST', `/admin/accounts/${invited.account.accountId}/invitation`)).status,
      ).toBe(401);
      expect((await mailedTokens(invited.account.accountId)).length).toBe(1);
    });
  });

  it('unlocks an account locked by failed logins: shown while locked, audited, and its owner signs in at once', async () => {
    const id = await identity.createAccount({
      email: 'locked@example.vn',
      displayName: 'Bị khóa',
      roles: ['retailer'],
      password: PASSWORD,
    });
    const login = (password: string) =>
      identity.request('POST', '/auth/login', { body: { identifier: 'locked@example.vn', password } });
    expect((await post(`/admin/accounts/${id}/unlock`)).body).toMatchObject({
      status: 409,
      code: 'account-not-locked',
    });

    let lockedUntil: string | undefined;
    identity.clock.freeze();
    try {
      // Ten failures in a row, each after the wait the throttle asks for (decision 0007), lock it for 15 minutes.
      for (let failure = 1; failure <= 10; failure += 1) {
        const answer = await login('wrong password');
        expect(answer.status).toBe(401);
        identity.clock.advance(2 ** Math.max(0, failure - 3));
      }
      expect((await login(PASSWORD)).body).toMatchObject({ status: 423, code: 'account-locked' });
      const seen = await identity.request<{ lockedUntil?: string }>('GET', `/admin/accounts/${id}`, {
        token: admin,
      });
      lockedUntil = seen.body.lockedUntil;
      expect(lockedUntil).toEqual(expect.any(String));
      const listed = await identity.request<{ items: { accountId: string; lockedUntil?: string }[] }>(
        'GET',
        '/admin/accounts?role=retailer&limit=100',
        { token: admin },
      );
      expect(listed.body.items.find((a) => a.accountId === id)?.lockedUntil).toBe(lockedUntil);

      const unlocked = await post(`/admin/accounts/${id}/unlock`);
      expect(unlocked.status).toBe(200);
      expect(unlocked.body).toMatchObject({ accountId: id, status: 'active' });
      expect(unlocked.body).not.toHaveProperty('lockedUntil');
      expect((await login(PASSWORD)).status).toBe(200);
      // The failures went with the lock: a new run of mistakes starts with three free attempts again.
      for (let i = 1; i <= 4; i += 1) expect((await login('wrong again')).status).toBe(401);
      expect((await login('wrong again')).status).toBe(429);
      // Throttled is not locked: there is nothing to unlock, and the answer says so.
      expect((await post(`/admin/accounts/${id}/unlock`)).body).toMatchObject({ code: 'account-not-locked' });
    } finally {
      identity.clock.release();
    }

    const audit = await identity.request<{ items: Record<string, unknown>[] }>(
      'GET',
      `/admin/audit?targetId=${id}&action=account.unlocked`,
      { token: admin },
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        accountName: 'Bị khóa',
        details: { failures: 10, lockedUntil },
      }),
    ]);
    expect((await post(`/admin/accounts/${randomUUID()}/unlock`)).body).toMatchObject({ code: 'not-found' });
  });

  it('never leaves the platform without an active admin', async () => {
    const me = await identity.request<{ accountId: string }>('GET', '/me', { token: admin });
    const selfDisable = await post(`/admin/accounts/${me.body.accountId}/disable`, { reason: 'oops' });
    expect(selfDisable.body).toMatchObject({ status: 409, code: 'last-admin' });
    const selfDemote = await identity.request('PUT', `/admin/accounts/${me.body.accountId}/roles`, {
      token: admin,
      body: { roles: ['council'] },
    });
    expect(selfDemote.body).toMatchObject({ status: 409, code: 'last-admin' });
  });

  it('issues, lists and revokes retailer API keys, recording each in the audit trail', async () => {
    const producer = await identity.createAccount({
      email: 'p@example.vn',
      displayName: 'P',
      roles: ['producer'],
      producerId: PRODUCER.replace('3333', '4444'),
      password: PASSWORD,
    });
    expect((await post(`/admin/accounts/${producer}/api-keys`, { name: 'no' })).body).toMatchObject({
      status: 409,
      code: 'not-a-retailer',
    });

    const retailer = await identity.createAccount({
      email: 'shop@example.vn',
      displayName: 'Shop',
      roles: ['retailer'],
      password: PASSWORD,
    });
    const created = await post(`/admin/accounts/${retailer}/api-keys`, { name: 'POS quầy 1' });
    expect(created.status).toBe(201);
    const apiKey = created.body['apiKey'] as string;
    expect(apiKey).toMatch(/^ocop_ak_/);
    const list = await identity.request<Record<string, unknown>[]>(
      'GET',
      `/admin/accounts/${retailer}/api-keys`,
      { token: admin },
    );
    expect(list.body).toEqual([
      {
        id: created.body['id'],
        name: 'POS quầy 1',
        prefix: apiKey.slice(0, 12),
        createdAt: expect.any(String),
      },
    ]);

    const exchange = () => identity.request('POST', '/auth/token', { body: { apiKey } });
    const token = await exchange();
    expect(token.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(token.body).not.toHaveProperty('refreshToken');

    const revoke = await identity.request(
      'DELETE',
      `/admin/accounts/${retailer}/api-keys/${created.body['id']}`,
      { token: admin },
    );
    expect(revoke.status).toBe(204);
    expect((await exchange()).body).toMatchObject({ status: 401, code: 'invalid-api-key' });
    const audit = await identity.request<{ items: { action: string }[] }>(
      'GET',
      `/admin/audit?targetId=${created.body['id']}`,
      { token: admin },
    );
    expect(audit.body.items.map((e) => e.action)).toEqual(['api-key.revoked', 'api-key.created']);
  });
});

describe('bootstrap admin (integration)', () => {
  it('is created once, even by two replicas booting together, and not again at the next boot', async () => {
    const replicas = await startIdentityReplicas(2);
    try {
      const db = replicas[0].app.get(DataSource);
      const admins = await db.query(`SELECT email FROM accounts WHERE 'admin' = ANY (roles)`);
      expect(admins).toEqual([{ email: ADMIN_EMAIL }]);
      await replicas[1].app.close();
      const again = await startReplica(replicas[0]);
      await again.close();
      expect(await db.query(`SELECT count(*)::int AS n FROM accounts`)).toEqual([{ n: 1 }]);
      expect(await db.query(`SELECT action, actor_id FROM audit_entries`)).toEqual([
        { action: 'account.created', actor_id: null },
      ]);
    } finally {
      await replicas[0].close();
    }
  });
});
