import { randomUUID } from 'node:crypto';
import { IdentityHarness, startIdentity } from '../../test/identity-harness';

const PASSWORD = 'retailer test password';

interface KeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string;
  revokedAt?: string;
  apiKey?: string;
}

/**
 * A retailer manages its own API keys (issue 18) through /me/api-keys: the account is always the caller's, so one
 * shop can neither see nor revoke another's keys, and every change is in the admins' audit trail under the
 * retailer's name.
 */
describe("a retailer's own API keys (integration)", () => {
  let identity: IdentityHarness;
  let admin: string;
  let shop: { id: string; token: string };
  let otherShop: { id: string; token: string };

  const retailer = async (email: string) => {
    const id = await identity.createAccount({
      email,
      displayName: email,
      roles: ['retailer'],
      password: PASSWORD,
    });
    return { id, token: (await identity.login(email, PASSWORD)).accessToken };
  };
  const keysOf = (token: string) => identity.request<KeyView[]>('GET', '/me/api-keys', { token });
  const create = (token: string, name: string) =>
    identity.request<KeyView>('POST', '/me/api-keys', { token, body: { name } });
  const revoke = (token: string, keyId: string) =>
    identity.request('DELETE', `/me/api-keys/${keyId}`, { token });
  const exchange = (apiKey: string) => identity.request('POST', '/auth/token', { body: { apiKey } });

  beforeAll(async () => {
    identity = await startIdentity();
    admin = await identity.adminToken();
    shop = await retailer('coop.bentre@example.vn');
    otherShop = await retailer('dacsan.mocay@example.vn');
  });

  afterAll(async () => {
    await identity?.close();
  });

  it('is for retailers only: 401 without a token, 403 for an admin or a council member', async () => {
    expect((await identity.request('GET', '/me/api-keys')).body).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    await identity.createAccount({
      email: 'council@example.vn',
      displayName: 'Hội đồng',
      roles: ['council'],
      password: PASSWORD,
    });
    const council = (await identity.login('council@example.vn', PASSWORD)).accessToken;
    // An admin manages any account's keys at /admin/accounts/…/api-keys; "me" is the retailer's own door.
    for (const token of [admin, council]) {
      expect((await keysOf(token)).body).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await create(token, 'POS')).body).toMatchObject({ status: 403, code: 'forbidden' });
      expect((await revoke(token, randomUUID())).body).toMatchObject({ status: 403, code: 'forbidden' });
    }
  });

  it('creates a key shown once, lists it without the key, and the till exchanges it for a token', async () => {
    expect((await keysOf(shop.token)).body).toEqual([]);
    const invalid = await create(shop.token, '');
    expect(invalid.body).toMatchObject({ status: 400, code: 'validation-failed' });

    const created = await create(shop.token, '  Máy bán hàng quầy 1 ');
    expect(created.status).toBe(201);
    const apiKey = created.body.apiKey as string;
    expect(apiKey).toMatch(/^ocop_ak_/);
    expect(created.body).toMatchObject({ name: 'Máy bán hàng quầy 1', prefix: apiKey.slice(0, 12) });

    const token = await exchange(apiKey);
    expect(token.body).toMatchObject({ tokenType: 'Bearer' });
    // The till's token verifies codes, but it is no person: it may not make itself another key, nor list or
    // revoke the shop's keys.
    const till = token.body.accessToken as string;
    for (const refused of [
      await keysOf(till),
      await create(till, 'Khóa do máy tự tạo'),
      await identity.request('DELETE', `/me/api-keys/${created.body.id}`, { token: till }),
    ]) {
      expect(refused.body).toMatchObject({ status: 403, code: 'api-key-not-allowed' });
    }
    const listed = await keysOf(shop.token);
    expect(listed.body).toEqual([
      {
        id: created.body.id,
        name: 'Máy bán hàng quầy 1',
        prefix: apiKey.slice(0, 12),
        createdAt: created.body.createdAt,
        lastUsedAt: expect.any(String),
      },
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(apiKey);
    // The admin sees the same key on the shop's account: one set of keys, two doors.
    const adminList = await identity.request<KeyView[]>('GET', `/admin/accounts/${shop.id}/api-keys`, {
      token: admin,
    });
    expect(adminList.body.map((k) => k.id)).toEqual([created.body.id]);
  });

  it('keeps at most 20 keys in force per shop, two made at once included; a revoked key frees its place', async () => {
    const busy = await retailer('nhieu.quay@example.vn');
    const made = await Promise.all(Array.from({ length: 19 }, (_, i) => create(busy.token, `Quầy ${i + 1}`)));
    expect(made.map((r) => r.status)).toEqual(Array(19).fill(201));
    // The 20th and 21st at the same moment: exactly one of them fits.
    const race = await Promise.all([create(busy.token, 'Quầy 20'), create(busy.token, 'Quầy 21')]);
    expect(race.map((r) => r.status).sort()).toEqual([201, 409]);
    const refused = race.find((r) => r.status === 409);
    expect(refused?.body).toMatchObject({ code: 'too-many-api-keys' });
    expect((refused?.body as unknown as { detail: string }).detail).toContain(' / ');
    const listed = (await keysOf(busy.token)).body;
    expect(listed.filter((k) => !k.revokedAt)).toHaveLength(20);

    expect((await revoke(busy.token, listed[0].id)).status).toBe(204);
    expect((await create(busy.token, 'Quầy thay thế')).status).toBe(201);
    expect((await create(busy.token, 'Một quầy nữa')).body).toMatchObject({ code: 'too-many-api-keys' });
  });

  it("never shows or revokes another retailer's key: not found, as if it did not exist", async () => {
    const mine = await create(shop.token, 'Quầy 2');
    const theirs = await create(otherShop.token, 'Kho Mỏ Cày');
    expect((await keysOf(otherShop.token)).body.map((k) => k.name)).toEqual(['Kho Mỏ Cày']);
    expect((await keysOf(shop.token)).body.map((k) => k.name)).not.toContain('Kho Mỏ Cày');

    for (const keyId of [mine.body.id, randomUUID()]) {
      expect((await revoke(otherShop.token, keyId)).body).toMatchObject({ status: 404, code: 'not-found' });
    }
    // Refused means untouched: the shop's till still gets tokens with it.
    expect((await exchange(mine.body.apiKey as string)).status).toBe(200);
    expect((await keysOf(shop.token)).body.find((k) => k.id === mine.body.id)).not.toHaveProperty(
      'revokedAt',
    );
    expect((await revoke(shop.token, theirs.body.id)).body).toMatchObject({
      status: 404,
      code: 'not-found',
    });
    expect((await exchange(theirs.body.apiKey as string)).status).toBe(200);
  });

  it('revokes its own key (again changes nothing), the till is refused, and the audit trail names the shop', async () => {
    const created = await create(shop.token, 'Quầy 3');
    const apiKey = created.body.apiKey as string;
    expect((await revoke(shop.token, created.body.id)).status).toBe(204);
    expect((await revoke(shop.token, created.body.id)).status).toBe(204);
    expect((await exchange(apiKey)).body).toMatchObject({ status: 401, code: 'invalid-api-key' });
    const listed = (await keysOf(shop.token)).body.find((k) => k.id === created.body.id);
    expect(listed?.revokedAt).toEqual(expect.any(String));

    const audit = await identity.request<{ items: { action: string; actorId: string; details: object }[] }>(
      'GET',
      `/admin/audit?targetId=${created.body.id}`,
      { token: admin },
    );
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'api-key.revoked',
        actorId: shop.id,
        details: { accountId: shop.id },
      }),
      expect.objectContaining({
        action: 'api-key.created',
        actorId: shop.id,
        details: { accountId: shop.id, name: 'Quầy 3', prefix: apiKey.slice(0, 12) },
      }),
    ]);
    // The audit trail never holds the key itself.
    expect(JSON.stringify(audit.body)).not.toContain(apiKey);
  });
});
