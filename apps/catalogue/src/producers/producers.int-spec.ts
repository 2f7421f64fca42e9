import { CatalogueEvents } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { CatalogueHarness, Json, startCatalogue } from '../../test/catalogue-harness';
import { producerInput, uniqueTaxCode } from '../../test/fixtures';
import { IdempotencyService } from '@ocop/service-kit';

describe('producers (integration)', () => {
  let catalogue: CatalogueHarness;
  let admin: string;
  let provinceOfficer: string;
  let choLachOfficer: string;
  let baTriOfficer: string;

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_producers');
    admin = await catalogue.token({ roles: ['admin'] });
    provinceOfficer = await catalogue.token({ roles: ['officer'], scope: { provinceCode: '83' } });
    choLachOfficer = await catalogue.token({
      roles: ['officer'],
      scope: { provinceCode: '83', districtCode: '832' },
    });
    baTriOfficer = await catalogue.token({
      roles: ['officer'],
      scope: { provinceCode: '83', districtCode: '836' },
    });
  });

  afterAll(async () => {
    await catalogue?.close();
  });

  const register = async (body: Json = producerInput(), token = admin) => {
    const res = await catalogue.request('POST', '/producers', { token, body });
    if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${res.text}`);
    return res.body;
  };

  it('registers a producer as pending, filed under both maps, and publishes exactly one registered event', async () => {
    const before = await catalogue.count('outbox');
    const res = await catalogue.request('POST', '/producers', { token: admin, body: producerInput() });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      producerId: expect.any(String),
      status: 'pending',
      type: 'enterprise',
      legalRepresentative: { fullName: 'Trần Văn Thu', woman: false, ethnicMinority: false },
      address: {
        unitMap: 'bt-2022',
        communeCode: '28882',
        communeName: 'Xã Hòa Nghĩa',
        districtName: 'Huyện Chợ Lách',
        places: {
          'bt-2022': { provinceCode: '83', districtCode: '832', communeCode: '28882' },
          'vl-2025-07': { provinceCode: '86', communeCode: '28870' },
        },
      },
    });
    expect(await catalogue.count('outbox')).toBe(before + 1);
    const events = await catalogue.outbox(CatalogueEvents.producerRegistered);
    expect(events.filter((e) => e.subject === res.body.producerId)).toEqual([
      expect.objectContaining({
        subject: res.body.producerId,
        data: expect.objectContaining({
          producer: expect.objectContaining({
            producerId: res.body.producerId,
            taxCode: res.body.taxCode,
            status: 'pending',
          }),
        }),
      }),
    ]);
  });

  it('files a record without a map under the map in force today (2025-07)', async () => {
    const body = await register(producerInput({ address: { communeCode: '28870' } }));
    expect(body.address).toMatchObject({
      unitMap: 'vl-2025-07',
      communeCode: '28870',
      communeName: 'Xã Chợ Lách',
      places: {
        'bt-2022': { provinceCode: '83', districtCode: '832' },
        'vl-2025-07': { communeCode: '28870' },
      },
    });
  });

  describe('refuses bad input with a 400 problem naming the field, and stores nothing', () => {
    const cases: [string, Json, string][] = [
      ['a tax code of 9 digits', { taxCode: '130012345' }, 'taxCode'],
      ['a tax code with letters', { taxCode: '13001234AB' }, 'taxCode'],
      ['an enterprise without a tax code', { taxCode: undefined }, 'taxCode'],
      ['a personal ID number for an enterprise', { taxCode: '083123456789' }, 'taxCode'],
      [
        'an unknown commune code',
        { address: { unitMap: 'bt-2022', communeCode: '99999' } },
        'address.communeCode',
      ],
      [
        'a 2022 commune code under the 2025 map',
        { address: { unitMap: 'vl-2025-07', communeCode: '28882' } },
        'address.communeCode',
      ],
      [
        'a district code as commune',
        { address: { unitMap: 'bt-2022', communeCode: '832' } },
        'address.communeCode',
      ],
      ['an unknown map', { address: { unitMap: 'bt-2019', communeCode: '28882' } }, 'address.unitMap'],
      ['an unknown field', { rating: 5 }, 'rating'],
      ['a status (set by officers only)', { status: 'verified' }, 'status'],
      [
        'an unknown nested field',
        { legalRepresentative: { fullName: 'A', woman: false, ethnicMinority: false, age: 40 } },
        'legalRepresentative.age',
      ],
      ['a name that is a number', { name: 12345 }, 'name'],
      [
        'a flag that is a string',
        { legalRepresentative: { fullName: 'A', woman: 'yes', ethnicMinority: false } },
        'legalRepresentative.woman',
      ],
      ['an address that is a string', { address: 'Chợ Lách' }, 'address'],
      ['a missing legal representative', { legalRepresentative: undefined }, 'legalRepresentative'],
      ['a name over 200 characters', { name: 'K'.repeat(201) }, 'name'],
      ['an empty name', { name: '   ' }, 'name'],
      ['an unknown producer type', { type: 'company' }, 'type'],
      ['a GS1 company prefix with letters', { gs1CompanyPrefix: '893ABC7' }, 'gs1CompanyPrefix'],
      ['a malformed e-mail', { contact: { email: 'chanhthu.vn' } }, 'contact.email'],
    ];

    it.each(cases)('%s', async (_what, change, field) => {
      const before = {
        producers: await catalogue.count('producers'),
        outbox: await catalogue.count('outbox'),
      };
      const res = await catalogue.request('POST', '/producers', {
        token: admin,
        body: producerInput(change),
      });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('validation-failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect({
        producers: await catalogue.count('producers'),
        outbox: await catalogue.count('outbox'),
      }).toEqual(before);
    });

    it('writes messages in Vietnamese first, then English', async () => {
      const res = await catalogue.request('POST', '/producers', {
        token: admin,
        body: producerInput({ taxCode: '12' }),
      });
      expect(res.body.errors[0].message).toMatch(/^mã số thuế .* \/ a tax code /);
    });
  });

  it('accepts a household’s 12-digit personal ID number as its tax code', async () => {
    const body = await register(
      producerInput({ type: 'household', taxCode: '083123456789', gs1CompanyPrefix: undefined }),
    );
    expect(body.taxCode).toBe('083123456789');
  });

  it('refuses a tax code another producer has (409 naming the field), even when sent twice at once', async () => {
    const taxCode = uniqueTaxCode();
    const [a, b] = await Promise.all([
      catalogue.request('POST', '/producers', { token: admin, body: producerInput({ taxCode }) }),
      catalogue.request('POST', '/producers', { token: admin, body: producerInput({ taxCode }) }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const conflict = a.status === 409 ? a : b;
    expect(conflict.body).toMatchObject({ code: 'tax-code-taken', errors: [{ field: 'taxCode' }] });
  });

  describe('Idempotency-Key', () => {
    it('answers a retry with the first answer instead of registering twice', async () => {
      const body = producerInput();
      const key = `reg-${randomUUID()}`;
      const before = await catalogue.count('outbox');
      const first = await catalogue.request('POST', '/producers', {
        token: admin,
        body,
        headers: { 'idempotency-key': key },
      });
      const again = await catalogue.request('POST', '/producers', {
        token: admin,
        body,
        headers: { 'idempotency-key': key },
      });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(await catalogue.count('outbox')).toBe(before + 1);
    });

    it('forgets a key after 24 hours', async () => {
      const key = `reg-${randomUUID()}`;
      await catalogue.request('POST', '/producers', {
        token: admin,
        body: producerInput(),
        headers: { 'idempotency-key': key },
      });
      await catalogue.dataSource.query(
        `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`,
        [key],
      );
      const reused = await catalogue.request('POST', '/producers', {
        token: admin,
        body: producerInput(),
        headers: { 'idempotency-key': key },
      });
      expect(reused.status).toBe(201);
      expect(reused.headers['idempotent-replayed']).toBeUndefined();
      await catalogue.dataSource.query(
        `UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE key = $1`,
        [key],
      );
      expect(await catalogue.app.get(IdempotencyService).purgeExpired()).toBeGreaterThanOrEqual(1);
      const [row] = await catalogue.dataSource.query(
        `SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`,
        [key],
      );
      expect(row.n).toBe(0);
    });

    it('keeps keys per actor, refuses a key reused for another body, and names a malformed key', async () => {
      const key = `reg-${randomUUID()}`;
      await catalogue.request('POST', '/producers', {
        token: admin,
        body: producerInput(),
        headers: { 'idempotency-key': key },
      });
      const otherBody = await catalogue.request('POST', '/producers', {
        token: admin,
        body: producerInput(),
        headers: { 'idempotency-key': key },
      });
      expect(otherBody.status).toBe(422);
      expect(otherBody.body.code).toBe('idempotency-key-reused');
      const otherActor = await catalogue.request('POST', '/producers', {
        token: await catalogue.token({ roles: ['admin'] }),
        body: producerInput(),
        headers: { 'idempotency-key': key },
      });
      expect(otherActor.status).toBe(201);
      const bad = await catalogue.request('POST', '/producers', {
        token: admin,
        body: producerInput(),
        headers: { 'idempotency-key': 'has space' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    });
  });

  describe('who may register', () => {
    it('lets a producer account register itself, under the producer id identity gave it, once', async () => {
      const producerId = randomUUID();
      const token = await catalogue.token({ roles: ['producer'], producerId });
      const body = await register(producerInput({ type: 'household', taxCode: undefined }), token);
      expect(body.producerId).toBe(producerId);
      const again = await catalogue.request('POST', '/producers', {
        token,
        body: producerInput({ type: 'household', taxCode: undefined }),
      });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('producer-exists');
    });

    it('lets officers register in their territory only', async () => {
      expect(
        (await catalogue.request('POST', '/producers', { token: choLachOfficer, body: producerInput() }))
          .status,
      ).toBe(201);
      const before = await catalogue.count('producers');
      const outside = await catalogue.request('POST', '/producers', {
        token: baTriOfficer,
        body: producerInput(),
      });
      expect(outside.status).toBe(400);
      expect(outside.body.errors).toEqual([expect.objectContaining({ field: 'address.communeCode' })]);
      expect(await catalogue.count('producers')).toBe(before);
    });

    it('refuses anonymous callers (401) and roles without the right (403)', async () => {
      expect((await catalogue.request('POST', '/producers', { body: producerInput() })).status).toBe(401);
      const retailer = await catalogue.token({ roles: ['retailer'] });
      expect(
        (await catalogue.request('POST', '/producers', { token: retailer, body: producerInput() })).status,
      ).toBe(403);
    });
  });

  describe('reading', () => {
    let ownId: string;
    let ownToken: string;

    beforeAll(async () => {
      ownId = randomUUID();
      ownToken = await catalogue.token({ roles: ['producer'], producerId: ownId });
      await register(
        producerInput({
          type: 'cooperative',
          name: 'HTX Bưởi da xanh Quới Sơn',
          address: { unitMap: 'bt-2022', communeCode: '28807' },
        }),
        ownToken,
      );
    });

    it('shows a producer to itself, to officers of its territory and to admins; 404 to everyone else', async () => {
      expect((await catalogue.request('GET', `/producers/${ownId}`, { token: ownToken })).status).toBe(200);
      expect((await catalogue.request('GET', `/producers/${ownId}`, { token: admin })).status).toBe(200);
      expect((await catalogue.request('GET', `/producers/${ownId}`, { token: provinceOfficer })).status).toBe(
        200,
      );
      const stranger = await catalogue.token({ roles: ['producer'], producerId: randomUUID() });
      expect((await catalogue.request('GET', `/producers/${ownId}`, { token: stranger })).status).toBe(404);
      expect((await catalogue.request('GET', `/producers/${ownId}`, { token: choLachOfficer })).status).toBe(
        404,
      );
      expect((await catalogue.request('GET', `/producers/${ownId}`)).status).toBe(401);
    });

    it('names a malformed id (400) and answers an unknown one with 404', async () => {
      const bad = await catalogue.request('GET', '/producers/not-a-uuid', { token: admin });
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'producerId' })]);
      expect((await catalogue.request('GET', `/producers/${randomUUID()}`, { token: admin })).status).toBe(
        404,
      );
    });

    it('lists what each actor may see, in name order, page by page with a cursor', async () => {
      const own = await catalogue.request('GET', '/producers', { token: ownToken });
      expect(own.body.items.map((p: Json) => p.producerId)).toEqual([ownId]);

      const district = await catalogue.request('GET', '/producers?limit=100', { token: choLachOfficer });
      expect(district.body.items.length).toBeGreaterThan(0);
      expect(district.body.items.every((p: Json) => p.address.places['bt-2022'].districtCode === '832')).toBe(
        true,
      );

      const all: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await catalogue.request(
          'GET',
          `/producers?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
          { token: admin },
        );
        expect(page.status).toBe(200);
        all.push(...page.body.items.map((p: Json) => p.producerId));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(new Set(all).size).toBe(all.length);
      expect(all.length).toBe(await catalogue.count('producers'));
    });

    it('finds producers by name without diacritics and validates list parameters', async () => {
      const found = await catalogue.request(
        'GET',
        `/producers?q=${encodeURIComponent('buoi da xanh quoi son')}`,
        { token: admin },
      );
      expect(found.body.items.map((p: Json) => p.producerId)).toEqual([ownId]);
      const tooMany = await catalogue.request('GET', '/producers?limit=101', { token: admin });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
      const badCursor = await catalogue.request('GET', '/producers?cursor=abc', { token: admin });
      expect(badCursor.status).toBe(400);
      expect(badCursor.body.code).toBe('invalid-cursor');
      // Cursors of the right kind with contents PostgreSQL would refuse: a 400, never a 500.
      const cursor = (...key: unknown[]) =>
        Buffer.from(JSON.stringify(['producers', ...key])).toString('base64url');
      for (const bad of [
        cursor('a', 'not-a-uuid'),
        cursor('a\u0000', '0b5c9e9e-6a43-4f3e-9a51-3c4f2f8d1e01'),
        cursor(1, '0b5c9e9e-6a43-4f3e-9a51-3c4f2f8d1e01'),
      ]) {
        const res = await catalogue.request('GET', `/producers?cursor=${bad}`, { token: admin });
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'invalid-cursor' });
      }
    });

    it('lists an officer’s queue longest waiting first: since registration, or since the identity change', async () => {
      const tag = randomUUID().slice(0, 8);
      const ownedBy = async (name: string) => {
        const producerId = randomUUID();
        const token = await catalogue.token({ roles: ['producer'], producerId });
        await register(producerInput({ name: `${name} ${tag}` }), token);
        return { producerId, token };
      };
      // Registered first, verified, then changes its name: it waits from the change, so it comes last.
      const changed = await ownedBy('Công ty Bánh phồng Cái Mơn');
      expect(
        (
          await catalogue.request('POST', `/producers/${changed.producerId}/verify`, {
            token: admin,
            body: {},
          })
        ).status,
      ).toBe(200);
      const first = await ownedBy('Hợp tác xã Zừa sáp');
      const second = await ownedBy('Cơ sở Kẹo dừa An');
      const renamed = await catalogue.request('PATCH', `/producers/${changed.producerId}`, {
        token: changed.token,
        body: { name: `Công ty Bánh phồng Sơn Đốc ${tag}` },
      });
      expect(renamed.body.status).toBe('pending-reverification');

      const queue = async (query: string) => {
        const ids: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await catalogue.request(
            'GET',
            `/producers?sort=waiting&limit=1&q=${tag}${query}${cursor ? `&cursor=${cursor}` : ''}`,
            { token: choLachOfficer },
          );
          expect(page.status).toBe(200);
          ids.push(...page.body.items.map((p: Json) => p.producerId));
          cursor = page.body.nextCursor;
        } while (cursor);
        return ids;
      };
      // By name it would be second, changed, first.
      expect(await queue('&status=pending')).toEqual([first.producerId, second.producerId]);
      expect(await queue('')).toEqual([first.producerId, second.producerId, changed.producerId]);

      const badSort = await catalogue.request('GET', '/producers?sort=oldest', { token: admin });
      expect(badSort.status).toBe(400);
      expect(badSort.body.errors).toEqual([expect.objectContaining({ field: 'sort' })]);
      // A cursor of the name order does not page the waiting order.
      const byName = await catalogue.request('GET', `/producers?limit=1&q=${tag}`, { token: admin });
      const mixed = await catalogue.request(
        'GET',
        `/producers?sort=waiting&cursor=${byName.body.nextCursor}`,
        { token: admin },
      );
      expect(mixed.body.code).toBe('invalid-cursor');
    });
  });

  describe('editing', () => {
    it('lets the producer edit itself: one updated event naming what changed; no event when nothing changed', async () => {
      const producerId = randomUUID();
      const token = await catalogue.token({ roles: ['producer'], producerId });
      await register(producerInput(), token);
      const before = await catalogue.count('outbox');
      const res = await catalogue.request('PATCH', `/producers/${producerId}`, {
        token,
        body: { contact: { phone: '0912 345 678' } },
      });
      expect(res.status).toBe(200);
      expect(res.body.contact).toEqual({ phone: '0912 345 678' });
      const noop = await catalogue.request('PATCH', `/producers/${producerId}`, {
        token,
        body: { contact: { phone: '0912 345 678' } },
      });
      expect(noop.status).toBe(200);
      expect(await catalogue.count('outbox')).toBe(before + 1);
      const [event] = (await catalogue.outbox(CatalogueEvents.producerUpdated)).filter(
        (e) => e.subject === producerId,
      );
      expect(event.data).toMatchObject({
        changed: ['contact'],
        producer: { contact: { phone: '0912 345 678' } },
      });
    });

    it('checks the whole record after a PATCH, so a required field cannot be cleared', async () => {
      const body = await register();
      const res = await catalogue.request('PATCH', `/producers/${body.producerId}`, {
        token: admin,
        body: { taxCode: null },
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'taxCode' })]);
      const after = await catalogue.request('GET', `/producers/${body.producerId}`, { token: admin });
      expect(after.body.taxCode).toBe(body.taxCode);
    });

    it('keeps a producer account off other producers (404) and off its own status (400 unknown field)', async () => {
      const other = await register();
      const token = await catalogue.token({ roles: ['producer'], producerId: randomUUID() });
      expect(
        (
          await catalogue.request('PATCH', `/producers/${other.producerId}`, {
            token,
            body: { name: 'Tên mới' },
          })
        ).status,
      ).toBe(404);
      const own = await catalogue.request('PATCH', `/producers/${other.producerId}`, {
        token: admin,
        body: { status: 'verified' },
      });
      expect(own.status).toBe(400);
      expect(own.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
    });
  });

  describe('verification and suspension', () => {
    it('lets an officer of the territory verify, with exactly one verified event', async () => {
      const { producerId } = await register();
      const before = await catalogue.count('outbox');
      const res = await catalogue.request('POST', `/producers/${producerId}/verify`, {
        token: choLachOfficer,
        body: { note: 'Đã kiểm tra GCN ĐKDN' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'verified', statusReason: 'Đã kiểm tra GCN ĐKDN' });
      expect(await catalogue.count('outbox')).toBe(before + 1);
      const events = (await catalogue.outbox(CatalogueEvents.producerVerified)).filter(
        (e) => e.subject === producerId,
      );
      expect(events).toHaveLength(1);
      expect(events[0].data.producer.status).toBe('verified');
    });

    it('accepts an officer whose scope is written in the 2025 map', async () => {
      const { producerId } = await register();
      const choLach2025 = await catalogue.token({
        roles: ['officer'],
        scope: { provinceCode: '86', communeCode: '28870' },
      });
      expect(
        (await catalogue.request('POST', `/producers/${producerId}/verify`, { token: choLach2025, body: {} }))
          .status,
      ).toBe(200);
    });

    it('keeps officers to their territory: 404 for an unseen pending producer, 403 for a public one', async () => {
      const { producerId } = await register();
      const before = await catalogue.count('outbox');
      expect(
        (
          await catalogue.request('POST', `/producers/${producerId}/verify`, {
            token: baTriOfficer,
            body: {},
          })
        ).status,
      ).toBe(404);
      await catalogue.request('POST', `/producers/${producerId}/verify`, { token: admin, body: {} });
      const suspend = await catalogue.request('POST', `/producers/${producerId}/suspend`, {
        token: baTriOfficer,
        body: { reason: 'Thử' },
      });
      expect(suspend.status).toBe(403);
      expect(await catalogue.count('outbox')).toBe(before + 1);
    });

    it('never lets a producer account verify itself', async () => {
      const producerId = randomUUID();
      const token = await catalogue.token({ roles: ['producer'], producerId });
      await register(producerInput(), token);
      expect(
        (await catalogue.request('POST', `/producers/${producerId}/verify`, { token, body: {} })).status,
      ).toBe(403);
    });

    it('needs a commune before verifying, and refuses to verify twice', async () => {
      const noCommune = await register(producerInput({ address: { street: 'Chưa rõ' } }));
      const res = await catalogue.request('POST', `/producers/${noCommune.producerId}/verify`, {
        token: admin,
        body: {},
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'producer-address-incomplete',
        errors: [{ field: 'address.communeCode' }],
      });

      const { producerId } = await register();
      await catalogue.request('POST', `/producers/${producerId}/verify`, { token: admin, body: {} });
      const twice = await catalogue.request('POST', `/producers/${producerId}/verify`, {
        token: admin,
        body: {},
      });
      expect(twice.status).toBe(409);
      expect(twice.body.code).toBe('invalid-status-transition');
    });

    it('suspends with a reason (one suspended event) and lets an admin act anywhere', async () => {
      const { producerId } = await register();
      const missingReason = await catalogue.request('POST', `/producers/${producerId}/suspend`, {
        token: admin,
        body: {},
      });
      expect(missingReason.status).toBe(400);
      expect(missingReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      const res = await catalogue.request('POST', `/producers/${producerId}/suspend`, {
        token: admin,
        body: { reason: 'Giấy phép hết hạn' },
      });
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('suspended');
      const events = (await catalogue.outbox(CatalogueEvents.producerSuspended)).filter(
        (e) => e.subject === producerId,
      );
      expect(events).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ reason: 'Giấy phép hết hạn' }) }),
      ]);
    });
  });
});
