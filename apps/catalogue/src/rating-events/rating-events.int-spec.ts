import {
  CatalogueEvents,
  CatalogueRpc,
  CertificateV1,
  createCloudEvent,
  DomainError,
  natsSubjectFor,
  ProductOwnerV1,
  ProductSummaryV1,
  RatingEvents,
  streamNameFor,
} from '@ocop/contracts';
import { ensureStream, RpcClient } from '@ocop/messaging';
import { waitFor } from '@ocop/testing';
import { AckPolicy, connect, DeliverPolicy, JSONCodec, NatsConnection } from 'nats';
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { CatalogueHarness, Json, startCatalogue } from '../../test/catalogue-harness';
import { gtin, producerInput, productInput } from '../../test/fixtures';

describe('events and questions over NATS (integration)', () => {
  let catalogue: CatalogueHarness;
  let nc: NatsConnection;
  let admin: string;
  let producerId: string;
  let item = 0;
  const codec = JSONCodec();

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_events');
    admin = await catalogue.token({ roles: ['admin'] });
    nc = await connect({ servers: catalogue.config.NATS_URL });
    // Play the rating service: its stream is where certificate facts live.
    await ensureStream(await nc.jetstreamManager(), catalogue.config.EVENT_NAMESPACE, 'rating', 'owner');
    const res = await catalogue.request('POST', '/producers', { token: admin, body: producerInput() });
    producerId = res.body.producerId;
    await catalogue.request('POST', `/producers/${producerId}/verify`, { token: admin, body: {} });
  });

  afterAll(async () => {
    await nc?.close();
    await catalogue?.close();
  });

  const newProduct = async () => {
    const res = await catalogue.request('POST', '/products', {
      token: admin,
      body: productInput(producerId, { gtins: [gtin('8936047', (item += 1))] }),
    });
    await catalogue.request('POST', `/products/${res.body.productId}/activate`, { token: admin });
    return res.body.productId as string;
  };

  const certificate = (productId: string, overrides: Partial<CertificateV1> = {}): CertificateV1 => ({
    certificateId: randomUUID(),
    certificateNumber: `OCOP-${(item += 1)}`,
    productId,
    producerId,
    stars: 4,
    issuedAt: '2024-03-15T02:00:00.000Z',
    expiresAt: '2027-03-15T02:00:00.000Z',
    decisionRef: '456/QĐ-UBND ngày 15/3/2024',
    ...overrides,
  });

  const publish = async (type: string, data: object) => {
    const event = createCloudEvent({
      type,
      source: '/ocop/rating',
      subject: (data as CertificateV1).certificateId,
      data,
    });
    await nc
      .jetstream()
      .publish(natsSubjectFor(catalogue.config.EVENT_NAMESPACE, type), codec.encode(event), {
        msgID: event.id,
      });
    return event;
  };

  const ocopOf = async (productId: string) =>
    (await catalogue.request('GET', `/products/${productId}`, { token: admin })).body.ocop;

  describe('rating certificate events', () => {
    it('shows the star of an issued certificate, in the catalogue and the public search', async () => {
      const productId = await newProduct();
      const cert = certificate(productId, { stars: 4 });
      await publish(RatingEvents.certificateIssued, cert);
      await waitFor(async () =>
        expect(await ocopOf(productId)).toMatchObject({ stars: 4, certificateId: cert.certificateId }),
      );
      expect((await catalogue.request('GET', `/catalogue/products/${productId}`)).body.ocop).toMatchObject({
        stars: 4,
        certificateNumber: cert.certificateNumber,
        decisionRef: cert.decisionRef,
      });
      const found = await catalogue.request('GET', `/catalogue/products?stars=4`);
      expect(found.body.items.map((p: Json) => p.productId)).toContain(productId);
    });

    it('exports the last valid day in Viet Nam, as the certificate prints it (decision 0035)', async () => {
      const productId = await newProduct();
      // Decided 03/12/2026: valid through 03/12/2029, i.e. until 17:00 UTC that day.
      const cert = certificate(productId, {
        issuedAt: '2026-12-02T17:00:00.000Z',
        expiresAt: '2029-12-03T17:00:00.000Z',
      });
      await publish(RatingEvents.certificateIssued, cert);
      await waitFor(async () =>
        expect(await ocopOf(productId)).toMatchObject({ certificateId: cert.certificateId }),
      );
      const res = await catalogue.request('GET', '/exports/products.csv', { token: admin });
      const [header, ...rows] = parse(res.text, { bom: true }) as string[][];
      const row = rows.find((r) => r[header.indexOf('Mã sản phẩm / Product id')] === productId);
      expect(row?.[header.indexOf('Hiệu lực đến hết ngày / Valid through')]).toBe('03/12/2029');
    });

    it('keeps the newest certificate when an older one arrives late, and drops a revoked one for good', async () => {
      const productId = await newProduct();
      const newer = certificate(productId, {
        stars: 5,
        issuedAt: '2025-06-01T00:00:00.000Z',
        expiresAt: '2028-06-01T00:00:00.000Z',
      });
      const older = certificate(productId, {
        stars: 3,
        issuedAt: '2023-01-10T00:00:00.000Z',
        expiresAt: '2027-01-10T00:00:00.000Z',
      });
      await publish(RatingEvents.certificateIssued, newer);
      await publish(RatingEvents.certificateIssued, older);
      await waitFor(async () => {
        const [row] = await catalogue.dataSource.query(
          `SELECT count(*)::int AS n FROM ocop_certificates WHERE product_id = $1`,
          [productId],
        );
        expect(row.n).toBe(2);
      });
      expect(await ocopOf(productId)).toMatchObject({ stars: 5, certificateId: newer.certificateId });

      await publish(RatingEvents.certificateRevoked, {
        ...newer,
        revokedAt: '2026-01-01T00:00:00.000Z',
        reason: 'Vi phạm ATTP',
      });
      await waitFor(async () =>
        expect(await ocopOf(productId)).toMatchObject({ stars: 3, certificateId: older.certificateId }),
      );

      await publish(RatingEvents.certificateExpired, older);
      await waitFor(async () => expect(await ocopOf(productId)).toBeNull());

      // A repeated "issued" for the revoked certificate does not bring it back.
      const replay = await publish(RatingEvents.certificateIssued, newer);
      await waitFor(async () => {
        const [row] = await catalogue.dataSource.query(
          `SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`,
          [replay.id],
        );
        expect(row.n).toBe(1);
      });
      expect(await ocopOf(productId)).toBeNull();
    });

    it('never falls back to a certificate that was superseded', async () => {
      const productId = await newProduct();
      const first = certificate(productId, {
        stars: 3,
        issuedAt: '2024-01-01T00:00:00.000Z',
        expiresAt: '2027-01-01T00:00:00.000Z',
      });
      const upgrade = certificate(productId, {
        stars: 4,
        issuedAt: '2025-01-01T00:00:00.000Z',
        expiresAt: '2028-01-01T00:00:00.000Z',
      });
      await publish(RatingEvents.certificateIssued, first);
      await publish(RatingEvents.certificateIssued, upgrade);
      await publish(RatingEvents.certificateSuperseded, {
        ...first,
        supersededAt: upgrade.issuedAt,
        supersededBy: {
          certificateId: upgrade.certificateId,
          certificateNumber: upgrade.certificateNumber,
          stars: 4,
        },
      });
      await waitFor(async () => {
        const [row] = await catalogue.dataSource.query(
          `SELECT state FROM ocop_certificates WHERE certificate_id = $1`,
          [first.certificateId],
        );
        expect(row?.state).toBe('superseded');
        // The events may be handled in any order (the consumer runs several at once): wait for the upgrade too.
        expect((await ocopOf(productId))?.stars).toBe(4);
      });
      await publish(RatingEvents.certificateRevoked, {
        ...upgrade,
        revokedAt: '2026-02-01T00:00:00.000Z',
        reason: 'Sai phạm',
      });
      await waitFor(async () => expect(await ocopOf(productId)).toBeNull());
    });

    it('applies an event delivered twice only once', async () => {
      const productId = await newProduct();
      const event = createCloudEvent({
        type: RatingEvents.certificateIssued,
        source: '/ocop/rating',
        data: certificate(productId),
      });
      const subject = natsSubjectFor(catalogue.config.EVENT_NAMESPACE, event.type);
      // Different Nats-Msg-Ids, so JetStream stores both; the inbox must absorb the second.
      await nc.jetstream().publish(subject, codec.encode(event), { msgID: randomUUID() });
      await nc.jetstream().publish(subject, codec.encode(event), { msgID: randomUUID() });
      await waitFor(async () => expect((await ocopOf(productId))?.stars).toBe(4));
      const [row] = await catalogue.dataSource.query(
        `SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`,
        [event.id],
      );
      expect(row.n).toBe(1);
    });

    it('hides a certificate once it has expired, even before the expiry event arrives', async () => {
      const productId = await newProduct();
      await publish(
        RatingEvents.certificateIssued,
        certificate(productId, {
          issuedAt: '2021-01-01T00:00:00.000Z',
          expiresAt: '2024-01-01T00:00:00.000Z',
        }),
      );
      await waitFor(async () => {
        const [row] = await catalogue.dataSource.query(
          `SELECT count(*)::int AS n FROM ocop_certificates WHERE product_id = $1`,
          [productId],
        );
        expect(row.n).toBe(1);
      });
      expect(await ocopOf(productId)).toBeNull();
    });
  });

  it('publishes each change to JetStream exactly once, as a CloudEvent with the full record', async () => {
    const res = await catalogue.request('POST', '/producers', {
      token: admin,
      body: producerInput({ name: 'HTX Dừa sáp Cầu Kè' }),
    });
    const id = res.body.producerId;
    await catalogue.request('PATCH', `/producers/${id}`, { token: admin, body: { tradingName: 'Dừa sáp' } });
    const stream = streamNameFor(catalogue.config.EVENT_NAMESPACE, 'catalogue');
    const jsm = await nc.jetstreamManager();
    const seen = await waitFor(async () => {
      const consumer = await jsm.consumers.add(stream, {
        ack_policy: AckPolicy.None,
        deliver_policy: DeliverPolicy.All,
      });
      const messages = await nc.jetstream().consumers.get(stream, consumer.name);
      const info = await messages.info();
      const batch = await messages.fetch({ max_messages: info.num_pending, expires: 2000 });
      const events: Json[] = [];
      for await (const message of batch) events.push(message.json());
      await jsm.consumers.delete(stream, consumer.name);
      const mine = events.filter((e) => e.subject === id);
      expect(mine.map((e) => e.type)).toEqual([
        CatalogueEvents.producerRegistered,
        CatalogueEvents.producerUpdated,
      ]);
      return mine;
    });
    expect(seen[1]).toMatchObject({
      specversion: '1.0',
      source: '/ocop/catalogue',
      schemaversion: 1,
      data: {
        changed: ['tradingName'],
        producer: { producerId: id, tradingName: 'Dừa sáp', name: 'HTX Dừa sáp Cầu Kè' },
      },
    });
  });

  describe('request-reply', () => {
    it('answers who owns a product and what it is', async () => {
      const productId = await newProduct();
      const rpc = catalogue.app.get(RpcClient);
      const owner = await rpc.request<ProductOwnerV1>(CatalogueRpc.productOwner, { productId });
      expect(owner).toEqual({ productId, producerId, status: 'active', producerStatus: 'verified' });
      const summary = await rpc.request<ProductSummaryV1>(CatalogueRpc.productSummary, { productId });
      expect(summary).toMatchObject({
        productId,
        producerId,
        producerName: 'Công ty TNHH XNK Trái cây Chánh Thu',
        productSet: 1,
        productGroup: 'food',
        public: true,
        gtins: [expect.stringMatching(/^\d{14}$/)],
        place: {
          'bt-2022': { districtCode: '832', communeCode: '28882' },
          'vl-2025-07': { communeCode: '28870' },
        },
        ocop: null,
      });
    });

    it('answers an unknown product with the not-found problem and a malformed id with validation-failed', async () => {
      const rpc = catalogue.app.get(RpcClient);
      await expect(rpc.request(CatalogueRpc.productOwner, { productId: randomUUID() })).rejects.toMatchObject(
        { code: 'not-found', status: 404 },
      );
      const malformed = await rpc
        .request(CatalogueRpc.productSummary, { productId: 'nope' })
        .catch((err: unknown) => err);
      expect(malformed).toBeInstanceOf(DomainError);
      expect(malformed).toMatchObject({ code: 'validation-failed', status: 400 });
    });
  });
});
