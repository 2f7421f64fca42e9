import { foldVietnamese } from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { CatalogueHarness, Json, startCatalogue } from '../../test/catalogue-harness';
import { gtin, producerInput, productInput } from '../../test/fixtures';
import { adminUnits } from '@ocop/ocop-domain';
import { DEMO_CATALOGUE } from '../demo/demo-catalogue';
import { OcopCertificates } from '../rating-events/ocop-certificates';

describe('public catalogue search (integration)', () => {
  let catalogue: CatalogueHarness;
  let admin: string;
  let item = 0;
  const ids: Record<string, string> = {};
  const producers: Record<string, string> = {};

  const producer = async (
    key: string,
    body: Json,
    status: 'verified' | 'pending' | 'suspended' = 'verified',
  ) => {
    const res = await catalogue.request('POST', '/producers', { token: admin, body });
    if (res.status !== 201) throw new Error(res.text);
    producers[key] = res.body.producerId;
    if (status !== 'pending')
      await catalogue.request('POST', `/producers/${res.body.producerId}/verify`, { token: admin, body: {} });
    if (status === 'suspended') {
      await catalogue.request('POST', `/producers/${res.body.producerId}/suspend`, {
        token: admin,
        body: { reason: 'Thử' },
      });
    }
    return res.body.producerId as string;
  };
  const product = async (
    key: string,
    producerId: string,
    nameVi: string,
    extra: Json = {},
    status: 'active' | 'draft' | 'discontinued' = 'active',
  ) => {
    const res = await catalogue.request('POST', '/products', {
      token: admin,
      body: productInput(producerId, {
        nameVi,
        nameEn: undefined,
        gtins: [gtin('8936047', (item += 1))],
        ...extra,
      }),
    });
    if (res.status !== 201) throw new Error(res.text);
    ids[key] = res.body.productId;
    if (status !== 'draft')
      await catalogue.request('POST', `/products/${res.body.productId}/activate`, { token: admin });
    if (status === 'discontinued')
      await catalogue.request('POST', `/products/${res.body.productId}/discontinue`, {
        token: admin,
        body: {},
      });
  };
  const search = async (query: string) => {
    const res = await catalogue.request('GET', `/catalogue/products?${query}`);
    if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
    return res.body;
  };
  const names = (body: Json): string[] => body.items.map((p: Json) => p.nameVi);

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_search');
    admin = await catalogue.token({ roles: ['admin'] });
    const dongA = await producer(
      'dongA',
      producerInput({
        name: 'Công ty TNHH SX-KD tổng hợp Đông Á',
        tradingName: 'Đông Á',
        address: { unitMap: 'bt-2022', communeCode: '28780' },
      }),
    );
    const quoiSon = await producer(
      'quoiSon',
      producerInput({
        type: 'cooperative',
        name: 'HTX Bưởi da xanh Quới Sơn',
        tradingName: null,
        address: { unitMap: 'bt-2022', communeCode: '28807' },
      }),
    );
    const chanhThu = await producer('chanhThu', producerInput());
    const pending = await producer(
      'pending',
      producerInput({ name: 'Cơ sở kẹo dừa chưa xác minh' }),
      'pending',
    );
    const suspended = await producer(
      'suspended',
      producerInput({ name: 'Cơ sở kẹo dừa tạm ngưng' }),
      'suspended',
    );

    await product('keoDua', dongA, 'Kẹo dừa', { productSet: 7 });
    await product('keoDuaCaCao', dongA, 'Kẹo dừa ca cao', { productSet: 7 });
    await product('keoDuaSauRieng', dongA, 'Kẹo dừa sầu riêng lá dứa', { productSet: 7 });
    await product('banhKeoDua', chanhThu, 'Bánh kẹo dừa', { productSet: 6 });
    await product('keoChuoi', dongA, 'Kẹo chuối', { productSet: 7 });
    await product('buoi', quoiSon, 'Bưởi da xanh Quới Sơn', { productSet: 1 });
    await product('sauRieng', chanhThu, 'Trái sầu riêng cấp đông', { productSet: 1 });
    await product('draft', dongA, 'Kẹo dừa nháp', { productSet: 7 }, 'draft');
    await product('discontinued', dongA, 'Kẹo dừa ngừng bán', { productSet: 7 }, 'discontinued');
    await product('ofPending', pending, 'Kẹo dừa của chủ thể chưa xác minh', { productSet: 7 });
    await product('ofSuspended', suspended, 'Kẹo dừa của chủ thể tạm ngưng', { productSet: 7 });

    // Certificates reach the catalogue only as rating events; apply two the way the consumer does.
    const certificates = catalogue.app.get(OcopCertificates);
    const issue = (productId: string, producerId: string, stars: 3 | 4 | 5) =>
      catalogue.dataSource.transaction((manager) =>
        certificates.apply(manager, 'issued', {
          certificateId: randomUUID(),
          certificateNumber: `${stars}-2024`,
          productId,
          producerId,
          stars,
          issuedAt: '2024-06-01T00:00:00Z',
          expiresAt: '2027-06-01T00:00:00Z',
          decisionRef: '1234/QĐ-UBND',
        }),
      );
    await issue(ids['keoDuaCaCao'], dongA, 5);
    await issue(ids['buoi'], quoiSon, 4);
  });

  afterAll(async () => {
    await catalogue?.close();
  });

  describe('matching', () => {
    it.each(['keo dua', 'KẸO DỪA', 'Kẹo Dừa', 'keo  dua', 'kẹo-dừa'])(
      'finds "Kẹo dừa" for %p, diacritics and case ignored',
      async (q) => {
        const body = await search(`q=${encodeURIComponent(q)}`);
        expect(names(body)[0]).toBe('Kẹo dừa');
      },
    );

    it('ranks the exact name first, then names starting with the query, then other word matches', async () => {
      const body = await search('q=keo+dua');
      expect(names(body)).toEqual(['Kẹo dừa', 'Kẹo dừa ca cao', 'Kẹo dừa sầu riêng lá dứa', 'Bánh kẹo dừa']);
    });

    it('joins GSO spellings: "Qưới Sơn" = "Quới Sơn" = "quoi son"', async () => {
      for (const q of ['Qưới Sơn', 'Quới Sơn', 'quoi son', 'buoi quoi']) {
        expect(names(await search(`q=${encodeURIComponent(q)}`))).toEqual(['Bưởi da xanh Quới Sơn']);
      }
    });

    it('matches word prefixes as people type, and producer names after product names', async () => {
      // "ca" also starts "cây" in Chánh Thu's name ("Trái cây"), so its candy follows, ranked below the name match.
      expect(names(await search('q=keo+du+ca'))).toEqual(['Kẹo dừa ca cao', 'Bánh kẹo dừa']);
      const byProducer = names(await search('q=dong+a'));
      expect(byProducer).toEqual(expect.arrayContaining(['Kẹo dừa', 'Kẹo dừa ca cao', 'Kẹo chuối']));
      expect(byProducer).not.toContain('Bánh kẹo dừa');
    });

    it('falls back to near names only when no product has every word (typos)', async () => {
      const typo = await search('q=keo+dau');
      expect(typo.approximate).toBe(true);
      expect(names(typo)[0]).toBe('Kẹo dừa');
      expect((await search('q=keo+dua')).approximate).toBe(false);
      expect((await search('q=xyzzy')).total).toBe(0);
    });

    it('treats an empty search box as no query', async () => {
      const empty = await search('q=&limit=100');
      expect(empty.total).toBe((await search('limit=100')).total);
    });

    it('shows only active products of verified producers, to anonymous callers', async () => {
      const body = await search('q=keo+dua&limit=100');
      for (const hidden of [
        'Kẹo dừa nháp',
        'Kẹo dừa ngừng bán',
        'Kẹo dừa của chủ thể chưa xác minh',
        'Kẹo dừa của chủ thể tạm ngưng',
      ]) {
        expect(names(body)).not.toContain(hidden);
      }
      for (const key of ['draft', 'discontinued', 'ofPending', 'ofSuspended']) {
        expect((await catalogue.request('GET', `/catalogue/products/${ids[key]}`)).status).toBe(404);
      }
      expect((await catalogue.request('GET', `/catalogue/producers/${producers['pending']}`)).status).toBe(
        404,
      );
    });

    it('follows a producer’s verification and suspension into the search', async () => {
      const productName = 'Kẹo dừa của chủ thể chưa xác minh';
      expect(names(await search('q=chua+xac+minh'))).toEqual([]);
      await catalogue.request('POST', `/producers/${producers['pending']}/verify`, {
        token: admin,
        body: {},
      });
      expect(names(await search('q=chua+xac+minh'))).toEqual([productName]);
      await catalogue.request('POST', `/producers/${producers['pending']}/suspend`, {
        token: admin,
        body: { reason: 'Thử' },
      });
      expect(names(await search('q=chua+xac+minh'))).toEqual([]);
    });

    it('follows a producer’s new name into the search once an officer has verified it (decision 0024)', async () => {
      await catalogue.request('PATCH', `/producers/${producers['chanhThu']}`, {
        token: admin,
        body: { tradingName: 'Trái cây Hòa Nghĩa' },
      });
      expect(names(await search('q=hoa+nghia'))).toEqual([]);
      await catalogue.request('POST', `/producers/${producers['chanhThu']}/verify`, {
        token: admin,
        body: {},
      });
      expect(names(await search('q=hoa+nghia'))).toEqual(
        expect.arrayContaining(['Bánh kẹo dừa', 'Trái sầu riêng cấp đông']),
      );
    });
  });

  describe('filters and facets', () => {
    it('filters by star, group, product set, district, commune under either map, and producer type', async () => {
      expect(names(await search('stars=5'))).toEqual(['Kẹo dừa ca cao']);
      expect(names(await search('q=keo+dua&stars=4'))).toEqual([]);
      expect(names(await search('productSet=6'))).toEqual(['Bánh kẹo dừa']);
      expect(names(await search('group=food&q=buoi'))).toEqual(['Bưởi da xanh Quới Sơn']);
      expect(names(await search('district=832')).sort()).toEqual(['Bánh kẹo dừa', 'Trái sầu riêng cấp đông']);
      expect(names(await search('commune=28882&unitMap=bt-2022')).sort()).toEqual([
        'Bánh kẹo dừa',
        'Trái sầu riêng cấp đông',
      ]);
      // Hòa Nghĩa lies in Xã Chợ Lách (28870) since July 2025; Qưới Sơn in Xã Giao Long (28807).
      expect(names(await search('commune=28870&unitMap=vl-2025-07')).sort()).toEqual([
        'Bánh kẹo dừa',
        'Trái sầu riêng cấp đông',
      ]);
      expect(names(await search('commune=28807'))).toEqual(['Bưởi da xanh Quới Sơn']);
      expect(names(await search('producerType=cooperative'))).toEqual(['Bưởi da xanh Quới Sơn']);
    });

    it('counts the result per star, group, set, district, commune and producer type', async () => {
      const body = await search('q=keo+dua');
      expect(body.total).toBe(4);
      expect(body.facets.stars).toEqual([{ value: 5, count: 1 }]);
      expect(body.facets.group).toEqual([{ value: 'food', count: 4, nameVi: 'Thực phẩm', nameEn: 'Food' }]);
      expect(body.facets.productSet).toEqual([
        expect.objectContaining({ value: 7, count: 3 }),
        expect.objectContaining({ value: 6, count: 1, nameVi: 'Chế biến từ gạo, ngũ cốc' }),
      ]);
      expect(body.facets.district).toEqual([
        { value: '829', count: 3, nameVi: 'Thành phố Bến Tre' },
        { value: '832', count: 1, nameVi: 'Huyện Chợ Lách' },
      ]);
      expect(body.unitMap).toBe('vl-2025-07');
      expect(body.facets.commune).toEqual([
        { value: '28789', count: 3, nameVi: 'Phường Bến Tre' },
        { value: '28870', count: 1, nameVi: 'Xã Chợ Lách' },
      ]);
      const under2022 = await search('q=keo+dua&unitMap=bt-2022');
      expect(under2022.facets.commune[0]).toEqual({ value: '28780', count: 3, nameVi: 'Phường 7' });
      expect(body.facets.producerType).toEqual([
        { value: 'enterprise', count: 4, nameVi: 'Doanh nghiệp', nameEn: 'Enterprise' },
      ]);
    });

    it.each([
      ['stars=6', 'stars'],
      ['stars=abc', 'stars'],
      ['productSet=27', 'productSet'],
      ['district=999', 'district'],
      ['district=28882', 'district'],
      ['commune=99999', 'commune'],
      ['commune=28882&unitMap=vl-2025-07', 'commune'],
      ['group=drinks', 'group'],
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['sort=price', 'sort'],
      [`q=${'a'.repeat(101)}`, 'q'],
    ])('refuses %s with a 400 naming %s', async (query, field) => {
      const res = await catalogue.request('GET', `/catalogue/products?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: Json) => e.field)).toContain(field);
    });
  });

  describe('cursor pagination', () => {
    const walk = async (query: string, limit: number, between?: () => Promise<void>) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const body = await search(
          `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        seen.push(...body.items.map((p: Json) => p.productId));
        cursor = body.nextCursor;
        if (pages++ === 0 && between) await between();
      } while (cursor);
      return seen;
    };

    it('pages through ranked and unranked results without repeats or gaps', async () => {
      const ranked = await search('q=keo+dua&limit=100');
      expect(await walk('q=keo+dua', 1)).toEqual(ranked.items.map((p: Json) => p.productId));
      const all = await search('limit=100');
      expect(await walk('group=food', 2)).toEqual(all.items.map((p: Json) => p.productId));
    });

    it('stays stable when products are added while a client pages', async () => {
      const before = (await search('group=food&limit=100')).items.map((p: Json) => p.productId);
      const seen = await walk('group=food', 2, () =>
        product(`late-${randomUUID()}`, producers['dongA'], 'Bánh phồng sữa', { productSet: 6 }),
      );
      expect(seen.filter((id) => before.includes(id))).toEqual(before);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('refuses a cursor from another kind of query', async () => {
      const { nextCursor } = await search('group=food&limit=1');
      const res = await catalogue.request(
        'GET',
        `/catalogue/products?q=keo&cursor=${encodeURIComponent(nextCursor)}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid-cursor');
    });
  });

  describe('detail pages', () => {
    it('describes a public product with schema.org Product JSON-LD, its OCOP certificate included', async () => {
      const res = await catalogue.request('GET', `/catalogue/products/${ids['keoDuaCaCao']}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        productId: ids['keoDuaCaCao'],
        nameVi: 'Kẹo dừa ca cao',
        ocop: { stars: 5, certificateNumber: '5-2024' },
        producer: {
          producerId: producers['dongA'],
          communeName: 'Phường 7',
          districtName: 'Thành phố Bến Tre',
        },
      });
      expect(res.body.status).toBeUndefined();
      expect(res.body.jsonLd).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'Product',
        name: 'Kẹo dừa ca cao',
        gtin14: expect.stringMatching(/^\d{14}$/),
        category: 'Chế biến từ rau, củ, quả, hạt',
        manufacturer: {
          '@type': 'Organization',
          name: 'Công ty TNHH SX-KD tổng hợp Đông Á',
          address: { addressLocality: 'Phường 7' },
        },
        award: 'Sản phẩm OCOP 5 sao',
        hasCertification: expect.arrayContaining([
          expect.objectContaining({
            '@type': 'Certification',
            certificationRating: expect.objectContaining({ ratingValue: 5 }),
          }),
        ]),
      });
    });

    it('describes a verified producer with schema.org Organization JSON-LD and no personal flags', async () => {
      const res = await catalogue.request('GET', `/catalogue/producers/${producers['quoiSon']}`);
      expect(res.status).toBe(200);
      expect(res.body.products.map((p: Json) => p.nameVi)).toEqual(['Bưởi da xanh Quới Sơn']);
      expect(res.body.jsonLd).toMatchObject({
        '@type': 'Organization',
        name: 'HTX Bưởi da xanh Quới Sơn',
        address: { addressLocality: 'Xã Qưới Sơn' },
      });
      expect(res.text).not.toMatch(/woman|ethnicMinority/);
    });
  });

  it('folds in Postgres exactly as foldVietnamese does, on every unit name and every demo name', async () => {
    const registry = adminUnits();
    const texts = [
      ...registry.units('bt-2022').map((u) => u.name),
      ...registry.units('vl-2025-07').map((u) => u.name),
      ...DEMO_CATALOGUE.flatMap((p) => [p.product.nameVi, p.producer.name]),
      'Phường 08',
      'An Quy',
      'Mĩ Thạnh An',
    ];
    const rows: { folded: string }[] = await catalogue.dataSource.query(
      `SELECT catalogue_fold(t) AS folded FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i) ORDER BY i`,
      [texts],
    );
    expect(rows.map((r) => r.folded)).toEqual(texts.map(foldVietnamese));
  });
});
