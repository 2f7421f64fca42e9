import { RatingEvents } from '@ocop/contracts';
import { expectStatus } from '../../test/flows';
import { pdfText } from '../../test/pdf-reader';
import { placesIn, RatingHarness, startRating } from '../../test/rating-harness';

const HEADER = 'certificate_number,product_id,product_name,producer_name,stars,decision_ref,decision_date';

/**
 * One calendar (issue 15, item 8): the dates a certificate carries are Vietnamese calendar dates, its validity has
 * one definition (decision 0035), and its issuer is the province of the map in force on its decision's date
 * (decision 0036). The consumer page (lookup) and the e-mails (notifications) print the last valid day from the
 * `expiresAt` of the events checked here, with the same domain function; their own tests read the same instant.
 */
describe('certificate dates and issuers (integration)', () => {
  let h: RatingHarness;
  let officer: string;
  const products: Record<string, string> = {};

  beforeAll(async () => {
    h = await startRating('certificate_calendar');
    const producerId = await h.seedProducer({
      name: 'Công ty TNHH SX-KD tổng hợp Đông Á',
      places: placesIn('829', '28780'),
    });
    for (const name of ['2024', 'december2026', 'leap', 'newYearsEve', 'tooEarly'])
      products[name] = await h.seedProduct({ producerId, nameVi: `Kẹo dừa ${name}`, productSet: 7 });
    await h.readModelHas('product_views', Object.values(products));
    officer = await h.token({ roles: ['officer'], scope: { provinceCode: '83' } });
  });

  afterAll(async () => {
    await h?.close();
  });

  const importCsv = (rows: string[]) =>
    h.request('POST', '/certificates/import?dryRun=false', {
      token: officer,
      raw: { contentType: 'text/csv', payload: [HEADER, ...rows].join('\n') },
    });

  const pdfOf = async (number: string) => {
    const [certificate] = expectStatus(
      await h.request('GET', `/certificates?number=${number}`, { token: officer }),
      200,
    ).items;
    const res = await h.request('GET', `/certificates/${certificate.certificateId}/pdf`, { token: officer });
    expect(res.status).toBe(200);
    return { certificate, text: pdfText(res.raw) };
  };

  it('dates a decision taken on 31/12 at 23:30 in Viet Nam (16:30 UTC) 31/12, and refuses 01/01 as future', async () => {
    h.clock.set(new Date('2026-12-31T16:30:00Z'));
    const refused = expectStatus(await importCsv([`,${products.tooEarly},,,3,1/QĐ-UBND,01/01/2027`]), 422);
    expect(refused.report.rows[0].errors).toEqual([
      'ngày quyết định ở tương lai / decision_date is in the future',
    ]);
    expectStatus(await importCsv([`BT-NYE,${products.newYearsEve},,,3,999/QĐ-UBND,31/12/2026`]), 200);
    const { certificate, text } = await pdfOf('BT-NYE');
    expect(certificate).toMatchObject({
      decision: { date: '2026-12-31' },
      issuedAt: '2026-12-30T17:00:00.000Z',
      expiresAt: '2029-12-31T17:00:00.000Z',
    });
    // Issued 31/12/2026, valid through 31/12/2029: neither 30/12 nor 01/01 anywhere.
    expect(text).toEqual(expect.arrayContaining(['999/QĐ-UBND ngày 31/12/2026', '31/12/2026', '31/12/2029']));
    expect(text.join(' ')).not.toMatch(/30\/12\/20|01\/01\/20/);
  });

  it('heads a certificate decided in 2024 Bến Tre and one decided in December 2026 Vĩnh Long', async () => {
    h.clock.set(new Date('2027-01-05T03:00:00Z'));
    expectStatus(
      await importCsv([
        `BT-2024,${products['2024']},,,3,77/QĐ-UBND,2024-06-10`,
        `VL-2026,${products.december2026},,,4,1234/QĐ-UBND,03/12/2026`,
      ]),
      200,
    );
    const old = await pdfOf('BT-2024');
    expect(old.text).toContain('ỦY BAN NHÂN DÂN TỈNH BẾN TRE');
    expect(old.text).not.toContain('ỦY BAN NHÂN DÂN TỈNH VĨNH LONG');
    const merged = await pdfOf('VL-2026');
    expect(merged.text).toEqual(
      expect.arrayContaining(['ỦY BAN NHÂN DÂN TỈNH VĨNH LONG', "People's Committee of Vinh Long Province"]),
    );
    expect(merged.text).not.toContain('ỦY BAN NHÂN DÂN TỈNH BẾN TRE');
  });

  it('prints the validity of the issue’s certificate as 03/12/2029, and tells the same instant to the other services', async () => {
    const { certificate, text } = await pdfOf('VL-2026');
    expect(text).toEqual(expect.arrayContaining(['03/12/2026', '03/12/2029']));
    expect(text.join(' ')).not.toContain('02/12/2029');
    // Valid through 03/12/2029 means valid until the end of that day in Viet Nam: 17:00 UTC.
    expect(certificate.expiresAt).toBe('2029-12-03T17:00:00.000Z');
    const issued = (await h.outbox(RatingEvents.certificateIssued)).find(
      (e) => e.data.certificateNumber === 'VL-2026',
    );
    expect(issued?.data).toMatchObject({
      issuedAt: '2026-12-02T17:00:00.000Z',
      expiresAt: '2029-12-03T17:00:00.000Z',
    });
  });

  it('makes a certificate decided on 29 February valid through 28 February, three years on', async () => {
    expectStatus(await importCsv([`BT-LEAP,${products.leap},,,3,29/QĐ-UBND,29/02/2024`]), 200);
    const { certificate, text } = await pdfOf('BT-LEAP');
    expect(certificate.expiresAt).toBe('2027-02-28T17:00:00.000Z');
    expect(text).toEqual(expect.arrayContaining(['29/02/2024', '28/02/2027']));
    // Still valid on 28/02/2027 in Viet Nam, expired the next morning.
    const kpis = async (at: string) =>
      expectStatus(await h.request('GET', `/reports/kpis?at=${at}`, { token: officer }), 200);
    expect((await kpis('2027-02-28')).certifiedProducts).toBe(4);
    expect((await kpis('2027-03-01')).certifiedProducts).toBe(3);
  });
});
