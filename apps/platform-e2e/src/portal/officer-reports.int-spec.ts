import { Browser } from 'playwright-core';
import {
  eventually,
  placeholderGtin,
  setUpStaff,
  STAFF_ACCOUNTS,
  StoryContext,
  STORY_PRODUCT,
} from '../story';
import { bootE2ePlatform, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { checkPage, releasedBatch, signIn } from './seed';

/**
 * Consumer reports and recalls on the officer's desk (issue 18, officers' queues). Chánh Thu recalls a released
 * durian batch; a shopper reports a quality problem on the durian's code. The province's officer sees both on the
 * desk, opens the report (the shopper's words, the product, the contact only officers read), takes it up, is stopped
 * from closing it without saying what was found, closes it with a note; the producer then reads the closed case
 * without the contact or the note. The report on a 360-px phone in English.
 */
describe('an officer triages a consumer report and sees the recalls in force (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let reportId: string;
  let producerToken: string;
  const message = 'Sầu riêng mua ở chợ Bến Tre bị sượng, cơm có vị chua dù tem còn hạn';
  const contact = '0909 123 456';
  const reason = 'Kiểm nghiệm phát hiện dư lượng vượt ngưỡng; thu hồi toàn bộ lô';
  const person = (key: string) => {
    const account = STAFF_ACCOUNTS.find((a) => a.key === key);
    if (!account) throw new Error(`no staff account ${key}`);
    return account;
  };

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    const staff = await setUpStaff(ctx);
    const { producer, gtin, batch } = await releasedBatch(ctx, staff, { gtin: placeholderGtin(3) });
    producerToken = producer.token;
    await ctx.traceability.post(`/batches/${batch.batchId}/recall`, {
      token: producer.token,
      body: { reason },
      expect: 200,
    });
    // Lookup hears of the recall from traceability's event: the shopper scans once it does.
    const code = `/01/${gtin}/10/${batch.lot}`;
    class NotYet extends Error {}
    await eventually(
      async () => {
        const { results } = await ctx.lookup.post('/verify', {
          token: staff.retailer.token,
          body: { codes: [code] },
          expect: 200,
        });
        if (results[0].outcome !== 'recalled') throw new NotYet(`lookup answers ${results[0].outcome}`);
      },
      { retryOn: (e) => e instanceof NotYet, timeoutMs: 120_000, intervalMs: 300 },
    );
    // The shopper's report, as the consumer page's form sends it (lookup names the product from the code).
    reportId = (
      await ctx.lookup.post('/reports', {
        body: { code, category: 'quality', message, contact, lang: 'vi' },
        expect: 201,
      })
    ).reportId;
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    expect(await e2e?.dispose()).toEqual([]);
  }, 180_000);

  it('takes the report up and closes it with a note; the recall shows on the desk', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await signIn(page, portal, person('provinceOfficer'), 'vi', /\/can-bo$/);
      const recalls = page.getByRole('region', { name: /Lô hàng đang thu hồi/ });
      await recalls.getByText(reason).waitFor();
      await recalls.getByText(STORY_PRODUCT.nameVi, { exact: false }).waitFor();
      const reports = page.getByRole('region', { name: /Phản ánh của người tiêu dùng/ });
      await reports.getByText(message).waitFor();
      await checkPage(page, 'officer-desk-reports-vi');

      await reports.getByRole('link', { name: 'Chất lượng sản phẩm' }).click();
      await page.getByRole('heading', { level: 1, name: 'Phản ánh: Chất lượng sản phẩm' }).waitFor();
      const facts = await page.getByRole('main').textContent();
      expect(facts).toContain(message);
      expect(facts).toContain(STORY_PRODUCT.nameVi);
      expect(facts).toContain(contact);
      expect(facts).toContain('Lô đã thu hồi'); // what the scan answered: the batch was recalled

      await page.getByRole('button', { name: 'Nhận xử lý' }).click();
      await page.getByText('Đã nhận xử lý phản ánh.').waitFor();
      await page.getByText('Mới → Đang xử lý').waitFor();
      // Closing says what was found and done: stopped beside the box without it, nothing sent.
      await page.getByRole('button', { name: 'Đóng phản ánh' }).click();
      await page.getByText('Hãy ghi điều đã tìm thấy và đã làm').waitFor();
      expect((await ctx.lookup.get(`/reports/${reportId}`, { token: producerToken })).status).toBe(
        'investigating',
      );
      await checkPage(page, 'officer-report-vi');
      const note = 'Đã liên hệ người mua; lô thuộc đợt thu hồi, hướng dẫn đổi hàng tại cơ sở';
      await page.getByLabel('Ghi chú').fill(note);
      await page.getByRole('button', { name: 'Đóng phản ánh' }).click();
      await page.getByText('Đã đóng phản ánh.').waitFor();
      await page.getByText(note).waitFor();

      // The producer reads the closed case: neither the shopper's contact nor the officer's note.
      const seen = await ctx.lookup.get(`/reports/${reportId}`, { token: producerToken });
      expect(seen).toMatchObject({ status: 'closed', message });
      expect(JSON.stringify(seen)).not.toContain(contact);
      expect(JSON.stringify(seen)).not.toContain(note);

      await page.getByRole('link', { name: /Về việc chờ xử lý/ }).click();
      await page.getByText('Không có phản ánh nào chờ xử lý.').waitFor();
    } finally {
      await context.close();
    }
  }, 240_000);

  it('reads the closed report on a 360-px phone in English', async () => {
    const context = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await signIn(page, portal, person('provinceOfficer'), 'en', /\/can-bo$/);
      await page.goto(`${portal}/phan-anh/${reportId}`);
      await page.getByRole('heading', { level: 1, name: 'Report: Product quality' }).waitFor();
      await page.getByText('Closed', { exact: true }).first().waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'officer-report-en-phone');
    } finally {
      await context.close();
    }
  }, 120_000);
});
