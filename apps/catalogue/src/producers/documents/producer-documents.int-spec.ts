import { randomUUID } from 'node:crypto';
import { CatalogueHarness, startCatalogue } from '../../../test/catalogue-harness';
import { producerInput } from '../../../test/fixtures';
import { MAX_PRODUCER_DOCUMENTS } from './producer-documents.service';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);

/**
 * Issue 18: an officer verifies a producer with the registration's documents before them. The producer files them
 * while its registration (or an identity change) waits; officers of its territory read them; nobody else does.
 */
describe('producer registration documents (integration)', () => {
  let catalogue: CatalogueHarness;
  let choLachOfficer: string;
  let baTriOfficer: string;
  let admin: string;

  beforeAll(async () => {
    catalogue = await startCatalogue('cat_prod_docs', { DOCUMENT_MAX_BYTES: String(64 * 1024) });
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

  /** A producer in Chợ Lách that registered itself and waits for its officer. */
  const pendingProducer = async () => {
    const producerId = randomUUID();
    const token = await catalogue.token({ roles: ['producer'], producerId });
    const res = await catalogue.request('POST', '/producers', { token, body: producerInput() });
    if (res.status !== 201) throw new Error(res.text);
    return { producerId, token };
  };

  const file = (producerId: string, token: string, payload: Buffer, contentType: string, fileName?: string) =>
    catalogue.request(
      'POST',
      `/producers/${producerId}/documents${fileName ? `?fileName=${encodeURIComponent(fileName)}` : ''}`,
      { token, raw: { contentType, payload } },
    );

  it('the producer files its licence; the officer of its territory lists and downloads the same bytes', async () => {
    const { producerId, token } = await pendingProducer();
    const filed = await file(producerId, token, PDF, 'application/pdf', 'Giấy chứng nhận ĐKKD.pdf');
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({
      fileName: 'Giấy chứng nhận ĐKKD.pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
    });
    expect(await file(producerId, token, JPEG, 'image/jpeg', 'cccd.jpg')).toMatchObject({ status: 201 });

    const listed = await catalogue.request('GET', `/producers/${producerId}/documents`, {
      token: choLachOfficer,
    });
    expect(listed.status).toBe(200);
    expect(listed.body.map((d: { fileName: string }) => d.fileName)).toEqual([
      'Giấy chứng nhận ĐKKD.pdf',
      'cccd.jpg',
    ]);

    const download = await catalogue.app.inject({
      method: 'GET',
      url: `/producers/${producerId}/documents/${filed.body.documentId}`,
      headers: { authorization: `Bearer ${choLachOfficer}` },
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toMatch(
      /^attachment; filename="Giay chung nhan DKKD.pdf"/,
    );
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('another producer, an officer of another district and a council member neither read nor file', async () => {
    const { producerId, token } = await pendingProducer();
    const filed = await file(producerId, token, PDF, 'application/pdf', 'dkkd.pdf');
    const stranger = await catalogue.token({ roles: ['producer'], producerId: randomUUID() });
    const council = await catalogue.token({
      roles: ['council'],
      scope: { provinceCode: '83', districtCode: '832' },
    });
    for (const other of [stranger, baTriOfficer, council]) {
      expect(
        (await catalogue.request('GET', `/producers/${producerId}/documents`, { token: other })).status,
      ).toBe(404);
      const download = await catalogue.request(
        'GET',
        `/producers/${producerId}/documents/${filed.body.documentId}`,
        {
          token: other,
        },
      );
      expect(download.status).toBe(404);
    }
    expect((await file(producerId, stranger, PDF, 'application/pdf')).status).toBe(404);
    expect((await file(producerId, baTriOfficer, PDF, 'application/pdf')).status).toBe(404);
    const anonymous = await catalogue.request('GET', `/producers/${producerId}/documents`);
    expect(anonymous.status).toBe(401);
    // Nothing was added by the refused attempts.
    const listed = await catalogue.request('GET', `/producers/${producerId}/documents`, { token: admin });
    expect(listed.body).toHaveLength(1);
  });

  it('refuses what is not the file it claims to be, an oversized file and a 21st document', async () => {
    const { producerId, token } = await pendingProducer();
    const html = await file(producerId, token, Buffer.from('<script>alert(1)</script>'), 'application/pdf');
    expect(html.status).toBe(422);
    expect(html.body.code).toBe('attachment-content-mismatch');
    const big = await file(
      producerId,
      token,
      Buffer.concat([PDF, Buffer.alloc(64 * 1024)]),
      'application/pdf',
    );
    expect(big.status).toBe(413);
    expect(big.body.code).toBe('payload-too-large');
    const svg = await catalogue.request('POST', `/producers/${producerId}/documents`, {
      token,
      raw: { contentType: 'image/svg+xml', payload: '<svg/>' },
    });
    expect(svg.status).toBe(415);

    for (let i = 0; i < MAX_PRODUCER_DOCUMENTS; i += 1) {
      expect((await file(producerId, token, PDF, 'application/pdf', `trang-${i}.pdf`)).status).toBe(201);
    }
    const extra = await file(producerId, token, PDF, 'application/pdf', 'them.pdf');
    expect(extra.status).toBe(409);
    expect(extra.body).toMatchObject({ code: 'too-many-documents', max: MAX_PRODUCER_DOCUMENTS });
  });

  it('once verified the papers stay readable but cannot change, until an identity change reopens them', async () => {
    const { producerId, token } = await pendingProducer();
    const filed = await file(producerId, token, PDF, 'application/pdf', 'dkkd.pdf');
    const removed = await file(producerId, token, JPEG, 'image/jpeg', 'nham.jpg');
    const deleted = await catalogue.request(
      'DELETE',
      `/producers/${producerId}/documents/${removed.body.documentId}`,
      {
        token,
      },
    );
    expect(deleted.status).toBe(204);

    const verified = await catalogue.request('POST', `/producers/${producerId}/verify`, {
      token: choLachOfficer,
      body: {},
    });
    expect(verified.status).toBe(200);
    const late = await file(producerId, token, PDF, 'application/pdf', 'muon.pdf');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'registration-documents-closed', currentStatus: 'verified' });
    const keep = await catalogue.request(
      'DELETE',
      `/producers/${producerId}/documents/${filed.body.documentId}`,
      {
        token,
      },
    );
    expect(keep.status).toBe(409);
    const listed = await catalogue.request('GET', `/producers/${producerId}/documents`, { token });
    expect(listed.body.map((d: { fileName: string }) => d.fileName)).toEqual(['dkkd.pdf']);

    const renamed = await catalogue.request('PATCH', `/producers/${producerId}`, {
      token,
      body: { name: 'Hợp tác xã Dừa Xanh Chợ Lách' },
    });
    expect(renamed.body.status).toBe('pending-reverification');
    expect((await file(producerId, token, PDF, 'application/pdf', 'dkkd-moi.pdf')).status).toBe(201);
  });
});
