import { randomUUID } from 'node:crypto';
import { growingAreaInput } from '../../test/fixtures';
import { Json, startTraceability, TraceabilityHarness } from '../../test/traceability-harness';
import { MAX_SITE_DOCUMENTS } from './registered-sites';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(32, 7),
]);

/**
 * Issue 18: an officer issues a growing-area or packing-house code with the request's documents before them (the
 * land-use certificate, the sketch). The owner files them until the code is issued; officers of the place read.
 */
describe('documents of growing-area and packing-house requests (integration)', () => {
  let t: TraceabilityHarness;
  const owner = randomUUID();
  let ownerToken: string;
  let otherProducer: string;
  let choLachOfficer: string;
  let baTriOfficer: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTraceability('trace_site_docs', { DOCUMENT_MAX_BYTES: String(64 * 1024) });
    ownerToken = await t.token({ roles: ['producer'], producerId: owner });
    otherProducer = await t.token({ roles: ['producer'], producerId: randomUUID() });
    choLachOfficer = await t.token({
      roles: ['officer'],
      scope: { provinceCode: '83', districtCode: '832' },
    });
    baTriOfficer = await t.token({ roles: ['officer'], scope: { provinceCode: '83', districtCode: '836' } });
    admin = await t.token({ roles: ['admin'] });
  });

  afterAll(async () => {
    await t?.close();
  });

  const upload = async (
    path: string,
    token: string,
    payload: Buffer | string,
    contentType: string,
    name = '',
  ) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${path}/documents${name ? `?fileName=${encodeURIComponent(name)}` : ''}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      payload,
    });
    return { status: res.statusCode, body: res.body ? (res.json() as Json) : undefined };
  };

  const growingArea = async () => {
    const res = await t.request('POST', '/growing-areas', { token: ownerToken, body: growingAreaInput() });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return `/growing-areas/${res.body.growingAreaId}`;
  };

  const packingHouse = async () => {
    const res = await t.request('POST', '/packing-houses', {
      token: ownerToken,
      body: {
        name: 'Cơ sở đóng gói bưởi Vĩnh Thành',
        place: { provinceCode: '83', districtCode: '832', communeCode: '28882' },
        products: ['Bưởi da xanh'],
      },
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return `/packing-houses/${res.body.packingHouseId}`;
  };

  it.each([
    ['growing area', growingArea],
    ['packing house', packingHouse],
  ])(
    'a %s: the owner files, the officer of the place reads the same bytes and issues',
    async (_kind, site) => {
      const path = await site();
      const filed = await upload(path, ownerToken, PDF, 'application/pdf', 'Giấy chứng nhận QSDĐ.pdf');
      expect(filed.status).toBe(201);
      expect(filed.body).toMatchObject({ fileName: 'Giấy chứng nhận QSDĐ.pdf', sizeBytes: PDF.length });
      expect((await upload(path, ownerToken, PNG, 'image/png', 'so-do.png')).status).toBe(201);

      const listed = await t.request('GET', `${path}/documents`, { token: choLachOfficer });
      expect(listed.body.map((d: Json) => d.fileName)).toEqual(['Giấy chứng nhận QSDĐ.pdf', 'so-do.png']);
      const download = await t.request('GET', `${path}/documents/${filed.body.documentId}`, {
        token: choLachOfficer,
      });
      expect(download.status).toBe(200);
      expect(download.raw.equals(PDF)).toBe(true);
      expect(download.headers['content-disposition']).toMatch(
        /^attachment; filename="Giay chung nhan QSDD.pdf"/,
      );
      expect((await t.request('GET', `${path}/documents`, { token: admin })).body).toHaveLength(2);

      const issued = await t.request('POST', `${path}/issue`, { token: choLachOfficer, body: {} });
      expect(issued.status).toBe(200);
      // Once the code is issued the request's papers are what it was issued on: they stay, and stay as they were.
      const late = await upload(path, ownerToken, PDF, 'application/pdf', 'muon.pdf');
      expect(late.status).toBe(409);
      expect(late.body.code).toBe('site-not-amendable');
      const removal = await t.request('DELETE', `${path}/documents/${filed.body.documentId}`, {
        token: ownerToken,
      });
      expect(removal.status).toBe(409);
      expect((await t.request('GET', `${path}/documents`, { token: ownerToken })).body).toHaveLength(2);
    },
  );

  it('nobody else reads or files: another producer, an officer of another district', async () => {
    const path = await growingArea();
    const filed = await upload(path, ownerToken, PDF, 'application/pdf', 'qsdd.pdf');
    for (const token of [otherProducer, baTriOfficer]) {
      expect((await t.request('GET', `${path}/documents`, { token })).status).toBe(404);
      expect((await t.request('GET', `${path}/documents/${filed.body.documentId}`, { token })).status).toBe(
        404,
      );
      expect(
        (await t.request('DELETE', `${path}/documents/${filed.body.documentId}`, { token })).status,
      ).toBe(token === otherProducer ? 404 : 403);
    }
    expect((await upload(path, otherProducer, PDF, 'application/pdf')).status).toBe(404);
    // Officers review; they do not file on the producer's behalf.
    expect((await upload(path, choLachOfficer, PDF, 'application/pdf')).status).toBe(403);
    expect((await t.request('GET', `${path}/documents`)).status).toBe(401);
    expect((await t.request('GET', `${path}/documents`, { token: ownerToken })).body).toHaveLength(1);
  });

  it('refuses a disguised file, an oversized one and one past the limit; the owner removes one', async () => {
    const path = await packingHouse();
    const fake = await upload(path, ownerToken, '<html><script>x</script></html>', 'image/png', 'anh.png');
    expect(fake.status).toBe(422);
    expect(fake.body.code).toBe('attachment-content-mismatch');
    const big = await upload(
      path,
      ownerToken,
      Buffer.concat([PDF, Buffer.alloc(64 * 1024)]),
      'application/pdf',
    );
    expect(big.status).toBe(413);
    const text = await upload(path, ownerToken, 'hello', 'text/html');
    expect(text.status).toBe(415);

    const ids: string[] = [];
    for (let i = 0; i < MAX_SITE_DOCUMENTS; i += 1) {
      const res = await upload(path, ownerToken, PDF, 'application/pdf', `trang-${i}.pdf`);
      expect(res.status).toBe(201);
      ids.push(res.body.documentId);
    }
    const extra = await upload(path, ownerToken, PDF, 'application/pdf', 'them.pdf');
    expect(extra.status).toBe(409);
    expect(extra.body).toMatchObject({ code: 'too-many-documents', max: MAX_SITE_DOCUMENTS });

    expect((await t.request('DELETE', `${path}/documents/${ids[0]}`, { token: ownerToken })).status).toBe(
      204,
    );
    expect((await t.request('DELETE', `${path}/documents/${ids[0]}`, { token: ownerToken })).status).toBe(
      404,
    );
    expect((await upload(path, ownerToken, PDF, 'application/pdf', 'them.pdf')).status).toBe(201);
  });
});
