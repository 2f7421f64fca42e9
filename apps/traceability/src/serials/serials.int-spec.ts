import { DomainError, TraceabilityEvents, TraceabilityRpc, UnitStatusV1 } from '@ocop/contracts';
import { RpcClient } from '@ocop/messaging';
import { parseDigitalLink } from '@ocop/ocop-domain';
import { createPublicKey, verify } from 'node:crypto';
import { gs1ElementString } from '@ocop/ocop-domain';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';

describe('serialised units and their signatures (integration)', () => {
  let t: TraceabilityHarness;
  let tokenA: string;
  let tokenB: string;
  let admin: string;
  let batch: Json;
  let lot = 0;

  beforeAll(async () => {
    t = await startTraceability('trace_serials', { MAX_UNITS_PER_GENERATION: '20000' });
    const a = await t.seedProducer();
    const b = await t.seedProducer();
    tokenA = await t.token({ roles: ['producer'], producerId: a.producer.producerId });
    tokenB = await t.token({ roles: ['producer'], producerId: b.producer.producerId });
    admin = await t.token({ roles: ['admin'] });
    batch = await newBatch(a.product.productId);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function newBatch(productId: string): Promise<Json> {
    const res = await t.request('POST', '/batches', {
      token: tokenA,
      body: { productId, lot: `S-${(lot += 1)}`, quantity: 10, unit: 'H87', expiryDate: '2027-03-31' },
    });
    return res.body;
  }
  const generate = (batchId: string, body: Json, token = tokenA, headers: Record<string, string> = {}) =>
    t.request('POST', `/batches/${batchId}/units`, { token, body, headers });
  const allUnits = async (batchId: string): Promise<Json[]> => {
    const units: Json[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.request(
        'GET',
        `/batches/${batchId}/units?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
        {
          token: tokenA,
        },
      );
      units.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    return units;
  };
  const verifyUri = async (uri: string) =>
    (await t.request('POST', '/label-signatures/verify', { body: { uri } })).body as {
      valid: boolean;
      kid?: string;
    };

  it('generates N unique, unguessable serials in one transaction and one event', async () => {
    const res = await generate(batch.batchId, { count: 10_000 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      count: 10_000,
      firstSeq: 1,
      lastSeq: 10_000,
      totalUnits: 10_000,
      signed: false,
    });
    const more = await generate(batch.batchId, { count: 500 });
    expect(more.body).toMatchObject({ firstSeq: 10_001, lastSeq: 10_500, totalUnits: 10_500 });

    const events = (await t.outbox(TraceabilityEvents.unitsGenerated)).filter(
      (e) => e.subject === batch.batchId,
    );
    expect(events.map((e) => [e.data.count, e.data.firstSeq, e.data.lastSeq])).toEqual([
      [10_000, 1, 10_000],
      [500, 10_001, 10_500],
    ]);
    expect(JSON.stringify(events[0]).length).toBeLessThan(2000);

    const units = await allUnits(batch.batchId);
    expect(units).toHaveLength(10_500);
    const serials = units.map((u) => u.serial);
    expect(new Set(serials).size).toBe(10_500);
    expect(serials.every((s) => /^[0-9A-HJKMNP-TV-Z]{12}$/.test(s))).toBe(true);
    // Neighbours share nothing a guesser could use: no common prefix beyond chance.
    const prefixes = new Set(serials.map((s) => s.slice(0, 3)));
    expect(prefixes.size).toBeGreaterThan(8000);

    // The serials themselves travel in parts of 1,000 (the lookup's list of units that exist), every unit once.
    const issued = (await t.outbox(TraceabilityEvents.unitsIssued)).filter(
      (e) => e.subject === batch.batchId,
    );
    expect(issued).toHaveLength(11);
    expect(issued.map((e) => [e.data.part, e.data.parts]).slice(9)).toEqual([
      [10, 10],
      [1, 1],
    ]);
    const published = issued.flatMap((e) => e.data.units as { seq: number; serial: string }[]);
    expect(published.map((u) => u.serial).sort()).toEqual([...serials].sort());
    expect(published.find((u) => u.seq === 10_001)?.serial).toBe(units[10_000].serial);
  });

  it('gives each unit a Digital Link that parses back to its GTIN, lot and serial', async () => {
    const { body } = await t.request('GET', `/batches/${batch.batchId}/units?limit=50`, { token: tokenA });
    for (const unit of body.items) {
      const parsed = parseDigitalLink(unit.digitalLink, 2026);
      expect(parsed).toMatchObject({
        ok: true,
        value: { gtin: batch.gtin, lot: batch.lot, serial: unit.serial, attributes: { '17': '270331' } },
      });
    }
  });

  it('replays a generation with the same Idempotency-Key instead of making more units', async () => {
    const fresh = await newBatch(batch.productId);
    const headers = { 'idempotency-key': `gen-${fresh.batchId}` };
    const first = await generate(fresh.batchId, { count: 20 }, tokenA, headers);
    const again = await generate(fresh.batchId, { count: 20 }, tokenA, headers);
    expect(again.body.generationId).toBe(first.body.generationId);
    expect(await allUnits(fresh.batchId)).toHaveLength(20);
  });

  it('refuses too many units at once, and another producer’s batch', async () => {
    expect((await generate(batch.batchId, { count: 20_001 })).body).toMatchObject({
      status: 400,
      code: 'too-many-units',
      errors: [{ field: 'count' }],
    });
    expect((await generate(batch.batchId, { count: 1 }, tokenB)).status).toBe(404);
    expect((await t.request('GET', `/batches/${batch.batchId}/units`, { token: tokenB })).status).toBe(404);
  });

  describe('signatures (AI 8030)', () => {
    let signedBatch: Json;
    let firstKid: string;
    let signedUnits: Json[];

    beforeAll(async () => {
      signedBatch = await newBatch(batch.productId);
      const gen = await generate(signedBatch.batchId, { count: 50, signed: true });
      firstKid = gen.body.keyId;
      signedUnits = await allUnits(signedBatch.batchId);
    });

    it('puts an Ed25519 signature in every unit’s URI that verifies with the published key, offline', async () => {
      const published = (await t.request('GET', '/.well-known/ocop-label-keys.json')).body;
      const jwk = published.keys.find((k: Json) => k.kid === firstKid);
      expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', status: 'active' });
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
      for (const unit of signedUnits) {
        const parsed = parseDigitalLink(unit.digitalLink, 2026);
        if (!parsed.ok) throw new Error(parsed.problem.code);
        const signature = parsed.value.attributes['8030'] as string;
        expect(signature).toHaveLength(86);
        const message = Buffer.from(gs1ElementString(parsed.value), 'utf8');
        expect(verify(null, message, publicKey, Buffer.from(signature, 'base64url'))).toBe(true);
      }
      expect(await verifyUri(signedUnits[0].digitalLink)).toEqual({ valid: true, kid: firstKid });
    });

    it('fails when one character of the serial or of the signature changes', async () => {
      const uri: string = signedUnits[0].digitalLink;
      const serial: string = signedUnits[0].serial;
      const otherChar = (c: string) => (c === 'A' ? 'B' : 'A');
      const changedSerial = uri.replace(
        `/21/${serial}`,
        `/21/${serial.slice(0, -1)}${otherChar(serial.slice(-1))}`,
      );
      expect((await verifyUri(changedSerial)).valid).toBe(false);
      const sigStart = uri.indexOf('8030=') + 5;
      const changedSig = uri.slice(0, sigStart + 5) + otherChar(uri[sigStart + 5]) + uri.slice(sigStart + 6);
      expect((await verifyUri(changedSig)).valid).toBe(false);
      expect((await verifyUri(uri.replace('?17=270331', '?17=280331'))).valid).toBe(false);
    });

    it('keeps old labels valid after a rotation, signs new ones with the new key, and drops a revoked key', async () => {
      const rotated = await t.request('POST', '/label-keys/rotate', { token: admin });
      expect(rotated.body).toMatchObject({ previousKid: firstKid });
      expect(rotated.body.kid).not.toBe(firstKid);
      const gen = await generate(signedBatch.batchId, { count: 5, signed: true });
      expect(gen.body.keyId).toBe(rotated.body.kid);
      const newUnit = (await allUnits(signedBatch.batchId)).find((u) => u.seq === gen.body.firstSeq);
      expect(await verifyUri(newUnit.digitalLink)).toEqual({ valid: true, kid: rotated.body.kid });
      expect(await verifyUri(signedUnits[0].digitalLink)).toEqual({ valid: true, kid: firstKid });

      const keys = (await t.request('GET', '/.well-known/ocop-label-keys.json')).body.keys;
      expect(keys.map((k: Json) => [k.kid, k.status])).toEqual([
        [rotated.body.kid, 'active'],
        [firstKid, 'retired'],
      ]);
      expect((await t.request('POST', '/label-keys/rotate', { token: tokenA })).status).toBe(403);

      await t.request('POST', `/label-keys/${firstKid}/revoke`, {
        token: admin,
        body: { reason: 'Lộ khóa' },
      });
      expect((await verifyUri(signedUnits[0].digitalLink)).valid).toBe(false);
      expect((await t.outbox(TraceabilityEvents.labelKeyRevoked)).map((e) => e.subject)).toEqual([firstKid]);
      expect((await t.outbox(TraceabilityEvents.labelKeyPublished)).map((e) => e.subject)).toEqual([
        firstKid,
        rotated.body.kid,
      ]);
    });
  });

  it('answers the lookup’s question about a unit, recalled everywhere once its batch is', async () => {
    const recallable = await newBatch(batch.productId);
    await generate(recallable.batchId, { count: 3 });
    const [unit] = await allUnits(recallable.batchId);
    const rpc = t.get(RpcClient);
    const ask = (serial: string) =>
      rpc.request<UnitStatusV1>(
        TraceabilityRpc.unitStatus,
        { gtin: recallable.gtin, serial },
        { timeoutMs: 2000 },
      );
    expect(await ask(unit.serial)).toMatchObject({
      batchId: recallable.batchId,
      status: 'open',
      signed: false,
    });
    await t.request('POST', `/batches/${recallable.batchId}/recall`, {
      token: tokenA,
      body: { reason: 'Bao bì lỗi' },
    });
    expect(await ask(unit.serial)).toMatchObject({ status: 'recalled', recallReason: 'Bao bì lỗi' });
    const [event] = (await t.outbox(TraceabilityEvents.batchRecalled)).filter(
      (e) => e.subject === recallable.batchId,
    );
    expect(event.data.unitCount).toBe(3);
    // The notices name the product to take off the shelves, not only its GTIN.
    expect(event.data).toMatchObject({
      productName: 'Kẹo dừa sáp Thạnh Phú',
      productNameEn: 'Coconut candy',
    });
    await expect(ask('ZZZZZZZZZZZZ')).rejects.toMatchObject({
      code: 'not-found',
    } satisfies Partial<DomainError>);
  });
});
