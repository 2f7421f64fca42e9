import { BatchSnapshotV1, createCloudEvent, natsSubjectFor, TraceabilityEvents } from '@ocop/contracts';
import { ensureStream } from '@ocop/messaging';
import { waitFor } from '@ocop/testing';
import { connect, JSONCodec, NatsConnection } from 'nats';
import { randomUUID } from 'node:crypto';
import { CatalogueHarness, Json, startCatalogue } from '../../test/catalogue-harness';
import { gtin, producerInput, productInput } from '../../test/fixtures';
import { productCodeOf } from '@ocop/ocop-domain';
import { GtinClaims } from './gtin-claims';

/**
 * A GTIN stays with the producer whose labels carry it (decision 0023): the hijack of issue 13 (B drops a GTIN
 * from its product, C lists it and B's printed labels then show C) replayed against the catalogue, with the batch
 * facts played as traceability's relay would publish them.
 */
describe('GTIN claims (integration)', () => {
  let catalogue: CatalogueHarness;
  let nc: NatsConnection;
  let admin: string;
  /** B, the first owner, and C, who wants B's GTIN; neither declared a GS1 company prefix. */
  let b: { id: string; token: string };
  let c: { id: string; token: string };
  /** A producer that declared the prefix 8936047. */
  let withPrefix: { id: string; token: string };
  let item = 500;
  const codec = JSONCodec();
  const nextGtin = (prefix = '8938000') => gtin(prefix, (item += 1));
  const gtin14 = (code: string) => `0${code}`;

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_gtin_claims');
    admin = await catalogue.token({ roles: ['admin'] });
    nc = await connect({ servers: catalogue.config.NATS_URL });
    await ensureStream(
      await nc.jetstreamManager(),
      catalogue.config.EVENT_NAMESPACE,
      'traceability',
      'owner',
    );
    const register = (overrides: Json) => catalogue.verifiedProducer(producerInput(overrides), admin);
    b = await register({ name: 'HTX Dừa Thạnh Phú', gs1CompanyPrefix: null });
    c = await register({ name: 'Cơ sở Kẹo dừa Giả', gs1CompanyPrefix: null });
    withPrefix = await register({ name: 'Công ty Kẹo dừa Có Mã' });
  });

  afterAll(async () => {
    await nc?.close();
    await catalogue?.close();
  });

  const create = (producer: { id: string; token: string }, gtins: string[]) =>
    catalogue.request('POST', '/products', {
      token: producer.token,
      body: productInput(producer.id, { gtins }),
    });
  const setGtins = (producer: { token: string }, productId: string, gtins: string[]) =>
    catalogue.request('PATCH', `/products/${productId}`, { token: producer.token, body: { gtins } });
  const claimOf = async (code: string) =>
    (
      (await catalogue.dataSource.query(
        `SELECT producer_id, first_used_at FROM gtin_claims WHERE gtin = $1`,
        [gtin14(code)],
      )) as { producer_id: string; first_used_at: Date | null }[]
    )[0];

  /** Traceability's relay publishing batch.created for a batch of `producerId` under `code`. */
  const batchCreated = async (producerId: string, productId: string, code: string) => {
    const batch: BatchSnapshotV1 = {
      batchId: randomUUID(),
      producerId,
      productId,
      gtin: gtin14(code),
      lot: `L${(item += 1)}`,
      quantity: 100,
      unit: 'KGM',
      growingAreas: [],
      inputs: [],
      status: 'open',
      digitalLink: `https://id.ocop.test/01/${gtin14(code)}/10/L${item}`,
      updatedAt: new Date().toISOString(),
    };
    const event = createCloudEvent({
      type: TraceabilityEvents.batchCreated,
      source: '/ocop/traceability',
      subject: batch.batchId,
      data: { batch, actorId: randomUUID() },
    });
    await nc
      .jetstream()
      .publish(natsSubjectFor(catalogue.config.EVENT_NAMESPACE, event.type), codec.encode(event), {
        msgID: event.id,
      });
    await waitFor(async () => expect((await claimOf(code))?.first_used_at).toBeInstanceOf(Date));
  };

  describe('a GTIN used for a batch', () => {
    it('stays with its producer after its product drops it: another producer is refused, naming the GTIN', async () => {
      const code = nextGtin();
      const mine = await create(b, [code]);
      expect(mine.status).toBe(201);
      await batchCreated(b.id, mine.body.productId, code);

      expect((await setGtins(b, mine.body.productId, [])).status).toBe(200);
      const taken = await create(c, [code]);
      expect(taken.status).toBe(409);
      expect(taken.body).toMatchObject({
        code: 'gtin-owned-by-another-producer',
        gtins: [gtin14(code)],
        errors: [{ field: 'gtins' }],
      });
      expect(taken.body.detail).toContain(gtin14(code));
      const other = await create(c, [nextGtin()]);
      const patched = await setGtins(c, other.body.productId, [code]);
      expect(patched.status).toBe(409);
      expect(patched.body).toMatchObject({ code: 'gtin-owned-by-another-producer' });
      expect(
        (await catalogue.request('GET', `/products/${other.body.productId}`, { token: c.token })).body.gtins,
      ).not.toContain(gtin14(code));
      expect(await claimOf(code)).toMatchObject({ producer_id: b.id });

      // Its owner lists it again, on the same or another of its products.
      const again = await create(b, [code]);
      expect(again.status).toBe(201);
      expect(again.body.gtins).toEqual([gtin14(code)]);
    });

    it('is refused to another producer while its owner still lists it, as before', async () => {
      const code = nextGtin();
      const mine = await create(b, [code]);
      await batchCreated(b.id, mine.body.productId, code);
      const res = await create(c, [code]);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'gtin-taken', gtins: [gtin14(code)] });
    });

    it('is claimed back for its producer when the batch news arrives after the product dropped it', async () => {
      const code = nextGtin();
      const mine = await create(b, [code]);
      await setGtins(b, mine.body.productId, []);
      expect(await claimOf(code)).toBeUndefined();
      await batchCreated(b.id, mine.body.productId, code);
      expect(await claimOf(code)).toMatchObject({ producer_id: b.id });
      expect((await create(c, [code])).body).toMatchObject({ code: 'gtin-owned-by-another-producer' });
    });

    it('cannot become another producer’s through the CSV import either', async () => {
      const code = nextGtin();
      const mine = await create(b, [code]);
      await batchCreated(b.id, mine.body.productId, code);
      await setGtins(b, mine.body.productId, []);
      const [row] = await catalogue.dataSource.query(`SELECT tax_code FROM producers WHERE id = $1`, [c.id]);
      const csv = `Tên sản phẩm,Mã số thuế chủ thể,Bộ sản phẩm,GTIN\nKẹo dừa,${row.tax_code},7,${code}\n`;
      const res = await catalogue.request('POST', '/imports/products', {
        token: c.token,
        raw: { contentType: 'text/csv', payload: csv },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([
        { line: 2, column: 'GTIN', message: expect.stringContaining('thuộc về chủ thể khác') },
      ]);
      expect(await claimOf(code)).toMatchObject({ producer_id: b.id });
    });

    it('takes the news of a batch without GTIN (/t/ labels, decision 0048) as a claim on no GTIN', async () => {
      const product = await create(b, []);
      expect(product.status).toBe(201);
      const batch: BatchSnapshotV1 = {
        batchId: randomUUID(),
        producerId: b.id,
        productId: product.body.productId,
        productCode: productCodeOf(product.body.productId),
        lot: 'T1',
        quantity: 1,
        unit: 'KGM',
        growingAreas: [],
        inputs: [],
        status: 'open',
        digitalLink: `https://id.ocop.test/t/${productCodeOf(product.body.productId)}/T1`,
        updatedAt: new Date().toISOString(),
      };
      const event = createCloudEvent({
        type: TraceabilityEvents.batchCreated,
        source: '/ocop/traceability',
        subject: batch.batchId,
        data: { batch, actorId: randomUUID() },
      });
      const claims = await catalogue.dataSource.query(`SELECT count(*)::int AS n FROM gtin_claims`);
      await nc
        .jetstream()
        .publish(natsSubjectFor(catalogue.config.EVENT_NAMESPACE, event.type), codec.encode(event), {
          msgID: event.id,
        });
      // Handled (its inbox row commits with the handler's work), not parked as a dead letter.
      await waitFor(async () =>
        expect(
          await catalogue.dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [
            event.id,
          ]),
        ).toEqual([{ n: 1 }]),
      );
      expect(
        await catalogue.dataSource.query(`SELECT count(*)::int AS n FROM dead_letter WHERE event_id = $1`, [
          event.id,
        ]),
      ).toEqual([{ n: 0 }]);
      expect(await catalogue.dataSource.query(`SELECT count(*)::int AS n FROM gtin_claims`)).toEqual(claims);
    });

    it('refuses the batch news (to the dead-letter table, for an officer) when another producer holds the GTIN', async () => {
      // The race of decision 0023: B's product dropped the GTIN and C listed it before B's batch news arrived.
      const code = nextGtin();
      const theirs = await create(c, [code]);
      expect(theirs.status).toBe(201);
      await expect(
        catalogue.dataSource.transaction((manager) =>
          GtinClaims.markUsed(manager, gtin14(code), b.id, new Date().toISOString()),
        ),
      ).rejects.toThrow(`GTIN ${gtin14(code)} was used for a batch of producer ${b.id}`);
      expect(await claimOf(code)).toMatchObject({ producer_id: c.id, first_used_at: null });
    });
  });

  it('frees a GTIN nobody used: a typing mistake does not lock someone else’s number away', async () => {
    const code = nextGtin();
    const typo = await create(b, [code]);
    await setGtins(b, typo.body.productId, [nextGtin()]);
    const rightful = await create(c, [code]);
    expect(rightful.status).toBe(201);
    expect(await claimOf(code)).toMatchObject({ producer_id: c.id, first_used_at: null });
  });

  it('keeps one producer per GTIN in the database itself', async () => {
    const code = nextGtin();
    const mine = await create(b, [code]);
    const theirs = await create(c, [nextGtin()]);
    await expect(
      catalogue.dataSource.query(
        `UPDATE product_gtins SET product_id = $1, producer_id = $2 WHERE gtin = $3`,
        [theirs.body.productId, c.id, gtin14(code)],
      ),
    ).rejects.toMatchObject({ constraint: 'product_gtins_claim' });
    expect(mine.status).toBe(201);
  });

  describe('a producer with a declared GS1 company prefix', () => {
    it('is refused a GTIN outside it, on create, naming the GTIN and its place, and nothing is stored', async () => {
      const before = await catalogue.count('product_gtins');
      const outside = nextGtin('8931234');
      const res = await create(withPrefix, [nextGtin('8936047'), outside]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'gtin-outside-company-prefix',
        gtins: [gtin14(outside)],
        companyPrefix: '8936047',
        errors: [{ field: 'gtins[1]', message: expect.stringContaining(gtin14(outside)) }],
      });
      expect(await catalogue.count('product_gtins')).toBe(before);
    });

    it('is refused one on update, and on import', async () => {
      const product = await create(withPrefix, [nextGtin('8936047')]);
      const outside = nextGtin('8931234');
      const res = await setGtins(withPrefix, product.body.productId, [...product.body.gtins, outside]);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'gtin-outside-company-prefix',
        errors: [{ field: 'gtins[1]' }],
      });
      const [row] = await catalogue.dataSource.query(`SELECT tax_code FROM producers WHERE id = $1`, [
        withPrefix.id,
      ]);
      const csv = `Tên sản phẩm,Mã số thuế chủ thể,Bộ sản phẩm,GTIN\nKẹo dừa,${row.tax_code},7,${outside}\n`;
      const dry = await catalogue.request('POST', '/imports/products/dry-run', {
        token: admin,
        raw: { contentType: 'text/csv', payload: csv },
      });
      expect(dry.body.errors).toEqual([
        {
          line: 2,
          column: 'GTIN',
          message: expect.stringContaining('không thuộc mã doanh nghiệp GS1 8936047'),
        },
      ]);
    });

    it('keeps a GTIN listed before the prefix was declared, with a warning, and edits the rest freely', async () => {
      const outside = nextGtin('8931234');
      const product = await create(b, [outside]);
      const producer = await catalogue.request('PATCH', `/producers/${b.id}`, {
        token: b.token,
        body: { gs1CompanyPrefix: '8938000' },
      });
      expect(producer.status).toBe(200);
      const res = await catalogue.request('PATCH', `/products/${product.body.productId}`, {
        token: b.token,
        body: { shelfLifeDays: 200 },
      });
      expect(res.status).toBe(200);
      expect(res.body.warnings).toEqual([
        expect.objectContaining({ field: 'gtins[0]', code: 'gtin-outside-company-prefix' }),
      ]);
    });
  });
});
