import { CatalogueEvents } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { CatalogueHarness, Json, startCatalogue } from '../../test/catalogue-harness';
import { gtin, producerInput, productInput } from '../../test/fixtures';

describe('products (integration)', () => {
  let catalogue: CatalogueHarness;
  let admin: string;
  /** Chánh Thu, a verified producer in Hòa Nghĩa (Chợ Lách), and its own account. */
  let chanhThu: { id: string; token: string };
  /** Another producer, pending, in Ba Tri. */
  let other: { id: string; token: string };
  let itemNo = 100;
  const nextGtin = (prefix = '8936047') => gtin(prefix, (itemNo += 1));

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_products');
    admin = await catalogue.token({ roles: ['admin'] });
    const register = async (body: Json) => {
      const producerId = randomUUID();
      const token = await catalogue.token({ roles: ['producer'], producerId });
      const res = await catalogue.request('POST', '/producers', { token, body });
      if (res.status !== 201) throw new Error(res.text);
      return { id: producerId, token };
    };
    chanhThu = await register(producerInput());
    await catalogue.request('POST', `/producers/${chanhThu.id}/verify`, { token: admin, body: {} });
    other = await register(
      producerInput({
        name: 'HTX Dừa Ba Tri',
        type: 'cooperative',
        gs1CompanyPrefix: '8931234',
        address: { unitMap: 'bt-2022', communeCode: '29113' },
      }),
    );
  });

  afterAll(async () => {
    await catalogue?.close();
  });

  const create = async (body: Json, token = chanhThu.token) => {
    const res = await catalogue.request('POST', '/products', { token, body });
    if (res.status !== 201) throw new Error(`create failed: ${res.status} ${res.text}`);
    return res.body;
  };

  it('creates a draft with GTIN-14s and its OCOP group, and publishes exactly one created event', async () => {
    const code = nextGtin();
    const before = await catalogue.count('outbox');
    const res = await catalogue.request('POST', '/products', {
      token: chanhThu.token,
      body: productInput(chanhThu.id, { gtins: [code] }),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      productId: expect.any(String),
      producerId: chanhThu.id,
      producerName: 'Công ty TNHH XNK Trái cây Chánh Thu',
      status: 'draft',
      gtins: [`0${code}`],
      productSet: 1,
      productGroup: 'food',
      productSetName: { vi: 'Rau, củ, quả, hạt tươi' },
      ocop: null,
      warnings: [],
      certifications: [{ scheme: 'vietgap', certificateNumber: 'VG-83-0012', validUntil: '2027-06-30' }],
    });
    expect(await catalogue.count('outbox')).toBe(before + 1);
    const events = (await catalogue.outbox(CatalogueEvents.productCreated)).filter(
      (e) => e.subject === res.body.productId,
    );
    expect(events).toHaveLength(1);
    expect(events[0].data.product).toMatchObject({
      productId: res.body.productId,
      gtins: [`0${code}`],
      status: 'draft',
      ocop: null,
    });
  });

  it('refuses a GTIN outside the producer’s GS1 company prefix (decision 0023), naming it in both languages', async () => {
    const foreign = nextGtin('8931234');
    const res = await catalogue.request('POST', '/products', {
      token: chanhThu.token,
      body: productInput(chanhThu.id, { gtins: [foreign] }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'gtin-outside-company-prefix', errors: [{ field: 'gtins[0]' }] });
    expect(res.body.errors[0].message).toMatch(/mã doanh nghiệp GS1 8936047 .* \/ .*company prefix 8936047/);
  });

  describe('refuses bad input with a 400 problem naming the field, and stores nothing', () => {
    const cases: [string, () => Json, string][] = [
      ['a wrong GTIN check digit', () => ({ gtins: ['8936047000503'] }), 'gtins'],
      ['a GTIN of 11 digits', () => ({ gtins: ['89360470005'] }), 'gtins'],
      ['the same GTIN twice', () => ({ gtins: ['8936047000500', '08936047000500'] }), 'gtins'],
      ['an unknown product set', () => ({ productSet: 27 }), 'productSet'],
      ['a product set as text', () => ({ productSet: '7' }), 'productSet'],
      ['an over-long name', () => ({ nameVi: 'Kẹo '.repeat(60) }), 'nameVi'],
      ['an empty name', () => ({ nameVi: '' }), 'nameVi'],
      ['an OCOP star typed in', () => ({ ocopStars: 5 }), 'ocopStars'],
      ['a certificate typed in', () => ({ ocop: { stars: 5 } }), 'ocop'],
      ['a status', () => ({ status: 'active' }), 'status'],
      [
        'an image that is not a web address',
        () => ({ images: [{ url: 'file:///c/anh.jpg' }] }),
        'images.0.url',
      ],
      ['images that are not a list', () => ({ images: 'anh.jpg' }), 'images'],
      [
        'an unknown package unit',
        () => ({ packageSizes: [{ quantity: 1, unit: 'tấn' }] }),
        'packageSizes.0.unit',
      ],
      [
        'a zero package quantity',
        () => ({ packageSizes: [{ quantity: 0, unit: 'kg' }] }),
        'packageSizes.0.quantity',
      ],
      ['an unknown allergen', () => ({ allergens: ['nuts'] }), 'allergens'],
      ['a negative shelf life', () => ({ shelfLifeDays: -1 }), 'shelfLifeDays'],
      ['a shelf life as text', () => ({ shelfLifeDays: '365' }), 'shelfLifeDays'],
      [
        'an "other" certification without a name',
        () => ({ certifications: [{ scheme: 'other' }] }),
        'certifications.0.name',
      ],
      [
        'a certificate date that is not a date',
        () => ({ certifications: [{ scheme: 'haccp', validUntil: '30/06/2027' }] }),
        'certifications.0.validUntil',
      ],
      [
        'an unknown sales channel',
        () => ({ salesLinks: [{ channel: 'amazon', url: 'https://amazon.com/x' }] }),
        'salesLinks.0.channel',
      ],
      ['a producer id that is not a UUID', () => ({ producerId: '123' }), 'producerId'],
    ];

    it.each(cases)('%s', async (_what, change, field) => {
      const counts = async () => ({
        products: await catalogue.count('products'),
        gtins: await catalogue.count('product_gtins'),
        outbox: await catalogue.count('outbox'),
      });
      const before = await counts();
      const res = await catalogue.request('POST', '/products', {
        token: chanhThu.token,
        body: productInput(chanhThu.id, { gtins: [nextGtin()], ...change() }),
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await counts()).toEqual(before);
    });

    it('says which GTIN is wrong and what its check digit should be', async () => {
      const res = await catalogue.request('POST', '/products', {
        token: chanhThu.token,
        body: productInput(chanhThu.id, { gtins: ['8936047000503'] }),
      });
      expect(res.body.errors).toEqual([
        {
          field: 'gtins',
          message:
            '[0] "8936047000503" sai số kiểm tra (phải là 0) / [0] "8936047000503" wrong check digit (expected 0)',
          rule: 'isGtinList',
        },
      ]);
    });
  });

  it('refuses a GTIN that belongs to another product (409 naming gtins) and stores nothing', async () => {
    const code = nextGtin();
    await create(productInput(chanhThu.id, { gtins: [code] }));
    const before = await catalogue.count('products');
    const res = await catalogue.request('POST', '/products', {
      token: admin,
      body: productInput(chanhThu.id, { gtins: [nextGtin(), code] }),
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'gtin-taken', errors: [{ field: 'gtins' }] });
    expect(await catalogue.count('products')).toBe(before);
  });

  it('answers a retried create with the same Idempotency-Key once', async () => {
    const body = productInput(chanhThu.id, { gtins: [nextGtin()] });
    const headers = { 'idempotency-key': `prod-${randomUUID()}` };
    const first = await catalogue.request('POST', '/products', { token: chanhThu.token, body, headers });
    const again = await catalogue.request('POST', '/products', { token: chanhThu.token, body, headers });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body.productId).toBe(first.body.productId);
    expect(
      (await catalogue.outbox(CatalogueEvents.productCreated)).filter(
        (e) => e.subject === first.body.productId,
      ),
    ).toHaveLength(1);
  });

  describe('authorisation', () => {
    it('keeps a producer to its own producer when creating', async () => {
      const res = await catalogue.request('POST', '/products', {
        token: other.token,
        body: productInput(chanhThu.id, { gtins: [nextGtin()] }),
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'producerId' })]);
      expect((await catalogue.request('POST', '/products', { body: productInput(chanhThu.id) })).status).toBe(
        401,
      );
      const retailer = await catalogue.token({ roles: ['retailer'] });
      expect(
        (await catalogue.request('POST', '/products', { token: retailer, body: productInput(chanhThu.id) }))
          .status,
      ).toBe(403);
    });

    it('hides another producer’s draft (404 to read or change) and refuses changes to its public product (403)', async () => {
      const draft = await create(productInput(chanhThu.id, { gtins: [nextGtin()] }));
      const onSale = await create(
        productInput(chanhThu.id, { nameVi: 'Sầu riêng Ri6', gtins: [nextGtin()] }),
      );
      await catalogue.request('POST', `/products/${onSale.productId}/activate`, { token: chanhThu.token });
      const before = await catalogue.count('outbox');

      expect(
        (await catalogue.request('GET', `/products/${draft.productId}`, { token: other.token })).status,
      ).toBe(404);
      expect(
        (
          await catalogue.request('PATCH', `/products/${draft.productId}`, {
            token: other.token,
            body: { nameVi: 'X' },
          })
        ).status,
      ).toBe(404);
      expect(
        (await catalogue.request('POST', `/products/${draft.productId}/activate`, { token: other.token }))
          .status,
      ).toBe(404);
      const listed = await catalogue.request('GET', `/products?producerId=${chanhThu.id}`, {
        token: other.token,
      });
      expect(listed.body.items).toEqual([]);

      expect(
        (await catalogue.request('GET', `/products/${onSale.productId}`, { token: other.token })).status,
      ).toBe(200);
      expect(
        (
          await catalogue.request('PATCH', `/products/${onSale.productId}`, {
            token: other.token,
            body: { nameVi: 'X' },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await catalogue.request('POST', `/products/${onSale.productId}/discontinue`, {
            token: other.token,
            body: {},
          })
        ).status,
      ).toBe(403);
      expect(await catalogue.count('outbox')).toBe(before);
    });

    it('lets officers of the territory and admins manage products; officers elsewhere see nothing', async () => {
      const draft = await create(productInput(chanhThu.id, { gtins: [nextGtin()] }));
      const choLach = await catalogue.token({
        roles: ['officer'],
        scope: { provinceCode: '83', districtCode: '832' },
      });
      const baTri = await catalogue.token({
        roles: ['officer'],
        scope: { provinceCode: '83', districtCode: '836' },
      });
      expect(
        (
          await catalogue.request('PATCH', `/products/${draft.productId}`, {
            token: choLach,
            body: { nameEn: 'Durian' },
          })
        ).status,
      ).toBe(200);
      expect(
        (
          await catalogue.request('PATCH', `/products/${draft.productId}`, {
            token: admin,
            body: { nameEn: 'Frozen durian' },
          })
        ).status,
      ).toBe(200);
      expect((await catalogue.request('GET', `/products/${draft.productId}`, { token: baTri })).status).toBe(
        404,
      );
      const council = await catalogue.token({ roles: ['council'], scope: { provinceCode: '83' } });
      expect(
        (await catalogue.request('GET', `/products/${draft.productId}`, { token: council })).status,
      ).toBe(200);
      expect(
        (
          await catalogue.request('PATCH', `/products/${draft.productId}`, {
            token: council,
            body: { nameEn: 'x' },
          })
        ).status,
      ).toBe(403);
    });
  });

  describe('changes', () => {
    it('updates with one event naming what changed, frees replaced GTINs, and skips no-op updates', async () => {
      const oldCode = nextGtin();
      const newCode = nextGtin();
      const product = await create(productInput(chanhThu.id, { gtins: [oldCode] }));
      const before = await catalogue.count('outbox');
      const res = await catalogue.request('PATCH', `/products/${product.productId}`, {
        token: chanhThu.token,
        body: { gtins: [newCode], shelfLifeDays: 300 },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ gtins: [`0${newCode}`], shelfLifeDays: 300 });
      await catalogue.request('PATCH', `/products/${product.productId}`, {
        token: chanhThu.token,
        body: { shelfLifeDays: 300 },
      });
      expect(await catalogue.count('outbox')).toBe(before + 1);
      const [event] = (await catalogue.outbox(CatalogueEvents.productUpdated)).filter(
        (e) => e.subject === product.productId,
      );
      expect(event.data.changed.sort()).toEqual(['gtins', 'shelfLifeDays']);
      // The old GTIN is free again.
      await create(productInput(chanhThu.id, { gtins: [oldCode] }));
    });

    it('checks the whole product after a PATCH: a required field cannot be cleared', async () => {
      const product = await create(productInput(chanhThu.id, { gtins: [nextGtin()] }));
      const res = await catalogue.request('PATCH', `/products/${product.productId}`, {
        token: chanhThu.token,
        body: { nameVi: null, productSet: null },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: Json) => e.field).sort()).toEqual(['nameVi', 'productSet']);
      const unknown = await catalogue.request('PATCH', `/products/${product.productId}`, {
        token: chanhThu.token,
        body: { producerId: other.id },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'producerId' })]);
    });

    it('activates and discontinues with one event each, and refuses a transition that makes no sense', async () => {
      const product = await create(productInput(chanhThu.id, { gtins: [nextGtin()] }));
      const id = product.productId;
      const activated = await catalogue.request('POST', `/products/${id}/activate`, {
        token: chanhThu.token,
      });
      expect(activated.status).toBe(200);
      expect(activated.body.status).toBe('active');
      const twice = await catalogue.request('POST', `/products/${id}/activate`, { token: chanhThu.token });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('invalid-status-transition');
      const stopped = await catalogue.request('POST', `/products/${id}/discontinue`, {
        token: chanhThu.token,
        body: { reason: 'Hết mùa' },
      });
      expect(stopped.body.status).toBe('discontinued');
      expect(
        (await catalogue.request('POST', `/products/${id}/activate`, { token: chanhThu.token })).body.status,
      ).toBe('active');
      const types = (await catalogue.outbox()).filter((e) => e.subject === id).map((e) => e.type);
      expect(types).toEqual([
        CatalogueEvents.productCreated,
        CatalogueEvents.productActivated,
        CatalogueEvents.productDiscontinued,
        CatalogueEvents.productActivated,
      ]);
      const discontinued = (await catalogue.outbox(CatalogueEvents.productDiscontinued)).find(
        (e) => e.subject === id,
      );
      expect(discontinued?.data).toMatchObject({ reason: 'Hết mùa', product: { status: 'discontinued' } });
    });

    it('lists a producer’s own products, drafts included, page by page', async () => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await catalogue.request('GET', `/products?limit=3${cursor ? `&cursor=${cursor}` : ''}`, {
          token: chanhThu.token,
        });
        expect(page.status).toBe(200);
        ids.push(...page.body.items.map((p: Json) => p.productId));
        cursor = page.body.nextCursor;
      } while (cursor);
      const [row] = await catalogue.dataSource.query(
        `SELECT count(*)::int AS n FROM products WHERE producer_id = $1`,
        [chanhThu.id],
      );
      expect(ids).toHaveLength(row.n);
      expect(new Set(ids).size).toBe(ids.length);
    });
  });
});
