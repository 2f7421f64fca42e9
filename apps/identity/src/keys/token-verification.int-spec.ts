import { waitFor } from '@ocop/testing';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { DataSource } from 'typeorm';
import { IdentityHarness, startIdentity, startReplica } from '../../test/identity-harness';
import { SecondService, startSecondService } from '../../test/second-service';

const PASSWORD = 'verification test password';
const PRODUCER_A = '11111111-1111-4111-8111-111111111111';
const PRODUCER_B = '22222222-2222-4222-8222-222222222222';

describe('tokens verified by another service through the JWKS (integration)', () => {
  let identity: IdentityHarness;
  let catalogue: SecondService;
  let producerA: string;

  beforeAll(async () => {
    // A one-second key cache lets the replica test watch replicas converge without long waits.
    identity = await startIdentity({ SIGNING_KEY_CACHE_SECONDS: '1' });
    catalogue = await startSecondService(
      identity.url,
      identity.config.JWT_ISSUER,
      identity.config.JWT_AUDIENCE,
    );
    await identity.createAccount({
      email: 'a@producer.vn',
      displayName: 'Hộ A',
      roles: ['producer'],
      producerId: PRODUCER_A,
      password: PASSWORD,
    });
    await identity.createAccount({
      email: 'b@producer.vn',
      displayName: 'Hộ B',
      roles: ['producer'],
      producerId: PRODUCER_B,
      password: PASSWORD,
    });
    await identity.createAccount({
      email: 'officer@ocop.vn',
      displayName: 'Cán bộ huyện',
      roles: ['officer'],
      scope: { provinceCode: '83', districtCode: '831' },
      password: PASSWORD,
    });
    producerA = (await identity.login('a@producer.vn', PASSWORD)).accessToken;
  });

  afterAll(async () => {
    await catalogue?.app.close();
    await identity?.close();
  });

  it('publishes the active key as an Ed25519 JWK with a short cache lifetime', async () => {
    const res = await identity.request<{ keys: Record<string, unknown>[] }>('GET', '/.well-known/jwks.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=10');
    expect(res.body.keys).toEqual([
      {
        kty: 'OKP',
        crv: 'Ed25519',
        x: expect.any(String),
        kid: expect.any(String),
        alg: 'EdDSA',
        use: 'sig',
      },
    ]);
    expect(res.body.keys[0]).not.toHaveProperty('d');
  });

  it('reads the actor from an identity token', async () => {
    const res = await catalogue.get('/whoami', producerA);
    expect(res).toEqual({
      status: 200,
      body: { accountId: expect.any(String), roles: ['producer'], producerId: PRODUCER_A, language: 'vi' },
    });
  });

  it('answers 401 without a token, 403 for a verified caller without the role', async () => {
    expect((await catalogue.get('/inspections')).body).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    expect((await catalogue.get('/inspections', producerA)).body).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    const officer = (await identity.login('officer@ocop.vn', PASSWORD)).accessToken;
    expect((await catalogue.get('/inspections', officer)).status).toBe(200);
    expect(decodeJwt(officer).scope).toEqual({ provinceCode: '83', districtCode: '831' });
  });

  it('keeps producer A away from producer B’s resources, with a 404 that reveals nothing', async () => {
    expect((await catalogue.get(`/producers/${PRODUCER_A}/batches`, producerA)).status).toBe(200);
    expect((await catalogue.get(`/producers/${PRODUCER_B}/batches`, producerA)).body).toMatchObject({
      status: 404,
      code: 'not-found',
    });
    expect(
      (await catalogue.get(`/producers/${PRODUCER_B}/batches`, await identity.adminToken())).status,
    ).toBe(200);
  });

  it('answers 401 token-expired for an expired token and 401 for a tampered one', async () => {
    // Identity's clock set back beyond the TTL and the verifiers' tolerance: the token is born expired.
    identity.clock.advance(-(identity.config.ACCESS_TOKEN_TTL_SECONDS + 30));
    const expired = (await identity.login('b@producer.vn', PASSWORD)).accessToken;
    identity.clock.advance(identity.config.ACCESS_TOKEN_TTL_SECONDS + 30);
    expect((await catalogue.get('/whoami', expired)).body).toMatchObject({
      status: 401,
      code: 'token-expired',
    });
    expect((await identity.request('GET', '/me', { token: expired })).body).toMatchObject({
      status: 401,
      code: 'token-expired',
    });

    const [header, payload, signature] = producerA.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, producer_id: PRODUCER_B })).toString('base64url');
    const tampered = `${header}.${forged}.${signature}`;
    expect((await catalogue.get(`/producers/${PRODUCER_B}/batches`, tampered)).body).toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
    expect((await identity.request('GET', '/me', { token: tampered })).status).toBe(401);
  });

  it('accepts a retailer’s API-key token like any other', async () => {
    const retailer = await identity.createAccount({
      email: 'pos@shop.vn',
      displayName: 'Cửa hàng OCOP',
      roles: ['retailer'],
      password: PASSWORD,
    });
    const key = await identity.request<{ apiKey: string }>('POST', `/admin/accounts/${retailer}/api-keys`, {
      token: await identity.adminToken(),
      body: { name: 'POS' },
    });
    const token = await identity.request<{ accessToken: string }>('POST', '/auth/token', {
      body: { apiKey: key.body.apiKey },
    });
    expect((await catalogue.get('/whoami', token.body.accessToken)).body).toMatchObject({
      accountId: retailer,
      roles: ['retailer'],
    });
  });

  describe('after a key rotation', () => {
    let oldKid: string;
    let newKid: string;

    beforeAll(async () => {
      oldKid = decodeProtectedHeader(producerA).kid as string;
      // The verifier has cached the JWKS with the old key only (earlier tests).
      expect((await catalogue.get('/whoami', producerA)).status).toBe(200);
      const rotated = await identity.request<{ kid: string; previousKid: string; previousRetiresAt: string }>(
        'POST',
        '/admin/keys/rotate',
        { token: await identity.adminToken() },
      );
      expect(rotated.status).toBe(200);
      expect(rotated.body.previousKid).toBe(oldKid);
      newKid = rotated.body.kid;
    });

    it('keeps only the active key’s private half, and only encrypted', async () => {
      const rows: { kid: string; private_key_encrypted: Buffer | null; retire_after: Date | null }[] =
        await identity.app
          .get(DataSource)
          .query(`SELECT kid, private_key_encrypted, retire_after FROM signing_keys`);
      expect(
        rows.map((r) => [r.kid, r.retire_after === null, r.private_key_encrypted !== null]).sort(),
      ).toEqual(
        [
          [newKid, true, true],
          [oldKid, false, false],
        ].sort(),
      );
      const sealed = rows.find((r) => r.kid === newKid)?.private_key_encrypted as Buffer;
      // An unencrypted PKCS#8 Ed25519 key is 48 bytes starting 30 2e 02 01 00 30 05 06 03 2b 65 70.
      expect(sealed.includes(Buffer.from('302e020100300506032b6570', 'hex'))).toBe(false);
    });

    it('signs new tokens with the new key and publishes both', async () => {
      const fresh = (await identity.login('b@producer.vn', PASSWORD)).accessToken;
      expect(decodeProtectedHeader(fresh).kid).toBe(newKid);
      const jwks = await identity.request<{ keys: { kid: string }[] }>('GET', '/.well-known/jwks.json');
      expect(jwks.body.keys.map((k) => k.kid).sort()).toEqual([newKid, oldKid].sort());
    });

    it('is picked up by the other service without a restart, while old tokens stay valid', async () => {
      const fresh = (await identity.login('a@producer.vn', PASSWORD)).accessToken;
      // The verifier refetches on the unknown kid once its (200 ms) cooldown since the last fetch has passed.
      await waitFor(async () => expect((await catalogue.get('/whoami', fresh)).status).toBe(200));
      expect((await catalogue.get('/whoami', producerA)).status).toBe(200);
      expect((await identity.request('GET', '/me', { token: producerA })).status).toBe(200);
      expect((await identity.request('GET', '/me', { token: fresh })).status).toBe(200);
    });

    it('is agreed on by another identity replica: it verifies the new key at once and signs with it soon', async () => {
      const replica = await startReplica(identity);
      const admin = await identity.adminToken();
      const kidOf = (token: string) => decodeProtectedHeader(token).kid;
      try {
        const cachedKid = kidOf((await replica.login('a@producer.vn', PASSWORD)).accessToken);

        // A token signed with a key the replica has not seen makes it reload the keys at once.
        await identity.request('POST', '/admin/keys/rotate', { token: admin });
        const fromPrimary = (await identity.login('a@producer.vn', PASSWORD)).accessToken;
        expect(kidOf(fromPrimary)).not.toBe(cachedKid);
        expect((await replica.request('GET', '/me', { token: fromPrimary })).status).toBe(200);

        // Its signing key follows the database once its cache (1 s here) runs out.
        const rotated = await identity.request<{ kid: string }>('POST', '/admin/keys/rotate', {
          token: admin,
        });
        await waitFor(
          async () =>
            kidOf((await replica.login('a@producer.vn', PASSWORD)).accessToken) === rotated.body.kid,
        );
      } finally {
        await replica.close();
      }
    });

    it('drops a retired key from the JWKS once every token it signed has expired', async () => {
      const lifetime =
        identity.config.ACCESS_TOKEN_TTL_SECONDS + identity.config.SIGNING_KEY_CACHE_SECONDS + 60;
      identity.clock.advance(lifetime + 1);
      try {
        await waitFor(async () => {
          const jwks = await identity.request<{ keys: { kid: string }[] }>('GET', '/.well-known/jwks.json');
          expect(jwks.body.keys.map((k) => k.kid)).not.toContain(oldKid);
        });
        expect((await identity.request('GET', '/me', { token: producerA })).body).toMatchObject({
          status: 401,
        });
      } finally {
        identity.clock.advance(-(lifetime + 1));
      }
    });
  });
});
