import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';

/**
 * The admins' list of label keys (issue 18): what the public key set shows, and what only an admin reads — why a
 * key was revoked and how many units' labels each key signed, which is what a revocation turns into "signed with
 * a revoked key" at every scan.
 */
describe('the admins’ list of label keys (integration)', () => {
  let t: TraceabilityHarness;
  let admin: string;
  let producer: string;
  let batchId: string;

  beforeAll(async () => {
    t = await startTraceability('trace_label_keys', { DB_POOL_SIZE: '2' });
    const seeded = await t.seedProducer();
    producer = await t.token({ roles: ['producer'], producerId: seeded.producer.producerId });
    admin = await t.token({ roles: ['admin'] });
    const batch = await t.request('POST', '/batches', {
      token: producer,
      body: {
        productId: seeded.product.productId,
        lot: 'K-1',
        quantity: 10,
        unit: 'H87',
        expiryDate: '2027-03-31',
      },
    });
    batchId = batch.body.batchId;
  });

  afterAll(async () => {
    await t?.close();
  });

  const generate = async (count: number, signed: boolean) =>
    (await t.request('POST', `/batches/${batchId}/units`, { token: producer, body: { count, signed } })).body;
  const list = async (): Promise<Json[]> =>
    (await t.request('GET', '/label-keys', { token: admin })).body.items;

  it('lists every key newest first with its state, its reason for revocation and the units it signed', async () => {
    const first = await generate(7, true);
    await generate(4, false);
    await generate(3, true);
    expect(await list()).toEqual([
      {
        kid: first.keyId,
        alg: 'EdDSA',
        crv: 'Ed25519',
        status: 'active',
        createdAt: expect.any(String),
        signedUnits: 10,
      },
    ]);

    const rotated = (await t.request('POST', '/label-keys/rotate', { token: admin })).body;
    expect(rotated).toEqual({ kid: expect.any(String), previousKid: first.keyId });
    const reason = 'Máy in tem bị mất, khóa có thể đã lộ';
    expect(
      (await t.request('POST', `/label-keys/${first.keyId}/revoke`, { token: admin, body: { reason } }))
        .status,
    ).toBe(204);

    const [fresh, old] = await list();
    expect(fresh).toMatchObject({ kid: rotated.kid, status: 'active', signedUnits: 0 });
    expect(fresh.revokedReason).toBeUndefined();
    expect(old).toMatchObject({
      kid: first.keyId,
      status: 'revoked',
      revokedReason: reason,
      signedUnits: 10,
    });
    expect(Date.parse(old.revokedAt)).toBeGreaterThanOrEqual(Date.parse(old.retiredAt));
    // Verifiers download the state, not the admin's reason.
    const published = (await t.request('GET', '/.well-known/ocop-label-keys.json')).body.keys;
    expect(published.map((k: Json) => [k.kid, k.status])).toEqual([
      [rotated.kid, 'active'],
      [first.keyId, 'revoked'],
    ]);
    expect(JSON.stringify(published)).not.toContain(reason);
  });

  it('is for admins only, and refuses to revoke a key twice', async () => {
    expect((await t.request('GET', '/label-keys')).status).toBe(401);
    expect((await t.request('GET', '/label-keys', { token: producer })).status).toBe(403);
    const [, revoked] = await list();
    const again = await t.request('POST', `/label-keys/${revoked.kid}/revoke`, {
      token: admin,
      body: { reason: 'Lần hai' },
    });
    expect(again.body).toMatchObject({ status: 409, code: 'label-key-revoked' });
    const short = await t.request('POST', `/label-keys/${revoked.kid}/revoke`, {
      token: admin,
      body: { reason: ' x ' },
    });
    expect(short.body).toMatchObject({
      status: 400,
      code: 'validation-failed',
      errors: [{ field: 'reason' }],
    });
  });
});
