import { Browser, Page } from 'playwright-core';
import { StoryContext } from '../story';
import { Json } from '../story/api';
import { STAFF_ACCOUNTS, setUpStaff, StaffAccounts } from '../story/accounts';
import { submitDossier } from '../story/rating';
import { bootE2ePlatform, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { checkPage, signIn, verifiedHousehold } from './seed';

/**
 * A round from opening to certificate with the officers at work in the portal (issue 18, officers' rounds). xã Chợ
 * Lách's officer opens the commune round under today's rules (QĐ 1489) in the form, returns a household's dossier
 * with a deadline for its missing evidence (first stopped for want of a comment), accepts it once resubmitted and
 * proposes it to the province under its document. Vĩnh Long's officer opens the province round, takes the proposed
 * dossier in, accepts it, seats the council (a chair and three members) and starts scoring; the council scores
 * through the API (council-scoring.int-spec does it in the form), 100 points; the officer sees the score, approves
 * the results under the People's Committee's decision — the certificate is issued — and closes the round; then
 * downloads the proposal package for the ministry and records the ministry's decision, which issues the 5★. Then
 * the round on a 360-px phone in English.
 */
const SET = 7; // Chế biến từ rau, củ, quả, hạt
const CHO_LACH = '28870';

describe('officers run a rating round in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let staff: StaffAccounts;
  let productId: string;
  let producerToken: string;
  let provinceRoundUrl: string;
  const productName = 'Bánh phồng sữa Út Hiền';

  const household = {
    type: 'household' as const,
    taxCode: '086190006677',
    name: 'Hộ kinh doanh Bánh phồng Út Hiền',
    communeCode: CHO_LACH,
    fullName: 'Trần Thị Hiền',
    email: 'uthien.banhphong@example.vn',
    password: 'bánh phồng sữa Út Hiền Chợ Lách',
  };
  const person = (key: string) => {
    const account = STAFF_ACCOUNTS.find((a) => a.key === key);
    if (!account) throw new Error(`no staff account ${key}`);
    return account;
  };
  const inDays = (days: number) => ctx.today(days);

  /** Opens a round in the form on the rounds page; lands on the new round's page. `shot` checks the filled form. */
  async function openRound(page: Page, name: string, shot?: string) {
    await page.getByRole('link', { name: 'Đợt đánh giá' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Đợt đánh giá OCOP' }).waitFor();
    await page.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
    await page.getByLabel('Tên đợt').fill(name);
    await page.getByLabel('Ngày mở').fill(inDays(-1));
    await page.getByLabel('Ngày đóng').fill(inDays(60));
    if (shot) await checkPage(page, shot);
    await page.getByRole('button', { name: 'Mở đợt đánh giá' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }

  /** The option of the open Ant Design list (its hidden copies for screen readers carry the ids, not the names). */
  const option = (page: Page, text: string) =>
    page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: new RegExp(`^${text.replace(/[()]/g, '\\$&')}`) });

  /** Seats an account in the council form: the person chosen by name, the role chosen. */
  async function seat(page: Page, key: string, role: 'Chủ tịch' | 'Thành viên') {
    const council = page.getByRole('region', { name: 'Hội đồng đánh giá' });
    await council.getByLabel('Người được mời').click();
    await option(page, person(key).displayName).click();
    await council.getByLabel('Vai trò').click();
    await option(page, `${role}$`).click();
    await council.getByRole('button', { name: 'Thêm vào hội đồng' }).click();
    await council.getByText(person(key).displayName, { exact: true }).waitFor();
  }

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    staff = await setUpStaff(ctx);
    const producer = await verifiedHousehold(ctx, staff.communeOfficer.token, household);
    producerToken = producer.token;
    const product = await ctx.catalogue.post('/products', {
      token: producer.token,
      body: {
        producerId: producer.producerId,
        nameVi: productName,
        nameEn: 'Ut Hien milk rice crackers',
        productSet: SET,
      },
      expect: 201,
    });
    productId = product.productId;
    await ctx.catalogue.post(`/products/${productId}/activate`, { token: producer.token, expect: 200 });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    expect(await e2e?.dispose()).toEqual([]);
  }, 180_000);

  it('the commune checks and proposes, the province scores and certifies, each in the form', async () => {
    const desk = await personContext(browser, { viewport: DESKTOP });
    const page = await desk.newPage();
    try {
      // xã Chợ Lách opens its round: today's procedure and the commune level are already chosen.
      await signIn(page, portal, person('communeOfficer'), 'vi', /\/can-bo$/);
      const communeRound = `Kiểm tra, đề xuất sản phẩm OCOP xã Chợ Lách năm ${inDays(0).slice(0, 4)}`;
      await openRound(page, communeRound, 'officer-rounds-vi');
      await page.getByText('Đang nhận hồ sơ').first().waitFor();
      const roundId = page.url().split('/').pop() as string;

      const cast = {
        staff,
        producer: {
          key: 'uthien',
          email: household.email,
          accountId: '',
          roles: ['producer'],
          token: producerToken,
        },
      };
      const applied = await submitDossier(ctx, cast, roundId, {
        productId,
        nameVi: productName,
        productSet: SET,
      });
      // The submitted dossier waits on the officer's desk.
      await page.getByRole('link', { name: 'Việc chờ xử lý' }).first().click();
      await page
        .getByRole('region', { name: /Hồ sơ OCOP chờ kiểm tra/ })
        .getByRole('link', { name: productName })
        .click();
      await page.getByRole('heading', { level: 1, name: `Hồ sơ: ${productName}` }).waitFor();
      await checkPage(page, 'officer-dossier-review-vi');

      // A return needs a comment the producer reads: stopped beside the box, nothing sent.
      await page.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
      await page.getByText('Hãy ghi nhận xét khi trả lại hoặc từ chối.').waitFor();
      await page
        .getByLabel('Nhận xét gửi chủ thể')
        .fill('Bổ sung phiếu kiểm nghiệm chỉ tiêu vi sinh còn hiệu lực');
      await page.locator('.rounds-items').getByRole('checkbox').first().check();
      await page.getByLabel('Hạn bổ sung').fill(inDays(14));
      await page.getByRole('button', { name: 'Trả lại để bổ sung' }).click();
      await page.getByText('Đã trả lại hồ sơ để bổ sung.').waitFor();
      const returned = await ctx.rating.get(`/dossiers/${applied.dossierId}`, { token: producerToken });
      expect(returned.status).toBe('returned');
      expect(returned.checklist.some((i: Json) => i.supplementDueOn === inDays(14))).toBe(true);

      await ctx.rating.post(`/dossiers/${applied.dossierId}/submit`, { token: producerToken, expect: 200 });
      await page.reload();
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      await page.getByText('Đã tiếp nhận hồ sơ.').waitFor();

      await page.getByRole('link', { name: /Về danh sách đợt/ }).click();
      await page.getByRole('heading', { level: 1, name: communeRound }).waitFor();
      const propose = page.getByRole('region', { name: 'Đề xuất lên tỉnh' });
      await propose.getByLabel('Số văn bản').fill('TT-21/TTr-UBND (thử nghiệm)');
      await propose.getByRole('button', { name: 'Đề xuất lên tỉnh' }).click();
      await page.getByText('Đã đề xuất các hồ sơ đạt lên tỉnh.').waitFor();
      await checkPage(page, 'officer-round-commune-vi');
      await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();

      // Vĩnh Long's officer opens the province round and takes the proposed dossier in.
      await signIn(page, portal, person('vinhLongOfficer'), 'vi', /\/can-bo$/);
      await openRound(page, `Đánh giá, phân hạng sản phẩm OCOP tỉnh Vĩnh Long năm ${inDays(0).slice(0, 4)}`);
      provinceRoundUrl = page.url();
      await page.getByRole('button', { name: 'Nhận hồ sơ từ cấp dưới' }).click();
      await page.getByText('Đã nhận 1 hồ sơ.').waitFor();
      const provinceDossiers = page.getByRole('region', { name: 'Hồ sơ trong đợt' });
      await provinceDossiers.getByRole('link', { name: productName }).click();
      await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
      await page.getByText('Đã tiếp nhận hồ sơ.').waitFor();
      const dossierId = page.url().split('/').pop() as string;
      await page.goto(provinceRoundUrl);

      await seat(page, 'chair', 'Chủ tịch');
      for (const key of ['member1', 'member2', 'member3']) await seat(page, key, 'Thành viên');
      await checkPage(page, 'officer-round-council-vi');
      await page.getByRole('button', { name: 'Kết thúc nhận hồ sơ, bắt đầu chấm điểm' }).click();
      await page.getByText('Hội đồng đã bắt đầu chấm điểm.').waitFor();

      // Every member gives every criterion its best answer: 100 points with the 5★ markers met, which the province
      // proposes to the ministry.
      const sheet = await ctx.rating.get(`/rubrics/qd148-2023/sets/${SET}`);
      const best: Record<string, number> = {};
      for (const c of sheet.parts.flatMap((p: Json) => p.sections.flatMap((x: Json) => x.criteria))) {
        const points: number[] = c.options.map((o: Json) => o.points);
        best[c.key] = points.indexOf(Math.max(...points));
      }
      for (const m of staff.members)
        await ctx.rating.post(`/dossiers/${dossierId}/scoresheets/mine/submit`, {
          token: m.token,
          body: { choices: best },
          expect: 200,
        });
      const result = await ctx.rating.post(`/dossiers/${dossierId}/result/finalise`, {
        token: staff.chair.token,
        expect: 200,
      });
      await page.reload();
      await provinceDossiers
        .getByText(`${String(result.average).replace('.', ',')} điểm · ${result.stars} sao`)
        .waitFor();
      const approve = page.getByRole('region', { name: 'Phê duyệt kết quả' });
      await approve.getByLabel('Số văn bản').fill('1234/QĐ-UBND (thử nghiệm)');
      await approve.getByRole('button', { name: 'Phê duyệt kết quả' }).click();
      await page.getByText('Đã phê duyệt kết quả; giấy chứng nhận đã được cấp.').waitFor();
      await page.getByText(/Quyết định: 1234\/QĐ-UBND/).waitFor();
      const certificates = await ctx.rating.get(`/certificates?productId=${productId}`, {
        token: producerToken,
      });
      expect(certificates.items).toEqual([
        expect.objectContaining({ stars: result.stars, status: 'issued' }),
      ]);

      await page.getByRole('button', { name: 'Đóng đợt' }).click();
      await page.getByText('Đã đóng đợt.').waitFor();
      await checkPage(page, 'officer-round-province-vi');

      // The central level: the package for the ministry, then the ministry's decision, which issues the 5★.
      await page.getByRole('link', { name: /Về danh sách đợt/ }).click();
      await page.getByRole('link', { name: 'Đề xuất Bộ công nhận 5 sao' }).click();
      const proposal = page.getByRole('listitem').filter({ hasText: productName });
      await proposal.getByText('Chờ quyết định của Bộ').waitFor();
      // The link downloads with the officer's session, as the browser would.
      const href = await proposal.getByRole('link', { name: 'Hồ sơ đề xuất (PDF)' }).getAttribute('href');
      const pdf = await page.request.get(`${portal}${href}`);
      expect({ status: pdf.status(), type: pdf.headers()['content-type'] }).toEqual({
        status: 200,
        type: 'application/pdf',
      });
      await checkPage(page, 'officer-central-vi');
      await proposal.getByLabel('Số văn bản').fill('789/QĐ-BNNMT (thử nghiệm)');
      await proposal.getByRole('button', { name: 'Ghi quyết định' }).click();
      await page.getByText('Đã ghi quyết định của Bộ.').waitFor();
      await proposal.getByText(/Bộ đã quyết định: 5 sao/).waitFor();
      const after = await ctx.rating.get(`/certificates?productId=${productId}`, { token: producerToken });
      expect(after.items).toContainEqual(expect.objectContaining({ stars: 5, status: 'issued' }));
    } finally {
      await desk.close();
    }
  }, 600_000);

  it('reads the round on a 360-px phone in English', async () => {
    const phone = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    const page = await phone.newPage();
    try {
      await signIn(page, portal, person('vinhLongOfficer'), 'en', /\/can-bo$/);
      await page.goto(provinceRoundUrl);
      await page.getByText('Closed').first().waitFor();
      await page
        .getByRole('region', { name: 'Dossiers in the round' })
        .getByRole('link', { name: productName })
        .waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'officer-round-en-phone');
    } finally {
      await phone.close();
    }
  }, 180_000);
});
