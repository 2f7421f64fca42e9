import { RatingEvents } from '@ocop/contracts';
import jsQR from 'jsqr';
import { randomUUID } from 'node:crypto';
import { expectStatus, tokens } from '../../test/flows';
import { pdfImages, pdfText } from '../../test/pdf-reader';
import { placesIn, RatingHarness, startRating } from '../../test/rating-harness';

const HEADER = 'certificate_number,product_id,product_name,producer_name,stars,decision_ref,decision_date';

describe('certificates (integration)', () => {
  let h: RatingHarness;
  let t: Record<string, string>;
  const donga = randomUUID();
  const chanhThu = randomUUID();
  let candy: string;
  let durian: string;
  let ginger: string;

  beforeAll(async () => {
    h = await startRating('certificates');
    // The scenario happens in mid-2025, whatever day the tests run: dates and validity are then fixed.
    h.clock.set(new Date('2025-06-20T02:00:00Z'));
    await h.seedProducer({
      id: donga,
      name: 'Công ty TNHH SX-KD tổng hợp Đông Á',
      places: placesIn('829', '28780'),
    });
    await h.seedProducer({
      id: chanhThu,
      name: 'Công ty TNHH XNK Trái cây Chánh Thu',
      places: placesIn('832', '28882'),
    });
    candy = await h.seedProduct({ producerId: donga, nameVi: 'Kẹo dừa sầu riêng lá dứa', productSet: 7 });
    ginger = await h.seedProduct({ producerId: donga, nameVi: 'Kẹo dừa gừng', productSet: 7 });
    durian = await h.seedProduct({ producerId: chanhThu, nameVi: 'Trái sầu riêng cấp đông', productSet: 1 });
    await h.readModelHas('product_views', [candy, ginger, durian]);
    t = await tokens(h, {
      province: { roles: ['officer'], scope: { provinceCode: '83' } },
      district: { roles: ['officer'], scope: { provinceCode: '83', districtCode: '829' } },
      donga: { roles: ['producer'], producerId: donga },
      chanhThu: { roles: ['producer'], producerId: chanhThu },
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  const importCsv = (rows: string[], dryRun?: boolean, token = t.province) =>
    h.request('POST', `/certificates/import${dryRun === undefined ? '' : `?dryRun=${dryRun}`}`, {
      token,
      raw: { contentType: 'text/csv', payload: [HEADER, ...rows].join('\r\n') },
    });

  it('checks a file of pre-platform certificates in a dry run and says what each row would become', async () => {
    const report = expectStatus(
      await importCsv([
        `,,KẸO DỪA SẦU RIÊNG LÁ DỨA,cong ty tnhh sx-kd tong hop dong a,4,105/QĐ-UBND,15/03/2023`,
        `BT-2019-07,${ginger},,,3,12/QĐ-UBND,2019-01-10`,
        `,,Bánh tráng,Không ai,4,1/QĐ-UBND,2023-03-15`,
        `,${durian},,,2,1/QĐ-UBND,31/02/2023`,
      ]),
      200,
    );
    expect(report).toMatchObject({ dryRun: true, total: 4, valid: 2, invalid: 2, imported: 0 });
    expect(report.rows[0]).toMatchObject({
      ok: true,
      productId: candy,
      stars: 4,
      decisionDate: '2023-03-15',
      becomes: 'issued',
    });
    expect(report.rows[1]).toMatchObject({ ok: true, number: 'BT-2019-07', becomes: 'expired' });
    expect(report.rows[2].errors).toEqual([
      'không tìm thấy sản phẩm trong danh mục / product not found in the catalogue',
    ]);
    expect(report.rows[3].errors).toHaveLength(2);
    expect(expectStatus(await h.request('GET', '/certificates', { token: t.province }), 200).items).toEqual(
      [],
    );
  });

  it('reads the file as it arrives and refuses one it cannot read, naming the line', async () => {
    const unclosed = await importCsv([`,${durian},,,4,1/QĐ-UBND,2023-03-15`, `,"${durian},,,4,x,2023-03-15`]);
    expect(unclosed.body).toMatchObject({ status: 422, code: 'import-unreadable' });
    expect(unclosed.body.detail).toContain('line 3');
    const many = await importCsv(Array.from({ length: 5001 }, (_, i) => `,${durian},,,4,${i}/QĐ,2023-03-15`));
    expect(many.body).toMatchObject({ status: 422, code: 'import-unreadable' });
    expect(many.body.detail).toContain('at most 5000 rows');
    const missing = await h.request('POST', '/certificates/import', {
      token: t.province,
      raw: { contentType: 'text/csv', payload: 'product_id,stars\r\n' },
    });
    expect(missing.body.detail).toContain('missing column(s): product_name');
  });

  it('imports all rows or none, and only provincial officers may', async () => {
    expect((await importCsv([`,${durian},,,4,1/QĐ-UBND,2023-03-15`], false, t.district)).status).toBe(403);
    const refused = await importCsv(
      [`,${durian},,,4,1/QĐ-UBND,2023-03-15`, `,${randomUUID()},,,4,1/QĐ-UBND,2023-03-15`],
      false,
    );
    expect(refused.body).toMatchObject({
      status: 422,
      code: 'import-invalid',
      report: { valid: 1, invalid: 1 },
    });
    expect(expectStatus(await h.request('GET', '/certificates', { token: t.province }), 200).items).toEqual(
      [],
    );

    const done = expectStatus(
      await importCsv(
        [
          `,,Kẹo dừa sầu riêng lá dứa,Công ty TNHH SX-KD tổng hợp Đông Á,4,105/QĐ-UBND,15/03/2023`,
          `BT-2019-07,${ginger},,,3,12/QĐ-UBND,2019-01-10`,
        ],
        false,
      ),
      200,
    );
    expect(done).toMatchObject({ dryRun: false, imported: 2 });
    const list = expectStatus(await h.request('GET', '/certificates', { token: t.donga }), 200).items;
    expect(
      list
        .map((c: { stars: number; status: string; source: string }) => `${c.stars}:${c.status}:${c.source}`)
        .sort(),
    ).toEqual(['3:expired:import', '4:issued:import']);
    // History (an expired certificate) is recorded quietly; a valid one is told to the other services.
    const issued = await h.outbox(RatingEvents.certificateIssued);
    expect(issued.map((e) => e.data)).toEqual([
      expect.objectContaining({
        productId: candy,
        stars: 4,
        decisionRef: '105/QĐ-UBND ngày 15/03/2023',
        // Valid through 15/03/2026 (decision 0035): it stops at the end of that day in Viet Nam.
        expiresAt: '2026-03-15T17:00:00.000Z',
      }),
    ]);
    expect(await h.outbox(RatingEvents.productCertified)).toEqual([]);
    // The same decision again, or a number already taken, is a duplicate; an older certificate is history.
    const again = expectStatus(
      await importCsv([
        `,${candy},,,4,106/QĐ-UBND,2023-03-15`,
        `BT-2019-07,${durian},,,3,13/QĐ-UBND,2019-02-10`,
        `,${candy},,,3,50/QĐ-UBND,2021-06-01`,
      ]),
      200,
    );
    expect(again.rows[0].errors).toEqual([expect.stringContaining('the product already has certificate')]);
    expect(again.rows[1].errors).toEqual([
      'số giấy chứng nhận BT-2019-07 đã có / certificate number BT-2019-07 already exists',
    ]);
    expect(again.rows[2]).toMatchObject({ ok: true, becomes: 'superseded' });
  });

  it('prints a Vietnamese PDF certificate whose QR code opens its verification page', async () => {
    const [certificate] = expectStatus(
      await h.request('GET', `/certificates?productId=${candy}`, { token: t.donga }),
      200,
    ).items;
    const res = await h.request('GET', `/certificates/${certificate.certificateId}/pdf`, { token: t.donga });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.raw);
    expect(text).toEqual(
      expect.arrayContaining([
        'ỦY BAN NHÂN DÂN TỈNH BẾN TRE',
        'GIẤY CHỨNG NHẬN SẢN PHẨM OCOP',
        '★★★★',
        'Kẹo dừa sầu riêng lá dứa',
        'Công ty TNHH SX-KD tổng hợp Đông Á',
        certificate.number,
        '105/QĐ-UBND ngày 15/03/2023',
        '15/03/2023',
        '15/03/2026',
      ]),
    );
    const [qr] = pdfImages(res.raw);
    const rgba = new Uint8ClampedArray(qr.width * qr.height * 4);
    for (let i = 0; i < qr.width * qr.height; i++) {
      rgba.set([qr.rgb[3 * i], qr.rgb[3 * i + 1], qr.rgb[3 * i + 2], 255], 4 * i);
    }
    expect(jsQR(rgba, qr.width, qr.height)?.data).toBe(
      `http://127.0.0.1:3006/certificates/${certificate.number}`,
    );
    expect(
      (await h.request('GET', `/certificates/${certificate.certificateId}/pdf`, { token: t.chanhThu }))
        .status,
    ).toBe(404);
  });

  it('revokes with a reason, once, by a provincial officer', async () => {
    const [certificate] = expectStatus(
      await h.request('GET', `/certificates?productId=${candy}&status=issued`, { token: t.province }),
      200,
    ).items;
    const url = `/certificates/${certificate.certificateId}/revoke`;
    expect((await h.request('POST', url, { token: t.donga, body: { reason: 'x' } })).status).toBe(403);
    expect((await h.request('POST', url, { token: t.district, body: { reason: 'x' } })).status).toBe(403);
    const revoked = expectStatus(
      await h.request('POST', url, { token: t.province, body: { reason: 'Vi phạm an toàn thực phẩm' } }),
      200,
    );
    expect(revoked).toMatchObject({ status: 'revoked', revokeReason: 'Vi phạm an toàn thực phẩm' });
    expect((await h.request('POST', url, { token: t.province, body: { reason: 'x' } })).body).toMatchObject({
      status: 409,
      code: 'certificate-not-valid',
    });
    const [event] = await h.outbox(RatingEvents.certificateRevoked);
    expect(event.data).toMatchObject({
      certificateId: certificate.certificateId,
      reason: 'Vi phạm an toàn thực phẩm',
    });
    const pdf = await h.request('GET', `/certificates/${certificate.certificateId}/pdf`, { token: t.donga });
    expect(pdfText(pdf.raw)).toContain('ĐÃ THU HỒI / REVOKED');
  });
});
