import { waitFor } from '@ocop/testing';
import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import {
  acceptDossier,
  approveResults,
  fourStarChoices,
  Json,
  openCommuneRound,
  openProvinceRoundWithIntake,
  proposeToProvince,
  REQUIRED_ITEMS,
  SAMPLE_PDF,
  scoreAndFinalise,
  seatCouncilAndStartScoring,
  setUpStaff,
  StaffAccounts,
  StoryContext,
} from '../story';
import { bootE2ePlatform, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { checkPage, verifiedHousehold } from './seed';

/**
 * A producer's OCOP rating in the portal (issue 17), in headless Chromium against the whole built platform: a
 * household in xã Chợ Lách opens a dossier for its coconut candy in the commune's round, assesses it on the
 * round's scoring sheet, files its documents with a progress bar, submits, is returned and resubmits; the commune
 * proposes it, the province council scores it and the province certifies it (through the API: their screens are
 * issue 18); the producer reads the result and downloads the certificate, then the same in English on a phone.
 */
const CHO_LACH = '28870'; // xã Chợ Lách, Vĩnh Long (map of 1 July 2025): the demo commune officer's scope
const CANDY_SET = 7; // Chế biến từ rau, củ, quả, hạt

/** The page's globals the progress watch uses (this file compiles without the DOM library). */
interface ProgressWatch {
  sawProgress: boolean;
  MutationObserver: new (callback: () => void) => { observe(target: unknown, options: unknown): void };
  document: { body: unknown; querySelector(selector: string): unknown };
}

describe('OCOP rating dossiers in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let staff: StaffAccounts;
  let candy: { productId: string; nameVi: string; productSet: number };
  let communeRound: string;
  let communeDossier: string;
  let provinceDossier: string;
  let selfAssessedStars: number;

  const household = {
    type: 'household' as const,
    taxCode: '086190005566',
    name: 'Hộ kinh doanh Kẹo dừa Tư Lành',
    communeCode: CHO_LACH,
    fullName: 'Lê Thị Lành',
    email: 'tulanh.keodua@example.vn',
    password: 'kẹo dừa Tư Lành thơm lá dứa Chợ Lách',
  };

  const signIn = async (
    page: Page,
    label = { id: 'E-mail hoặc số điện thoại', pw: 'Mật khẩu', go: 'Đăng nhập' },
  ) => {
    await page.getByLabel(label.id).fill(household.email);
    await page.getByLabel(label.pw).fill(household.password);
    await page.getByRole('button', { name: label.go }).click();
    await page.waitForURL(/\/co-so$/);
  };

  /** Uploads a file through the item's own button, as a person picks it in the file dialog. */
  const upload = async (page: Page, itemName: string, file: { name: string; buffer: Buffer }) => {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: new RegExp(`Tải tệp lên.*${itemName}`) }).click(),
    ]);
    await chooser.setFiles({ name: file.name, mimeType: 'application/pdf', buffer: file.buffer });
  };

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    staff = await setUpStaff(ctx);

    // The household registers itself; the commune's officer verifies it; it adds its candy to the catalogue.
    const { token, producerId } = await verifiedHousehold(ctx, staff.communeOfficer.token, household);
    const product = await ctx.catalogue.post('/products', {
      token,
      body: { producerId, nameVi: 'Kẹo dừa lá dứa Tư Lành', productSet: CANDY_SET },
      expect: 201,
    });
    await ctx.catalogue.post(`/products/${product.productId}/activate`, { token, expect: 200 });
    candy = { productId: product.productId, nameVi: product.nameVi, productSet: CANDY_SET };
    communeRound = await openCommuneRound(ctx, { staff });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('a producer opens a dossier in the open round, self-assesses on the sheet, files its documents and submits, in Vietnamese', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${portal}/dang-nhap`);
    await signIn(page);

    await page.getByRole('link', { name: 'Đánh giá OCOP', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ đánh giá OCOP' }).waitFor();
    await page.getByText('Chưa có hồ sơ nào').waitFor();
    await page.getByRole('link', { name: 'Mở hồ sơ mới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mở hồ sơ đánh giá' }).waitFor();

    const openDossier = async () => {
      await page.getByLabel('Sản phẩm', { exact: true }).click();
      await page.locator('.ant-select-item-option', { hasText: candy.nameVi }).click();
      await page
        .getByText(`Phiếu đánh giá áp dụng: Bộ ${CANDY_SET} – Chế biến từ rau, củ, quả, hạt`)
        .waitFor();
      await page.getByLabel('Số điện thoại liên hệ').fill('0275 3860 111');
      await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
    };
    await openDossier();
    // Rating learns the product from the catalogue's events: a product added a moment ago may not be there yet.
    await waitFor(
      async () => {
        if (await page.getByText('chưa được đồng bộ').isVisible()) {
          await page.getByRole('button', { name: 'Mở hồ sơ' }).click();
        }
        expect(page.url()).toMatch(/\/ho-so\/[0-9a-f-]{36}$/);
      },
      { intervalMs: 1000 },
    );
    communeDossier = /\/ho-so\/([0-9a-f-]{36})$/.exec(page.url())?.[1] as string;
    await page.getByRole('heading', { level: 1, name: candy.nameVi }).waitFor();
    await page.getByText('Hồ sơ đang là bản nháp').waitFor();

    // The same product again in the same round: the service refuses, and the form says so under the product.
    await page.goto(`${portal}/ho-so/moi`);
    await page.getByRole('heading', { level: 1, name: 'Mở hồ sơ đánh giá' }).waitFor();
    await openDossier();
    await page.locator('#productId_help').filter({ hasText: 'đã có hồ sơ trong đợt đánh giá này' }).waitFor();
    await checkPage(page, 'rating-new-desktop');

    await page.goto(`${portal}/ho-so/${communeDossier}`);
    await page.getByText(`Phiếu đánh giá: Bộ ${CANDY_SET} –`).waitFor();
    const total = page.locator('.sheet-total');
    await total.getByText('Tổng điểm: 0/100').waitFor();

    // The self-assessment: one answer per criterion, as the story's 4★ sheet gives them.
    const choices = await fourStarChoices(ctx, CANDY_SET);
    const sheet = await ctx.rating.get(`/rubrics/qd148-2023/sets/${CANDY_SET}`);
    let points = 0;
    for (const part of sheet.parts)
      for (const section of part.sections)
        for (const c of section.criteria) points += c.options[choices[c.key]].points;
    for (const [key, option] of Object.entries(choices)) {
      const group = page.getByRole('radiogroup', { name: new RegExp(`^${key.replace(/\./g, '\\.')} `) });
      await group.getByRole('radio').nth(option).check();
    }
    const criteria = Object.keys(choices).length;
    await total.getByText(`Tổng điểm: ${String(points).replace('.', ',')}/100`).waitFor();
    await total.getByText(`Đã chọn ${criteria}/${criteria} tiêu chí`).waitFor();
    selfAssessedStars = Number(/Ứng với (\d) sao/.exec((await total.textContent()) ?? '')?.[1]);
    expect([3, 4, 5]).toContain(selfAssessedStars);
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Đã lưu bản tự đánh giá.').waitFor();

    // Submitting before the documents: the service names the missing ones, and each says so in the checklist.
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByRole('alert').filter({ hasText: 'Còn thiếu tài liệu bắt buộc' }).waitFor();
    expect(await page.getByText('Mục bắt buộc: hãy tải tài liệu này lên trước khi nộp.').count()).toBe(
      REQUIRED_ITEMS.length,
    );

    // A file that only claims to be a PDF: the service reads its first bytes and refuses it, beside its item.
    await upload(page, 'Phiếu đăng ký sản phẩm', {
      name: 'phieu-dang-ky.pdf',
      buffer: Buffer.from('not a PDF'),
    });
    await page
      .locator('.checklist-item', { hasText: 'Phiếu đăng ký sản phẩm' })
      .getByRole('alert')
      .filter({ hasText: 'Nội dung tệp không đúng loại' })
      .waitFor();
    await checkPage(page, 'rating-dossier-errors-desktop');

    // The real documents, a few megabytes each: the progress bar shows while each goes up.
    await page.evaluate(() => {
      const g = globalThis as unknown as ProgressWatch;
      g.sawProgress = false;
      new g.MutationObserver(() => {
        if (g.document.querySelector('.checklist-progress')) g.sawProgress = true;
      }).observe(g.document.body, { childList: true, subtree: true });
    });
    const scan = Buffer.concat([SAMPLE_PDF, Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const names: Record<string, string> = {
      'registration-form': 'Phiếu đăng ký sản phẩm',
      'business-plan': 'Phương án/kế hoạch kinh doanh',
      'producer-profile': 'Bản giới thiệu chủ thể sản xuất',
      'business-registration': 'Giấy đăng ký kinh doanh',
      'product-samples': 'Biên bản giao nhận mẫu sản phẩm',
    };
    for (const item of REQUIRED_ITEMS) {
      await upload(page, names[item], { name: `${item}.pdf`, buffer: scan });
      await page.getByRole('link', { name: `${item}.pdf` }).waitFor();
    }
    expect(await page.evaluate(() => (globalThis as unknown as ProgressWatch).sawProgress)).toBe(true);
    await page.getByText('Đã nộp 5/5 tài liệu bắt buộc.').waitFor();

    // A file put under the wrong item is removed before submitting.
    await upload(page, 'Câu chuyện sản phẩm', { name: 'nham-tep.pdf', buffer: SAMPLE_PDF });
    await page.getByRole('link', { name: 'nham-tep.pdf' }).waitFor();
    await page.getByRole('button', { name: /Xóa.*nham-tep\.pdf/ }).click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByRole('link', { name: 'nham-tep.pdf' }).waitFor({ state: 'detached' });
    await checkPage(page, 'rating-dossier-desktop');

    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã nộp hồ sơ. Cán bộ sẽ kiểm tra').waitFor();
    await page.locator('.status-line').getByText('Đã nộp, chờ kiểm tra').waitFor();
    await context.close();
  }, 400_000);

  it('returned with the officer’s reasons and the deadline, the producer adds the document asked for and resubmits', async () => {
    await ctx.rating.post(`/dossiers/${communeDossier}/return`, {
      token: staff.communeOfficer.token,
      body: {
        comment: 'Bổ sung phiếu kết quả kiểm nghiệm còn hiệu lực',
        items: [{ code: 'test-results', comment: 'Phiếu kiểm nghiệm trong 12 tháng gần nhất' }],
      },
      expect: 200,
    });
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${portal}/dang-nhap`);
    await signIn(page);
    await page.goto(`${portal}/ho-so/${communeDossier}`);
    await page
      .getByText('Cán bộ đã trả hồ sơ. Hãy sửa theo ý kiến bên dưới rồi nộp lại trước ngày')
      .waitFor();
    await page.getByText('Ý kiến của cán bộ: Bổ sung phiếu kết quả kiểm nghiệm còn hiệu lực').waitFor();
    await page.getByText('Cán bộ yêu cầu: Phiếu kiểm nghiệm trong 12 tháng gần nhất').waitFor();
    await page.locator('.rating-timeline').getByText('Cán bộ trả lại hồ sơ').waitFor();
    await checkPage(page, 'rating-dossier-returned-desktop');
    await upload(page, 'Phiếu kết quả kiểm nghiệm', { name: 'kiem-nghiem.pdf', buffer: SAMPLE_PDF });
    await page.getByRole('link', { name: 'kiem-nghiem.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Nộp lại hồ sơ' }).click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.locator('.status-line').getByText('Đã nộp, chờ kiểm tra').waitFor();
    await context.close();
  }, 400_000);

  it('once the province has scored and certified it, the producer reads the result and downloads the certificate', async () => {
    // The commune checks and proposes; the province takes it in, its council scores, the province approves.
    await acceptDossier(ctx, staff.communeOfficer.token, communeDossier);
    await proposeToProvince(ctx, staff.communeOfficer.token, communeRound, 'TT-01/TTr-UBND (thử nghiệm)');
    const province = staff.vinhLongOfficer.token;
    const { roundId, taken } = await openProvinceRoundWithIntake(ctx, { staff });
    provinceDossier = taken.find((d: Json) => d.productId === candy.productId)?.dossierId;
    expect(provinceDossier).toBeDefined();
    await acceptDossier(ctx, province, provinceDossier);
    await seatCouncilAndStartScoring(ctx, { staff }, province, roundId);
    const result = await scoreAndFinalise(ctx, { staff }, provinceDossier, CANDY_SET);
    // The council answered as the producer did: the same score and, before the province's own 4★ limit, the same star.
    expect(Math.min(result.bandStars, result.markerMaxStars)).toBe(selfAssessedStars);
    const approved = await approveResults(ctx, province, roundId, 'QĐ-02/QĐ-UBND (thử nghiệm)');
    const certificateId = approved.results.find((r: Json) => r.dossierId === provinceDossier)?.certificateId;
    const certificate = await ctx.rating.get(`/certificates/${certificateId}`, { token: province });

    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${portal}/dang-nhap`);
    await signIn(page);
    await page.goto(`${portal}/ho-so`);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ đánh giá OCOP' }).waitFor();
    await page.getByText('Đã đề xuất lên tỉnh').waitFor();
    await page.getByText('Đã có kết quả').waitFor();
    await page.getByText(`Số ${certificate.number}`).waitFor();
    await checkPage(page, 'rating-dossiers-desktop');

    await page.goto(`${portal}/ho-so/${provinceDossier}`);
    await page.getByRole('heading', { level: 2, name: 'Kết quả đánh giá' }).waitFor();
    await page.locator('.rating-stars').getByText(`${certificate.stars} sao`).waitFor();
    await page.getByText(`Giấy chứng nhận số ${certificate.number}`).waitFor();
    // The self-assessment stays as the producer sent it, read-only.
    expect(await page.locator('.sheet-form').getByRole('radio').first().isDisabled()).toBe(true);
    await checkPage(page, 'rating-dossier-result-desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page
        .locator('.rating-certificate')
        .getByRole('link', { name: /Tải giấy chứng nhận/ })
        .click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${certificate.number}.pdf`);
    expect(
      readFileSync(await download.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await context.close();
  }, 400_000);

  it('in English on a 360-px phone: the dossiers and the decided dossier, nothing wider than the screen', async () => {
    const context = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(`${portal}/dang-nhap`);
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signIn(page, { id: 'E-mail or phone number', pw: 'Password', go: 'Sign in' });

    await page.getByRole('button', { name: 'Open the menu' }).click();
    await page.getByRole('link', { name: 'OCOP rating', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'OCOP rating dossiers' }).waitFor();
    await page.getByText('Result decided').waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'rating-dossiers-phone-en');

    await page.goto(`${portal}/ho-so/${provinceDossier}`);
    await page.getByRole('heading', { level: 2, name: 'Rating result' }).waitFor();
    await page.getByText('The result is approved.').waitFor();
    await page.getByText('Self-assessment').first().waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'rating-dossier-phone-en');
    await context.close();
  }, 400_000);
});
