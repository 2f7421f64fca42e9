import { decodeJwt, decodeProtectedHeader } from 'jose';
import { IdentityHarness, startIdentity } from '../../test/identity-harness';

const PASSWORD = 'mật khẩu của An 2024';

describe('login (integration)', () => {
  let identity: IdentityHarness;

  beforeAll(async () => {
    identity = await startIdentity();
  });

  afterEach(() => identity.clock.release());

  afterAll(async () => {
    await identity?.close();
  });

  const login = (identifier: string, password: string) =>
    identity.request('POST', '/auth/login', { body: { identifier, password } });

  it('signs in by e-mail or phone, written any way, and returns an EdDSA access token and a refresh token', async () => {
    await identity.createAccount({
      email: 'An.Nguyen@Example.vn',
      phone: '0912 345 678',
      displayName: 'Nguyễn Văn An',
      roles: ['producer'],
      producerId: '7a1c1d0e-5d59-4c4b-9b44-2d1f0f6c9a01',
      password: PASSWORD,
    });
    for (const identifier of [
      'an.nguyen@example.vn',
      ' AN.NGUYEN@EXAMPLE.VN',
      '+84 912 345 678',
      '0912345678',
    ]) {
      const res = await login(identifier, PASSWORD);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 900,
        refreshToken: expect.any(String),
      });
    }
    const { accessToken } = await identity.login('an.nguyen@example.vn', PASSWORD);
    const header = decodeProtectedHeader(accessToken);
    const payload = decodeJwt(accessToken);
    expect(header).toEqual({ alg: 'EdDSA', kid: expect.any(String), typ: 'JWT' });
    expect(payload).toEqual({
      iss: 'ocop-identity',
      aud: 'ocop',
      sub: expect.any(String),
      jti: expect.any(String),
      iat: expect.any(Number),
      exp: (payload.iat as number) + 900,
      roles: ['producer'],
      producer_id: '7a1c1d0e-5d59-4c4b-9b44-2d1f0f6c9a01',
      lang: 'vi',
    });
    const me = await identity.request('GET', '/me', { token: accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: 'an.nguyen@example.vn',
      phone: '+84912345678',
      displayName: 'Nguyễn Văn An',
    });
  });

  it('answers the same 401 invalid-credentials for a wrong password and for an unknown account', async () => {
    await identity.createAccount({
      email: 'binh@example.vn',
      displayName: 'Bình',
      roles: ['council'],
      password: PASSWORD,
    });
    const wrong = await login('binh@example.vn', 'not the password');
    const unknown = await login('nobody@example.vn', PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toMatchObject({ code: 'invalid-credentials' });
    expect(wrong.headers.get('content-type')).toContain('application/problem+json');
  });

  it('throttles after three failures with growing waits, then locks at ten, and a success resets the count', async () => {
    identity.clock.freeze();
    await identity.createAccount({
      email: 'chi@example.vn',
      displayName: 'Chi',
      roles: ['officer'],
      scope: { provinceCode: '83' },
      password: PASSWORD,
    });
    const fail = () => login('chi@example.vn', 'wrong password');

    for (let i = 1; i <= 3; i += 1) expect((await fail()).status).toBe(401);
    // Failure 4 is still checked; from then on each attempt must wait 1 s, 2 s, 4 s, … after the last failure.
    expect((await fail()).status).toBe(401);
    const throttled = await fail();
    expect(throttled.status).toBe(429);
    expect(throttled.body).toMatchObject({ code: 'login-throttled', retryAfterSeconds: 1 });
    expect(throttled.headers.get('retry-after')).toBe('1');
    // Throttled attempts do not check the password, even the right one.
    expect((await login('chi@example.vn', PASSWORD)).status).toBe(429);

    for (const wait of [1, 2, 4, 8, 16]) {
      identity.clock.advance(wait);
      expect((await fail()).status).toBe(401);
      const early = await fail();
      expect(early.status).toBe(429);
      expect(early.body).toMatchObject({ retryAfterSeconds: wait * 2 });
    }
    // That was failure 9; the 10th locks the account for 15 minutes.
    identity.clock.advance(32);
    expect((await fail()).status).toBe(401);
    const locked = await login('chi@example.vn', PASSWORD);
    expect(locked.status).toBe(423);
    expect(locked.body).toMatchObject({ code: 'account-locked', retryAfterSeconds: 900 });
    expect(locked.headers.get('retry-after')).toBe('900');

    identity.clock.advance(900);
    expect((await login('chi@example.vn', PASSWORD)).status).toBe(200);
    // The success reset the count: three more failures are free again.
    for (let i = 1; i <= 4; i += 1) expect((await fail()).status).toBe(401);
    expect((await fail()).status).toBe(429);
  });

  it('throttles unknown identifiers exactly like real ones', async () => {
    identity.clock.freeze();
    const answers: number[] = [];
    for (let i = 0; i < 5; i += 1) answers.push((await login('ghost@example.vn', 'guess')).status);
    expect(answers).toEqual([401, 401, 401, 401, 429]);
  });

  it('lets concurrent guesses through no faster than sequential ones', async () => {
    identity.clock.freeze();
    await identity.createAccount({
      email: 'dung@example.vn',
      displayName: 'Dũng',
      roles: ['retailer'],
      password: PASSWORD,
    });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => login('dung@example.vn', 'parallel guess')),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
  });

  it('answers 403 account-disabled to a disabled account, but only once the password is right', async () => {
    const id = await identity.createAccount({
      email: 'em@example.vn',
      displayName: 'Em',
      roles: ['retailer'],
      password: PASSWORD,
    });
    const disabled = await identity.request('POST', `/admin/accounts/${id}/disable`, {
      token: await identity.adminToken(),
      body: { reason: 'ngừng kinh doanh' },
    });
    expect(disabled.status).toBe(200);
    expect((await login('em@example.vn', 'wrong password')).body).toMatchObject({
      code: 'invalid-credentials',
    });
    const res = await login('em@example.vn', PASSWORD);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'account-disabled' });
  });

  it('lets an invited person set a password once, then sign in', async () => {
    const created = await identity.request<{ account: { status: string }; invitationToken: string }>(
      'POST',
      '/admin/accounts',
      {
        token: await identity.adminToken(),
        body: {
          phone: '0356 789 012',
          email: 'giang@example.vn',
          displayName: 'Giang',
          roles: ['producer'],
          producerId: '0b6f3c43-7a35-4b0a-8d1e-3f1f9d7c2e11',
        },
      },
    );
    expect(created.status).toBe(201);
    expect(created.body.account.status).toBe('invited');
    expect((await login('0356789012', 'anything at all')).status).toBe(401);

    const accept = (password: string) =>
      identity.request('POST', '/auth/accept-invite', {
        body: { token: created.body.invitationToken, password },
      });
    expect((await accept('short')).status).toBe(400);
    expect((await accept('mật khẩu mới của Giang')).status).toBe(204);
    expect((await accept('another new password')).body).toMatchObject({ code: 'invitation-invalid' });
    expect((await login('+84356789012', 'mật khẩu mới của Giang')).status).toBe(200);
  });
});
