import { openAccountToken } from '@ocop/auth';
import {
  AccountMailV1,
  CatalogueRpc,
  IdentityEvents,
  RegistrationRepeatedV1,
  RegistrationSubmittedV1,
  rpcSubjectFor,
} from '@ocop/contracts';
import { connect, JSONCodec, NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { IdentityHarness, startIdentity } from '../../test/identity-harness';
import { DEV_ACCOUNT_MAIL_SECRET } from '../config';

interface OutboxRow<T> {
  type: string;
  payload: { subject: string; data: T };
}

/** A tax code the catalogue (played below over real NATS) says a producer already holds. */
const HELD_TAX_CODE = '1300999999';
const HELD_BY = '44444444-4444-4444-8444-444444444444';
const COMMUNE = '28756'; // Phường Phú Khương, Vĩnh Long (map of 1 July 2025, in force today)

const household = (overrides: Record<string, unknown> = {}) => ({
  type: 'household',
  taxCode: '083190001234',
  name: 'Hộ kinh doanh Nguyễn Văn Ba',
  communeCode: COMMUNE,
  fullName: 'Nguyễn Văn Ba',
  email: 'ba.nguyen@example.vn',
  password: 'kẹo dừa Mỏ Cày thơm lừng buổi sáng',
  ...overrides,
});

describe('self-service: registration, password reset, invitations (integration)', () => {
  let identity: IdentityHarness;
  let db: DataSource;
  let nc: NatsConnection;
  const codec = JSONCodec();

  beforeAll(async () => {
    identity = await startIdentity({
      REGISTRATIONS_PER_ADDRESS_PER_HOUR: '100',
      PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: '100',
    });
    db = identity.app.get(DataSource);
    // Play the catalogue's answer to "who holds this tax code?", on the real NATS.
    nc = await connect({ servers: identity.config.NATS_URL });
    const answer = (name: string, respond: (data: Record<string, unknown>) => unknown) => {
      const sub = nc.subscribe(rpcSubjectFor(identity.config.EVENT_NAMESPACE, name));
      void (async () => {
        for await (const msg of sub) {
          const { id, data } = codec.decode(msg.data) as { id: string; data: Record<string, unknown> };
          msg.respond(codec.encode({ id, response: respond(data), isDisposed: true }));
        }
      })();
    };
    answer(CatalogueRpc.producerHolder, (data) =>
      data.taxCode === HELD_TAX_CODE ? { producerId: HELD_BY } : {},
    );
    // Only the officers of Phú Khương review HELD_BY.
    answer(CatalogueRpc.producerReviewable, (data) => ({
      reviewable:
        data.producerId === HELD_BY && (data.scope as { communeCode?: string }).communeCode === COMMUNE,
    }));
    await nc.flush();
  });

  afterAll(async () => {
    await nc?.close();
    await identity?.close();
  });

  const events = <T>(type: string): Promise<OutboxRow<T>[]> =>
    db.query(`SELECT type, payload FROM outbox WHERE type = $1 ORDER BY seq`, [type]);
  const accountCount = async () => (await db.query(`SELECT count(*)::int AS n FROM accounts`))[0].n as number;
  const register = (body: unknown) => identity.request('POST', '/registrations', { body });

  describe('self-registration', () => {
    it('creates an active producer account bound to a new producer, and tells the catalogue', async () => {
      const res = await register(household());
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ status: 'received' });

      const [submitted] = await events<RegistrationSubmittedV1>(IdentityEvents.registrationSubmitted);
      const data = submitted.payload.data;
      expect(data.producer).toEqual({
        type: 'household',
        name: 'Hộ kinh doanh Nguyễn Văn Ba',
        taxCode: '083190001234',
        legalRepresentativeName: 'Nguyễn Văn Ba',
        communeCode: COMMUNE,
        unitMap: 'vl-2025-07',
        email: 'ba.nguyen@example.vn',
      });
      const session = await identity.login('ba.nguyen@example.vn', household().password as string);
      const me = await identity.request('GET', '/me', { token: session.accessToken });
      expect(me.body).toMatchObject({
        accountId: data.accountId,
        roles: ['producer'],
        producerId: data.producerId,
        status: 'active',
      });
      const registered = await events<{ accountId: string }>(IdentityEvents.accountRegistered);
      expect(registered.map((e) => e.payload.data.accountId)).toContain(data.accountId);
    });

    it('names each field it refuses: tax code of the type, commune of the map in force, a way to reach them', async () => {
      const res = await register(
        household({ type: 'enterprise', communeCode: '29113', email: undefined, phone: undefined }),
      );
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation-failed' });
      // 29113 is a 2022 commune of Ba Tri, merged away on 1 July 2025; a personal ID is for households only.
      expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual([
        'communeCode',
        'email',
        'taxCode',
      ]);
      const weak = await register(household({ email: 'weak@example.vn', password: 'matkhau@2024' }));
      expect(weak.body).toMatchObject({ status: 400, code: 'password-too-weak' });
      expect(await events(IdentityEvents.registrationSubmitted)).toHaveLength(1);
    });

    it('answers a repeated e-mail, phone or tax code exactly like a new one, creates nothing and tells the owner', async () => {
      const first = await register(
        household({ taxCode: '083190005678', email: undefined, phone: '0913 222 333' }),
      );
      const accounts = await accountCount();
      const sameEmail = await register(household({ taxCode: '083190009999', name: 'Hộ khác' }));
      const samePhone = await register(
        household({ taxCode: '083190008888', email: 'other@example.vn', phone: '+84913222333' }),
      );
      const heldTaxCode = await register(
        household({ type: 'enterprise', taxCode: HELD_TAX_CODE, email: 'new.owner@example.vn' }),
      );
      for (const res of [sameEmail, samePhone, heldTaxCode]) {
        expect({ status: res.status, body: res.body }).toEqual({ status: first.status, body: first.body });
      }
      expect(await accountCount()).toBe(accounts);
      expect(await events(IdentityEvents.registrationSubmitted)).toHaveLength(2);
      const repeated = (await events<RegistrationRepeatedV1>(IdentityEvents.registrationRepeated)).map(
        (e) => e.payload.data,
      );
      expect(repeated.map((r) => r.reason)).toEqual(['account-exists', 'account-exists', 'producer-exists']);
      expect(repeated[2].producerId).toBe(HELD_BY);
      // The strangers' attempts are on record for the owners' accounts, not in any answer.
      expect(JSON.stringify(repeated)).not.toContain('new.owner@example.vn');
    });
  });

  describe('password reset', () => {
    const email = 'reset.me@example.vn';
    const oldPassword = 'bến phà Rạch Miễu lúc sáu giờ';
    const newPassword = 'cầu Hàm Luông nối đôi bờ sông';
    let accountId: string;

    beforeAll(async () => {
      accountId = await identity.createAccount({
        email,
        displayName: 'Lê Thị Reset',
        roles: ['retailer'],
        password: oldPassword,
      });
    });

    const request = (address: string) =>
      identity.request('POST', '/auth/password-reset', { body: { email: address } });
    const confirm = (token: string, password: string) =>
      identity.request('POST', '/auth/password-reset/confirm', { body: { token, password } });
    /** The token as the mail carries it: notifications opens the same envelope with the same secret. */
    const mailedTokens = async () =>
      (await events<AccountMailV1>(IdentityEvents.passwordResetRequested))
        .filter((e) => e.payload.data.accountId === accountId)
        .map((e) => openAccountToken(DEV_ACCOUNT_MAIL_SECRET, e.payload.data.sealedToken) as string);

    it('answers an unknown address exactly like a known one, and mails only the known one', async () => {
      const known = await request(email);
      const unknown = await request('nobody.here@example.vn');
      expect(known.status).toBe(202);
      expect({ status: unknown.status, body: unknown.body }).toEqual({
        status: known.status,
        body: known.body,
      });
      const mails = await events<AccountMailV1>(IdentityEvents.passwordResetRequested);
      expect(mails.map((m) => m.payload.data.email)).toEqual([email]);
      expect(mails[0].payload.data).toMatchObject({ accountId, language: 'vi', displayName: 'Lê Thị Reset' });
      // Only the hash is stored; the event carries the token sealed.
      const [token] = await mailedTokens();
      expect(JSON.stringify(mails)).not.toContain(token);
      const [row] = await db.query(`SELECT token_hash FROM password_resets WHERE account_id = $1`, [
        accountId,
      ]);
      expect(row.token_hash.toString('utf8')).not.toContain(token);
    });

    it('works once, with a strong password, ends every session, and is audited', async () => {
      const session = await identity.login(email, oldPassword);
      const [token] = await mailedTokens();
      expect((await confirm('not-a-reset-token', newPassword)).body).toMatchObject({
        status: 400,
        code: 'reset-token-invalid',
      });
      expect((await confirm(token, '1234567890')).body).toMatchObject({
        status: 400,
        code: 'password-too-weak',
        errors: [{ field: 'password' }],
      });
      expect((await confirm(token, newPassword)).status).toBe(204);
      expect((await confirm(token, 'another strong phrase for reuse')).body).toMatchObject({
        code: 'reset-token-invalid',
      });
      expect(
        (
          await identity.request('POST', '/auth/login', {
            body: { identifier: email, password: oldPassword },
          })
        ).status,
      ).toBe(401);
      await identity.login(email, newPassword);
      const refreshed = await identity.request('POST', '/auth/refresh', {
        body: { refreshToken: session.refreshToken },
      });
      expect(refreshed.status).toBe(401);
      const audit = await identity.request<{ items: { action: string }[] }>(
        'GET',
        `/admin/audit?targetId=${accountId}`,
        { token: await identity.adminToken() },
      );
      expect(audit.body.items.map((i) => i.action)).toEqual(
        expect.arrayContaining(['account.password-reset-requested', 'account.password-reset']),
      );
    });

    it('expires: a link older than PASSWORD_RESET_TTL_SECONDS is refused (410)', async () => {
      await request(email);
      const token = (await mailedTokens()).at(-1) as string;
      identity.clock.advance(identity.config.PASSWORD_RESET_TTL_SECONDS + 1);
      expect((await confirm(token, 'a later phrase about coconut boats')).body).toMatchObject({
        status: 410,
        code: 'reset-token-expired',
      });
      await identity.login(email, newPassword);
    });

    it('mails one account at most PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR times an hour, answering the same', async () => {
      identity.clock.advance(3600);
      const before = (await mailedTokens()).length;
      const answers = [];
      for (let i = 0; i < identity.config.PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR + 2; i++)
        answers.push(await request(email));
      expect(new Set(answers.map((a) => `${a.status} ${JSON.stringify(a.body)}`)).size).toBe(1);
      expect((await mailedTokens()).length - before).toBe(
        identity.config.PASSWORD_RESETS_PER_ACCOUNT_PER_HOUR,
      );
    });
  });

  describe('invitations', () => {
    it('are e-mailed with a sealed token, accepted once, and need an e-mail to go to', async () => {
      const admin = await identity.adminToken();
      const created = await identity.request<{ account: { accountId: string }; invitationToken: string }>(
        'POST',
        '/admin/accounts',
        {
          token: admin,
          body: { email: 'moi@example.vn', displayName: 'Phạm Mời', roles: ['retailer'], language: 'en' },
        },
      );
      expect(created.status).toBe(201);
      const [mail] = (await events<AccountMailV1>(IdentityEvents.invitationIssued)).filter(
        (e) => e.payload.data.accountId === created.body.account.accountId,
      );
      expect(mail.payload.data).toMatchObject({ email: 'moi@example.vn', language: 'en' });
      const token = openAccountToken(DEV_ACCOUNT_MAIL_SECRET, mail.payload.data.sealedToken) as string;
      // Outside production the answer also carries it (scripts, tests); production only mails it.
      expect(token).toBe(created.body.invitationToken);
      const accept = (password: string) =>
        identity.request('POST', '/auth/accept-invite', { body: { token, password } });
      expect((await accept('sáng nay chợ nổi Cái Bè đông vui')).status).toBe(204);
      expect((await accept('một mật khẩu khác cũng đủ mạnh')).body).toMatchObject({
        code: 'invitation-invalid',
      });
      await identity.login('moi@example.vn', 'sáng nay chợ nổi Cái Bè đông vui');
      const audit = await identity.request<{ items: { action: string }[] }>(
        'GET',
        `/admin/audit?targetId=${created.body.account.accountId}`,
        { token: admin },
      );
      expect(audit.body.items.map((i) => i.action).sort()).toEqual([
        'account.created',
        'account.invitation-accepted',
      ]);

      const phoneOnly = await identity.request('POST', '/admin/accounts', {
        token: admin,
        body: { phone: '0356 111 222', displayName: 'Chỉ có số', roles: ['retailer'] },
      });
      expect(phoneOnly.body).toMatchObject({
        status: 400,
        code: 'invitation-needs-email',
        errors: [{ field: 'email' }],
      });
    });

    it('may come from an officer, for a producer of their territory only', async () => {
      const password = 'cán bộ phường Phú Khương trực sáng';
      const officerOf = async (email: string, communeCode: string) => {
        await identity.createAccount({
          email,
          displayName: email,
          roles: ['officer'],
          scope: { provinceCode: '86', communeCode },
          password,
        });
        return (await identity.login(email, password)).accessToken;
      };
      const officer = await officerOf('phukhuong@ocop.test', COMMUNE);
      const outsider = await officerOf('elsewhere@ocop.test', '28870');
      const invite = (token: string, email: string, producerId = HELD_BY) =>
        identity.request<{
          account: { accountId: string; roles: string[]; producerId: string; status: string };
        }>('POST', '/producer-invitations', {
          token,
          body: { producerId, email, displayName: 'Người của chủ thể' },
        });

      const refused = await invite(outsider, 'not.yours@example.vn');
      expect(refused.body).toMatchObject({ status: 400, errors: [{ field: 'producerId' }] });
      const unknown = await invite(officer, 'unknown@example.vn', '55555555-5555-4555-8555-555555555555');
      expect(unknown.body).toMatchObject({ status: 400, errors: [{ field: 'producerId' }] });
      const producer = await identity.login('ba.nguyen@example.vn', household().password as string);
      expect((await invite(producer.accessToken, 'x@example.vn')).status).toBe(403);

      const invited = await invite(officer, 'nguoi.cua.chu.the@example.vn');
      expect(invited.status).toBe(201);
      expect(invited.body.account).toMatchObject({
        roles: ['producer'],
        producerId: HELD_BY,
        status: 'invited',
      });
      const mails = (await events<AccountMailV1>(IdentityEvents.invitationIssued)).filter(
        (e) => e.payload.data.accountId === invited.body.account.accountId,
      );
      expect(mails.map((m) => m.payload.data.email)).toEqual(['nguoi.cua.chu.the@example.vn']);
      const emails = (await db.query(`SELECT email FROM accounts`)).map((r: { email: string }) => r.email);
      expect(emails).not.toContain('not.yours@example.vn');
      expect(emails).not.toContain('unknown@example.vn');
    });

    it('may be sent again by an officer of the territory, for a person acting for the producer only', async () => {
      const password = 'cán bộ phường Phú Khương trực chiều';
      const officerOf = async (email: string, communeCode: string) => {
        await identity.createAccount({
          email,
          displayName: email,
          roles: ['officer'],
          scope: { provinceCode: '86', communeCode },
          password,
        });
        return (await identity.login(email, password)).accessToken;
      };
      const officer = await officerOf('phukhuong.chieu@ocop.test', COMMUNE);
      const outsider = await officerOf('elsewhere.chieu@ocop.test', '28870');
      const invited = await identity.request<{ account: { accountId: string }; invitationToken: string }>(
        'POST',
        '/producer-invitations',
        {
          token: officer,
          body: { producerId: HELD_BY, email: 'moi.lai@example.vn', displayName: 'Mời lại' },
        },
      );
      expect(invited.status).toBe(201);
      const id = invited.body.account.accountId;
      const reissue = (token: string, accountId = id) =>
        identity.request<{
          account: { accountId: string; invitationExpiresAt: string };
          invitationToken: string;
        }>('POST', `/producer-invitations/${accountId}/reissue`, { token });
      const mails = async () =>
        (await events<AccountMailV1>(IdentityEvents.invitationIssued)).filter(
          (e) => e.payload.data.accountId === id,
        );

      // Outside the officer's territory the account is not found, as one that does not exist.
      expect((await reissue(outsider)).body).toMatchObject({ status: 404, code: 'not-found' });
      expect((await reissue(officer, '55555555-5555-4555-8555-555555555555')).body).toMatchObject({
        status: 404,
      });
      // Nor is an account that does more than act for the producer, even one of the territory's producer.
      const admin = await identity.adminToken();
      const wider = await identity.request<{ account: { accountId: string } }>('POST', '/admin/accounts', {
        token: admin,
        body: {
          email: 'rong.hon@example.vn',
          displayName: 'Rộng hơn',
          roles: ['producer', 'council'],
          producerId: HELD_BY,
        },
      });
      expect((await reissue(officer, wider.body.account.accountId)).body).toMatchObject({ status: 404 });
      const producer = await identity.login('ba.nguyen@example.vn', household().password as string);
      expect((await reissue(producer.accessToken)).status).toBe(403);
      expect(await mails()).toHaveLength(1);

      // The officer's list of the producer's people: the one invited, where its invitation stands, and not the
      // wider account; another territory's officer gets the same refusal as when inviting.
      const people = (token: string, producerId = HELD_BY) =>
        identity.request<{
          items: { accountId: string; email: string; status: string; invitationExpiresAt?: string }[];
        }>('GET', `/producer-invitations?producerId=${producerId}`, { token });
      const listed = await people(officer);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((p) => p.email)).toContain('moi.lai@example.vn');
      expect(listed.body.items.map((p) => p.email)).not.toContain('rong.hon@example.vn');
      expect(listed.body.items.find((p) => p.accountId === id)).toMatchObject({
        status: 'invited',
        invitationExpiresAt: expect.any(String),
      });
      expect((await people(outsider)).body).toMatchObject({ status: 400, errors: [{ field: 'producerId' }] });
      expect((await people(officer, 'not-an-id')).body).toMatchObject({
        status: 400,
        errors: [{ field: 'producerId' }],
      });
      expect((await people(producer.accessToken)).status).toBe(403);
      const byProducer = await identity.request<{ items: { email: string }[] }>(
        'GET',
        `/admin/accounts?producerId=${HELD_BY}&limit=100`,
        { token: admin },
      );
      expect(byProducer.body.items.map((a) => a.email)).toEqual(
        expect.arrayContaining(['moi.lai@example.vn', 'rong.hon@example.vn']),
      );
      expect(byProducer.body.items.map((a) => a.email)).not.toContain('phukhuong.chieu@ocop.test');

      const again = await reissue(officer);
      expect(again.status).toBe(201);
      const sent = await mails();
      expect(sent).toHaveLength(2);
      expect(openAccountToken(DEV_ACCOUNT_MAIL_SECRET, sent[1].payload.data.sealedToken)).toBe(
        again.body.invitationToken,
      );
      expect(sent[1].payload.data).toMatchObject({
        email: 'moi.lai@example.vn',
        expiresAt: again.body.account.invitationExpiresAt,
      });
      const accept = (token: string) =>
        identity.request('POST', '/auth/accept-invite', {
          body: { token, password: 'người của chủ thể nhận lời mời lần hai' },
        });
      expect((await accept(invited.body.invitationToken)).body).toMatchObject({ code: 'invitation-expired' });
      expect((await accept(again.body.invitationToken)).status).toBe(204);
      expect((await reissue(officer)).body).toMatchObject({ status: 409, code: 'account-not-invited' });
      expect((await people(officer)).body.items.find((p) => p.accountId === id)).toMatchObject({
        status: 'active',
      });

      const audit = await identity.request<{ items: { action: string; actorName: string }[] }>(
        'GET',
        `/admin/audit?targetId=${id}&action=account.invitation-reissued`,
        { token: admin },
      );
      expect(audit.body.items).toEqual([expect.objectContaining({ actorName: 'phukhuong.chieu@ocop.test' })]);
    });
  });
});

describe('self-service limits per client address (integration)', () => {
  let identity: IdentityHarness;

  beforeAll(async () => {
    identity = await startIdentity({
      REGISTRATIONS_PER_ADDRESS_PER_HOUR: '2',
      PASSWORD_RESETS_PER_ADDRESS_PER_HOUR: '2',
    });
  });

  afterAll(async () => {
    await identity?.close();
  });

  it('answers 429 with Retry-After past the hourly budget of registrations and of reset requests', async () => {
    // Invalid bodies count too: the budget is spent at the door, before anything is looked at.
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await identity.request('POST', '/registrations', { body: {} })).status);
    expect(statuses).toEqual([400, 400, 429]);
    const resets = [];
    for (let i = 0; i < 3; i++) {
      resets.push(
        await identity.request('POST', '/auth/password-reset', { body: { email: `x${i}@example.vn` } }),
      );
    }
    expect(resets.map((r) => r.status)).toEqual([202, 202, 429]);
    expect(resets[2].body).toMatchObject({ code: 'too-many-requests' });
    expect(Number(resets[2].headers.get('retry-after'))).toBeGreaterThan(60);
    // Signing in is not part of these budgets.
    expect(
      (await identity.request('POST', '/auth/login', { body: { identifier: 'a@b.vn', password: 'x' } }))
        .status,
    ).toBe(401);
  });
});
