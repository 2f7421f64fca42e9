import { CatalogueEvents } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { CatalogueHarness, Json, startCatalogue } from '../../test/catalogue-harness';
import { gtin, producerInput, productInput, uniqueTaxCode } from '../../test/fixtures';

/**
 * Decision 0024: a verified producer that changes who it is (names, type, tax code, legal representative,
 * address) goes back to officer review, and until an officer of its territory accepts the change the public keeps
 * seeing the verified identity.
 */
describe('producer identity changes while verified (integration)', () => {
  let catalogue: CatalogueHarness;
  let admin: string;
  let choLachOfficer: string;
  let baTriOfficer: string;
  let item = 0;

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_reverify');
    admin = await catalogue.token({ roles: ['admin'] });
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

  /** A producer account's own producer in Chợ Lách, verified by the district's officer, with one public product. */
  const verifiedProducer = async (overrides: Json = {}) => {
    const producerId = randomUUID();
    const token = await catalogue.token({ roles: ['producer'], producerId });
    const name = `Công ty TNHH Trái cây ${randomUUID().slice(0, 8)}`;
    const registered = await catalogue.request('POST', '/producers', {
      token,
      body: producerInput({ name, ...overrides }),
    });
    if (registered.status !== 201) throw new Error(registered.text);
    const verified = await catalogue.request('POST', `/producers/${producerId}/verify`, {
      token: choLachOfficer,
      body: {},
    });
    if (verified.status !== 200) throw new Error(verified.text);
    const product = await catalogue.request('POST', '/products', {
      token,
      body: productInput(producerId, { gtins: [gtin('8936047', (item += 1))] }),
    });
    if (product.status !== 201) throw new Error(product.text);
    await catalogue.request('POST', `/products/${product.body.productId}/activate`, { token });
    return { producerId, token, name, record: verified.body, productId: product.body.productId as string };
  };

  const patch = (producerId: string, token: string, body: Json) =>
    catalogue.request('PATCH', `/producers/${producerId}`, { token, body });

  const lastEvent = async (type: string, producerId: string) =>
    (await catalogue.outbox(type)).filter((e) => e.subject === producerId).pop();

  describe('each identity field sends the producer back to review, with the verified values kept', () => {
    const changes: [string, (record: Json) => Json][] = [
      ['name', () => ({ name: 'Công ty TNHH SX-KD tổng hợp Đông Á' })],
      ['tradingName', () => ({ tradingName: 'Đông Á' })],
      ['nameEn', () => ({ nameEn: 'Dong A General Production Trading Co., Ltd' })],
      ['type', () => ({ type: 'cooperative' })],
      ['taxCode', () => ({ taxCode: uniqueTaxCode() })],
      [
        'legalRepresentative',
        (r) => ({ legalRepresentative: { ...r.legalRepresentative, fullName: 'Nguyễn Thị Khác' } }),
      ],
      ['address', () => ({ address: { street: 'Ấp Phú Hòa', unitMap: 'bt-2022', communeCode: '28882' } })],
      // Moving out of the district: still reviewed by the officers of the verified address.
      ['address', () => ({ address: { unitMap: 'bt-2022', communeCode: '29113' } })],
    ];
    it.each(changes)('%s', async (field, change) => {
      const { producerId, token, record } = await verifiedProducer();
      const asked = change(record);
      const res = await patch(producerId, token, asked);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('pending-reverification');
      // The record still answers with the verified identity; the asked-for one waits beside it.
      expect(res.body[field]).toEqual(record[field]);
      expect(res.body.pendingChange).toMatchObject({ changed: [field], requestedAt: expect.any(String) });
      if (field === 'address') {
        expect(res.body.pendingChange.address).toMatchObject({
          communeCode: asked.address.communeCode,
          communeName: expect.any(String),
        });
      } else {
        expect(res.body.pendingChange[field]).toEqual(asked[field]);
      }

      const event = await lastEvent(CatalogueEvents.producerUpdated, producerId);
      expect(event?.data.changed).toEqual([field]);
      expect(event?.data.producer).toMatchObject({
        status: 'pending-reverification',
        pendingChange: { changed: [field] },
      });
      // Events carry codes, not the names the API adds to an address.
      const { communeName: _commune, districtName: _district, ...addressCodes } = record.address;
      expect(event?.data.producer[field]).toEqual(field === 'address' ? addressCodes : record[field]);

      const officer = await catalogue.request('GET', `/producers/${producerId}`, { token: choLachOfficer });
      expect(officer.body.status).toBe('pending-reverification');
      expect(officer.body[field]).toEqual(record[field]);
      const queue = await catalogue.request('GET', '/producers?status=pending-reverification&limit=100', {
        token: choLachOfficer,
      });
      expect(queue.body.items.map((p: Json) => p.producerId)).toContain(producerId);
    });
  });

  it('changes contact details and the GS1 prefix at once, and the producer stays verified', async () => {
    const { producerId, token } = await verifiedProducer();
    const res = await patch(producerId, token, {
      contact: { phone: '0912 345 678', website: 'https://traicay.example.vn' },
      gs1CompanyPrefix: '8930001',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'verified',
      contact: { phone: '0912 345 678', website: 'https://traicay.example.vn' },
      gs1CompanyPrefix: '8930001',
    });
    expect(res.body.pendingChange).toBeUndefined();
    const event = await lastEvent(CatalogueEvents.producerUpdated, producerId);
    expect(event?.data.producer.status).toBe('verified');
    expect(event?.data.producer.pendingChange).toBeUndefined();
  });

  it('applies other fields of a mixed edit at once and holds only the identity ones back', async () => {
    const { producerId, token, name } = await verifiedProducer();
    const res = await patch(producerId, token, {
      name: 'Tên khác hẳn',
      contact: { phone: '0912 000 111' },
    });
    expect(res.body).toMatchObject({
      status: 'pending-reverification',
      name,
      contact: { phone: '0912 000 111' },
      pendingChange: { name: 'Tên khác hẳn', changed: ['name'] },
    });
    // A second edit builds on the first request: both wait together.
    const again = await patch(producerId, token, { tradingName: 'Thương hiệu mới' });
    expect(again.body.pendingChange).toMatchObject({
      name: 'Tên khác hẳn',
      tradingName: 'Thương hiệu mới',
      changed: ['name', 'tradingName'],
    });
    expect(again.body.name).toBe(name);
  });

  it('keeps showing the verified identity on the public search, product and producer pages until re-verified', async () => {
    const { producerId, token, name, productId } = await verifiedProducer();
    const choLach = async () =>
      (
        await catalogue.request('GET', '/reports/units?unitMap=bt-2022&level=district', {
          token: choLachOfficer,
        })
      ).body.units.find((u: Json) => u.code === '832');
    const counted = await choLach();
    const borrowed = 'Công ty TNHH SX-KD tổng hợp Đông Á';
    await patch(producerId, token, {
      name: borrowed,
      tradingName: 'Đông Á',
      address: { unitMap: 'bt-2022', communeCode: '29113' },
    });

    const page = await catalogue.request('GET', `/catalogue/producers/${producerId}`);
    expect(page.status).toBe(200);
    expect(page.body.producer).toMatchObject({
      name,
      tradingName: 'Chánh Thu',
      districtName: 'Huyện Chợ Lách',
    });
    expect(page.body.jsonLd.name).toBe(name);
    const detail = await catalogue.request('GET', `/catalogue/products/${productId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.producer).toMatchObject({ name, districtName: 'Huyện Chợ Lách' });
    const byProducer = await catalogue.request('GET', `/catalogue/products?producerId=${producerId}`);
    expect(byProducer.body.items).toEqual([
      expect.objectContaining({ productId, producer: expect.objectContaining({ name }) }),
    ]);
    // Neither the borrowed name nor the asked-for district finds it.
    const byBorrowedName = await catalogue.request(
      'GET',
      `/catalogue/products?q=${encodeURIComponent('tổng hợp Đông Á')}&producerId=${producerId}`,
    );
    expect(byBorrowedName.body.items).toEqual([]);
    const inNewDistrict = await catalogue.request(
      'GET',
      `/catalogue/products?district=836&producerId=${producerId}`,
    );
    expect(inNewDistrict.body.items).toEqual([]);
    // The officers' report still counts it where it is verified, as verified.
    expect(await choLach()).toMatchObject({
      producers: counted.producers,
      verifiedProducers: counted.verifiedProducers,
      activeProducts: counted.activeProducts,
    });
  });

  it('publishes the new identity when an officer of its territory re-verifies it', async () => {
    const { producerId, token, productId } = await verifiedProducer();
    await patch(producerId, token, { name: 'Hợp tác xã Trái cây Hòa Nghĩa', type: 'cooperative' });
    const res = await catalogue.request('POST', `/producers/${producerId}/verify`, {
      token: choLachOfficer,
      body: { note: 'Đã kiểm tra GCN đăng ký HTX mới' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'verified',
      name: 'Hợp tác xã Trái cây Hòa Nghĩa',
      type: 'cooperative',
    });
    expect(res.body.pendingChange).toBeUndefined();
    const event = await lastEvent(CatalogueEvents.producerVerified, producerId);
    expect(event?.data.producer).toMatchObject({
      status: 'verified',
      name: 'Hợp tác xã Trái cây Hòa Nghĩa',
      type: 'cooperative',
    });
    expect(event?.data.producer.pendingChange).toBeUndefined();
    const detail = await catalogue.request('GET', `/catalogue/products/${productId}`);
    expect(detail.body.producer).toMatchObject({
      name: 'Hợp tác xã Trái cây Hòa Nghĩa',
      type: 'cooperative',
    });
    const found = await catalogue.request(
      'GET',
      `/catalogue/products?q=${encodeURIComponent('hop tac xa hoa nghia')}&producerId=${producerId}`,
    );
    expect(found.body.items.map((p: Json) => p.productId)).toEqual([productId]);

    // Re-verified, it is verified again: a later change goes to review as before.
    const later = await patch(producerId, token, { name: 'Tên sau' });
    expect(later.body).toMatchObject({
      status: 'pending-reverification',
      name: 'Hợp tác xã Trái cây Hòa Nghĩa',
    });
  });

  it('leaves the review to officers of its territory: not another district, not the producer itself', async () => {
    const { producerId, token, name } = await verifiedProducer();
    await patch(producerId, token, { name: 'Tên mượn' });
    const before = await catalogue.count('outbox');
    for (const who of [baTriOfficer, token]) {
      const verify = await catalogue.request('POST', `/producers/${producerId}/verify`, {
        token: who,
        body: {},
      });
      expect(verify.status).toBe(403);
      expect(verify.headers['content-type']).toContain('application/problem+json');
      const reject = await catalogue.request('POST', `/producers/${producerId}/reject-change`, {
        token: who,
        body: { reason: 'Thử' },
      });
      expect(reject.status).toBe(403);
    }
    expect(await catalogue.count('outbox')).toBe(before);
    const still = await catalogue.request('GET', `/producers/${producerId}`, { token: admin });
    expect(still.body).toMatchObject({
      status: 'pending-reverification',
      name,
      pendingChange: { name: 'Tên mượn' },
    });
  });

  it('lets an officer reject the change: the verified identity stays, with one change-rejected event', async () => {
    const { producerId, token, name } = await verifiedProducer();
    await patch(producerId, token, { name: 'Tên mượn' });
    const missingReason = await catalogue.request('POST', `/producers/${producerId}/reject-change`, {
      token: choLachOfficer,
      body: {},
    });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const res = await catalogue.request('POST', `/producers/${producerId}/reject-change`, {
      token: choLachOfficer,
      body: { reason: 'Tên trùng với chủ thể khác' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'verified', name, statusReason: 'Tên trùng với chủ thể khác' });
    expect(res.body.pendingChange).toBeUndefined();
    const events = (await catalogue.outbox(CatalogueEvents.producerChangeRejected)).filter(
      (e) => e.subject === producerId,
    );
    expect(events).toEqual([
      expect.objectContaining({
        data: expect.objectContaining({
          reason: 'Tên trùng với chủ thể khác',
          rejected: expect.objectContaining({ name: 'Tên mượn', changed: ['name'] }),
          producer: expect.objectContaining({ name, status: 'verified' }),
        }),
      }),
    ]);
    const nothingLeft = await catalogue.request('POST', `/producers/${producerId}/reject-change`, {
      token: choLachOfficer,
      body: { reason: 'Lần nữa' },
    });
    expect(nothingLeft.status).toBe(409);
    expect(nothingLeft.body.code).toBe('no-identity-change');
  });

  it('drops the request when the producer asks back for its verified identity', async () => {
    const { producerId, token, name } = await verifiedProducer();
    await patch(producerId, token, { name: 'Tên tạm' });
    const back = await patch(producerId, token, { name });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: 'verified', name });
    expect(back.body.pendingChange).toBeUndefined();
  });

  it("refuses to ask for another producer's tax code, or for one another producer has asked for", async () => {
    const owner = await verifiedProducer();
    const { producerId, token } = await verifiedProducer();
    const taken = await patch(producerId, token, { taxCode: owner.record.taxCode });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('tax-code-taken');

    const wanted = uniqueTaxCode();
    expect((await patch(owner.producerId, owner.token, { taxCode: wanted })).status).toBe(200);
    const second = await patch(producerId, token, { taxCode: wanted });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe('tax-code-taken');
    const unchanged = await catalogue.request('GET', `/producers/${producerId}`, { token });
    expect(unchanged.body.status).toBe('verified');
  });

  it('keeps a change waiting through a suspension, and verifying the producer again accepts it', async () => {
    const { producerId, token, name } = await verifiedProducer();
    await patch(producerId, token, { name: 'Tên chờ' });
    const suspended = await catalogue.request('POST', `/producers/${producerId}/suspend`, {
      token: choLachOfficer,
      body: { reason: 'Kiểm tra hồ sơ' },
    });
    expect(suspended.body).toMatchObject({ status: 'suspended', name, pendingChange: { name: 'Tên chờ' } });
    // Suspended, its identity still changes only through review.
    const edited = await patch(producerId, token, { tradingName: 'Thương hiệu chờ' });
    expect(edited.body).toMatchObject({
      status: 'suspended',
      name,
      pendingChange: { name: 'Tên chờ', tradingName: 'Thương hiệu chờ' },
    });
    const verified = await catalogue.request('POST', `/producers/${producerId}/verify`, {
      token: choLachOfficer,
      body: {},
    });
    expect(verified.body).toMatchObject({
      status: 'verified',
      name: 'Tên chờ',
      tradingName: 'Thương hiệu chờ',
    });
  });

  it('refuses an address without a commune once verified (400 on the field), since no officer could accept it', async () => {
    const { producerId, token } = await verifiedProducer();
    const res = await patch(producerId, token, { address: { street: 'Không rõ xã' } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'address.communeCode' })]);
    const record = await catalogue.request('GET', `/producers/${producerId}`, { token });
    expect(record.body.status).toBe('verified');
    expect(record.body.pendingChange).toBeUndefined();
  });

  it('lets a producer never verified edit its identity directly', async () => {
    const producerId = randomUUID();
    const token = await catalogue.token({ roles: ['producer'], producerId });
    await catalogue.request('POST', '/producers', { token, body: producerInput() });
    const res = await patch(producerId, token, { name: 'Tên đúng' });
    expect(res.body).toMatchObject({ status: 'pending', name: 'Tên đúng' });
    expect(res.body.pendingChange).toBeUndefined();
  });
});
