import { decodeJwt } from 'jose';
import { IdentityHarness, startIdentity } from '../../test/identity-harness';

const PASSWORD = 'refresh test password';

describe('refresh tokens (integration)', () => {
  let identity: IdentityHarness;

  beforeAll(async () => {
    identity = await startIdentity();
  });

  afterAll(async () => {
    await identity?.close();
  });

  const refresh = (refreshToken: string) =>
    identity.request<{ accessToken: string; refreshToken: string; code?: string }>('POST', '/auth/refresh', {
      body: { refreshToken },
    });

  async function account(email: string, roles: Record<string, unknown> = { roles: ['retailer'] }) {
    const id = await identity.createAccount({ email, displayName: email, password: PASSWORD, ...roles });
    return { id, ...(await identity.login(email, PASSWORD)) };
  }

  it('rotates: each refresh token works once and hands out its successor', async () => {
    const { refreshToken: first } = await account('rotate@example.vn');
    const second = await refresh(first);
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    expect(second.body.refreshToken).not.toBe(first);
    const third = await refresh(second.body.refreshToken);
    expect(third.status).toBe(200);
    expect((await identity.request('GET', '/me', { token: third.body.accessToken })).status).toBe(200);
  });

  it('revokes the whole family when a used token comes back, and leaves other logins alone', async () => {
    const { refreshToken: stolen } = await account('reuse@example.vn');
    const otherLogin = await identity.login('reuse@example.vn', PASSWORD);
    const successor = (await refresh(stolen)).body.refreshToken;

    const replay = await refresh(stolen);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ code: 'refresh-token-reused' });
    // The owner's successor is revoked too: nobody can tell thief from owner.
    const afterReplay = await refresh(successor);
    expect(afterReplay.status).toBe(401);
    expect(afterReplay.body).toMatchObject({ code: 'refresh-token-revoked' });
    expect((await refresh(otherLogin.refreshToken)).status).toBe(200);
  });

  it('treats two simultaneous exchanges of one token as reuse', async () => {
    const { refreshToken } = await account('race@example.vn');
    const answers = await Promise.all([refresh(refreshToken), refresh(refreshToken)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
    const winner = answers.find((a) => a.status === 200);
    expect((await refresh(winner?.body.refreshToken ?? '')).status).toBe(401);
  });

  it('ends the family at logout', async () => {
    const { refreshToken } = await account('logout@example.vn');
    const logout = await identity.request('POST', '/auth/logout', { body: { refreshToken } });
    expect(logout.status).toBe(204);
    expect((await refresh(refreshToken)).body).toMatchObject({ code: 'refresh-token-revoked' });
    expect((await identity.request('POST', '/auth/logout', { body: { refreshToken } })).status).toBe(204);
  });

  it("ends every session of the account when it signs out everywhere, and no one else's", async () => {
    const phone = await account('everywhere@example.vn');
    const laptop = await identity.login('everywhere@example.vn', PASSWORD);
    const neighbour = await account('neighbour@example.vn');
    const signOut = await identity.request('DELETE', '/me/sessions', { token: phone.accessToken });
    expect(signOut.status).toBe(204);
    expect((await refresh(phone.refreshToken)).body).toMatchObject({ code: 'refresh-token-revoked' });
    expect((await refresh(laptop.refreshToken)).body).toMatchObject({ code: 'refresh-token-revoked' });
    expect((await refresh(neighbour.refreshToken)).status).toBe(200);
    expect((await identity.request('DELETE', '/me/sessions')).status).toBe(401);
  });

  it('refuses an expired or unknown refresh token', async () => {
    const { refreshToken } = await account('expiry@example.vn');
    identity.clock.advance(identity.config.REFRESH_TOKEN_TTL_SECONDS + 1);
    try {
      expect((await refresh(refreshToken)).body).toMatchObject({
        status: 401,
        code: 'refresh-token-expired',
      });
    } finally {
      identity.clock.advance(-(identity.config.REFRESH_TOKEN_TTL_SECONDS + 1));
    }
    expect((await refresh('not-a-token-we-issued')).body).toMatchObject({
      status: 401,
      code: 'invalid-refresh-token',
    });
  });

  it('carries role changes into the next access token, and ends every session of a disabled account', async () => {
    const { id, refreshToken } = await account('changes@example.vn');
    const admin = await identity.adminToken();
    const changed = await identity.request('PUT', `/admin/accounts/${id}/roles`, {
      token: admin,
      body: { roles: ['retailer', 'council'] },
    });
    expect(changed.status).toBe(200);
    const refreshed = await refresh(refreshToken);
    expect(decodeJwt(refreshed.body.accessToken).roles).toEqual(['retailer', 'council']);

    await identity.request('POST', `/admin/accounts/${id}/disable`, {
      token: admin,
      body: { reason: 'test' },
    });
    expect((await refresh(refreshed.body.refreshToken)).body).toMatchObject({
      status: 401,
      code: 'refresh-token-revoked',
    });
  });
});
