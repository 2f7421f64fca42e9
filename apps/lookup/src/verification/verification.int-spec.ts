import {
  LookupEvents,
  natsSubjectFor,
  RatingEvents,
  streamNameFor,
  TraceabilityEvents,
} from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { AckPolicy, DeliverPolicy } from 'nats';
import { randomUUID } from 'node:crypto';
import { certificate, randomGtin } from '../../test/fixtures';
import { LookupHarness, newLabelKey, SeededItem, startLookup, TestLabelKey } from '../../test/lookup-harness';

const json = { accept: 'application/json' };

describe('verification outcomes (integration)', () => {
  let t: LookupHarness;
  let key: TestLabelKey;
  let signed: SeededItem;

  beforeAll(async () => {
    t = await startLookup('lookup_verify', {
      SUSPICIOUS_MAX_CLIENTS: '2',
      SUSPICIOUS_WINDOW_SECONDS: '3600',
    });
    key = newLabelKey();
    await t.publishKey(key);
    await t.waitForRows(`SELECT count(*)::int AS n FROM rm_label_keys`, [], 1);
    signed = await t.seedItem({ units: 5, key });
  });

  afterAll(async () => {
    await t?.close();
  });

  const verify = async (path: string, headers: Record<string, string> = {}) =>
    (await t.request('GET', path, { headers: { ...json, ...headers } })).body;

  it('genuine: a known unit with a valid signature', async () => {
    const body = await verify(signed.unitPaths[0]);
    expect(body).toMatchObject({ outcome: 'genuine', level: 'unit', signature: 'valid' });
    expect(body.reason.vi).toMatch(/chính hãng/);
    expect(body.reason.en).toMatch(/Genuine/);
    // Nothing private: no producer id, tax code, e-mail, representative, other units' serials.
    const text = JSON.stringify(body);
    for (const secret of [
      signed.producer.producerId,
      'secret-owner@example.com',
      '1300000001',
      'Bí Mật',
      signed.serials[1],
    ]) {
      expect(text).not.toContain(secret);
    }
  });

  it('batch-level scans verify the batch, with no claim about the item', async () => {
    const body = await verify(`/01/${signed.batch.gtin}/10/${signed.batch.lot}`);
    expect(body).toMatchObject({ outcome: 'genuine', level: 'batch' });
    expect(body.reason.en).toMatch(/cannot be authenticated/);
  });

  it('unknown: a serial, a lot or a GTIN never issued here', async () => {
    const { gtin, lot } = signed.batch;
    expect(await verify(`/01/${gtin}/10/${lot}/21/NOTISSUED1`)).toMatchObject({
      outcome: 'unknown',
      level: 'unit',
    });
    expect(await verify(`/01/${gtin}/10/NOLOT`)).toMatchObject({ outcome: 'unknown', level: 'batch' });
    const bulk = await t.request('POST', '/verify', {
      token: await t.token({ roles: ['retailer'] }),
      body: { codes: [`https://id.ocop.test/01/${randomGtin()}/21/X1`] },
    });
    expect(bulk.body.results[0]).toMatchObject({ outcome: 'unknown' });
  });

  it('forged: an altered signature, a missing one, or one made with a revoked key', async () => {
    const [path] = signed.unitPaths.slice(1);
    const tampered = path.replace(/8030=(.)/, (_m, c: string) => `8030=${c === 'A' ? 'B' : 'A'}`);
    expect(await verify(tampered)).toMatchObject({ outcome: 'forged', signature: 'invalid' });
    const unsigned = path.replace(/&8030=.*$/, '');
    expect(await verify(unsigned)).toMatchObject({ outcome: 'forged', signature: 'missing' });
    // A label signed with someone else's key.
    const stranger = newLabelKey();
    const foreign = t.unitPath(signed.batch, signed.serials[1], stranger);
    expect(await verify(foreign)).toMatchObject({ outcome: 'forged', signature: 'invalid' });

    const leaked = newLabelKey();
    await t.publishKey(leaked);
    const item = await t.seedItem({ units: 1, key: leaked, producer: signed.producer });
    expect(await verify(item.unitPaths[0])).toMatchObject({ outcome: 'genuine' });
    await t.publish(TraceabilityEvents.labelKeyRevoked, {
      kid: leaked.kid,
      revokedAt: new Date().toISOString(),
      reason: 'leaked',
    });
    await waitFor(async () =>
      expect(await verify(item.unitPaths[0])).toMatchObject({ outcome: 'forged', signature: 'revoked-key' }),
    );
  });

  it('recalled: every unit of a recalled batch, whatever arrives later', async () => {
    const item = await t.seedItem({ units: 1, producer: signed.producer });
    const recalledBatch = {
      ...item.batch,
      status: 'recalled',
      recallReason: 'Nhiễm khuẩn',
      updatedAt: new Date().toISOString(),
    };
    await t.publish(TraceabilityEvents.batchRecalled, {
      batch: recalledBatch,
      reason: 'Nhiễm khuẩn',
      recalledAt: new Date().toISOString(),
      unitCount: 1,
      actorId: randomUUID(),
    });
    await waitFor(async () => expect(await verify(item.unitPaths[0])).toMatchObject({ outcome: 'recalled' }));
    // A late, older "released" snapshot does not undo the recall.
    const late = await t.publish(TraceabilityEvents.batchReleased, {
      batch: { ...item.batch, status: 'released', updatedAt: new Date(Date.now() + 1000).toISOString() },
      actorId: randomUUID(),
    });
    await t.waitForHandled(late);
    const body = await verify(item.unitPaths[0]);
    expect(body).toMatchObject({
      outcome: 'recalled',
      batch: { recalled: true, recallReason: 'Nhiễm khuẩn' },
    });
    expect(body.reason.vi).toContain('Nhiễm khuẩn');
  });

  it('expired: past the batch’s expiry date in Vietnam time (injected clock)', async () => {
    const item = await t.seedItem({
      units: 1,
      producer: signed.producer,
      batch: { expiryDate: '2027-01-31' },
    });
    // 2027-01-31T17:30Z is already 1 February in Viet Nam.
    t.clock.set(new Date('2027-01-31T16:30:00Z'));
    expect(await verify(item.unitPaths[0])).toMatchObject({ outcome: 'genuine' });
    t.clock.set(new Date('2027-01-31T17:30:00Z'));
    expect(await verify(item.unitPaths[0])).toMatchObject({ outcome: 'expired' });
    t.clock.reset();
  });

  it('certificate expired: at the very instant, with the answer and the page already rendered (injected clock)', async () => {
    const item = await t.seedItem({ units: 1, producer: signed.producer, certificate: false });
    // Mid-morning in Viet Nam, before the batch expires: only the certificate changes at that instant.
    const expiresAt = new Date('2027-03-10T03:17:42.500Z');
    // The certificate is in the read model before the first scan. A product without a certificate is genuine too,
    // so waiting for "genuine" proved nothing: under load the event came after the scans below, which then
    // rightly answered from a read model that had never heard of the certificate (CI failure, issue 13).
    await t.waitForHandled(
      await t.publish(
        RatingEvents.certificateIssued,
        certificate(item.product, {
          issuedAt: '2024-03-10T03:17:42.500Z',
          expiresAt: expiresAt.toISOString(),
        }),
      ),
    );
    const path = item.unitPaths[0];
    try {
      t.clock.set(new Date(expiresAt.getTime() - 60_000));
      expect((await verify(path)).outcome).toBe('genuine');
      expect((await verify(path)).outcome).toBe('genuine'); // scanned again: its rendered answer is now kept
      expect((await t.request('GET', `/p${path}`)).body).toContain('Sản phẩm chính hãng');
      t.clock.set(new Date(expiresAt.getTime() + 1));
      expect(await verify(path)).toMatchObject({ outcome: 'certificate-expired' });
      expect((await t.request('GET', `/p${path}`)).body).toContain('đã hết hiệu lực');
    } finally {
      t.clock.reset();
    }
  });

  it('certificate expired: also when the certificate arrives after the answer was kept (injected clock)', async () => {
    const item = await t.seedItem({ units: 1, producer: signed.producer, certificate: false });
    const path = item.unitPaths[0];
    const expiresAt = new Date('2027-03-12T02:00:00.000Z');
    try {
      t.clock.set(new Date(expiresAt.getTime() - 60_000));
      // Kept from the second scan on, until the next Vietnamese midnight: no certificate bounds it yet.
      expect((await verify(path)).outcome).toBe('genuine');
      expect((await verify(path)).outcome).toBe('genuine');
      await t.waitForHandled(
        await t.publish(
          RatingEvents.certificateIssued,
          certificate(item.product, {
            issuedAt: '2024-03-12T02:00:00.000Z',
            expiresAt: expiresAt.toISOString(),
          }),
        ),
      );
      t.clock.set(new Date(expiresAt.getTime() + 1));
      expect(await verify(path)).toMatchObject({ outcome: 'certificate-expired' });
    } finally {
      t.clock.reset();
    }
  });

  it('certificate revoked: the product’s OCOP certificate no longer holds', async () => {
    const item = await t.seedItem({ units: 1, producer: signed.producer, certificate: false });
    const cert = certificate(item.product);
    await t.publish(RatingEvents.certificateIssued, cert);
    await waitFor(async () => expect((await verify(item.unitPaths[0])).outcome).toBe('genuine'));
    await t.publish(RatingEvents.certificateRevoked, {
      ...cert,
      revokedAt: new Date().toISOString(),
      reason: 'vi phạm',
    });
    await waitFor(async () =>
      expect(await verify(item.unitPaths[0])).toMatchObject({ outcome: 'certificate-revoked' }),
    );
    // A late "issued" does not bring it back.
    await t.waitForHandled(await t.publish(RatingEvents.certificateIssued, cert));
    expect((await verify(item.unitPaths[0])).outcome).toBe('certificate-revoked');
  });

  it('suspicious: too many distinct networks; scanSuspicious is published once per unit and window', async () => {
    const nc = await t.natsConnection();
    const jsm = await nc.jetstreamManager();
    const stream = streamNameFor(t.config.EVENT_NAMESPACE, 'lookup');
    const path = signed.unitPaths[4];
    for (let i = 0; i < 4; i++) {
      await t.request('GET', path, { headers: json, remoteAddress: `10.1.${i}.1` });
    }
    await t.flushScans();
    await waitFor(async () => {
      const info = await jsm.streams.info(stream);
      expect(info.state.messages).toBe(1);
    });
    // More scans in the same window: no second event.
    for (let i = 0; i < 3; i++) await t.request('GET', path, { headers: json, remoteAddress: `10.2.${i}.1` });
    await t.flushScans();
    // Whatever the flush decided is in lookup's outbox: once that is relayed, the stream holds every event it made.
    await t.waitForRows(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`, [], 0);
    await jsm.consumers.add(stream, {
      durable_name: 'check',
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      filter_subject: natsSubjectFor(t.config.EVENT_NAMESPACE, LookupEvents.scanSuspicious),
    });
    const consumer = await nc.jetstream().consumers.get(stream, 'check');
    const messages = await consumer.fetch({ max_messages: 10, expires: 1000 });
    const events: { data: Record<string, unknown> }[] = [];
    for await (const m of messages) events.push(m.json());
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({
      gtin: signed.batch.gtin,
      serial: signed.serials[4],
      lot: signed.batch.lot,
      reason: 'too-many-clients',
      distinctClients: 4,
      productId: signed.product.productId,
    });
    const body = await verify(path);
    expect(body.scans).toMatchObject({ suspicious: true, scans: 7 });
    expect(body.scans.firstScannedAt).toEqual(expect.any(String));
    const page = await t.request('GET', `/p${path}`);
    expect(page.body).toContain('Cảnh báo');
  });

  it('bulk verification: 1000 codes in one request for a retailer, 1001 refused, no token refused', async () => {
    const token = await t.token({ roles: ['retailer'] });
    const codes = Array.from({ length: 1000 }, (_, i) =>
      i % 2
        ? `https://id.ocop.test${signed.unitPaths[0]}`
        : `https://id.ocop.test/01/${signed.batch.gtin}/21/X${i}`,
    );
    const ok = await t.request('POST', '/verify', { token, body: { codes } });
    expect(ok.status).toBe(200);
    expect(ok.body.results).toHaveLength(1000);
    expect(ok.body.results[1]).toMatchObject({ outcome: 'genuine', code: codes[1] });
    expect(ok.body.results[0]).toMatchObject({ outcome: 'unknown' });
    const bad = await t.request('POST', '/verify', {
      token,
      body: { codes: ['https://x/01/123', ...codes.slice(1, 2)] },
    });
    expect(bad.body.results[0]).toMatchObject({ outcome: 'invalid', problem: { reason: 'gtin-format' } });
    const tooMany = await t.request('POST', '/verify', { token, body: { codes: [...codes, codes[0]] } });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toMatchObject({ code: 'too-many-codes' });
    expect((await t.request('POST', '/verify', { body: { codes: [] } })).status).toBe(401);
    const producer = await t.token({ roles: ['producer'], producerId: randomUUID() });
    expect((await t.request('POST', '/verify', { token: producer, body: { codes: [] } })).status).toBe(403);
  });
});
