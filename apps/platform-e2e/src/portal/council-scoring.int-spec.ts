import { Browser, Page } from 'playwright-core';
import { StoryContext } from '../story';
import { Json } from '../story/api';
import { STAFF_ACCOUNTS, setUpStaff, StaffAccounts } from '../story/accounts';
import {
  acceptDossier,
  approveResults,
  fourStarChoices,
  openCommuneRound,
  openProvinceRoundWithIntake,
  proposeToProvince,
  seatCouncilAndStartScoring,
  submitDossier,
} from '../story/rating';
import { bootE2ePlatform, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { checkPage, signIn, verifiedHousehold } from './seed';

/**
 * A province round from opening to certificate with the council at work in the portal (issue 18). A household of
 * xã Chợ Lách applies (through the API); the commune checks and proposes it; the province takes it in and seats
 * its council. Three members score in the form beside the dossier's documents: two agree, the third scores tens
 * of points lower and is asked to explain. The chair sees the sheets' progress, is refused while the far sheet is
 * unexplained, then finalises once it is; the province approves, and the certificate carries the council's star.
 */
const SET = 7; // Chế biến từ rau, củ, quả, hạt
const CHO_LACH = '28870';

describe('the council scores a dossier in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let staff: StaffAccounts;
  let roundId: string;
  let dossierId: string;
  let four: Record<string, number>;
  let far: Record<string, number>;
  let fourTotal: number;
  let farTotal: number;
  const productName = 'Mứt dừa non Bà Tư';
  const explanation = 'Hồ sơ thiếu kết quả kiểm nghiệm vi sinh, tôi chấm phần B và C thấp';

  const household = {
    type: 'household' as const,
    taxCode: '086190004455',
    name: 'Hộ kinh doanh Mứt dừa Bà Tư',
    communeCode: CHO_LACH,
    fullName: 'Nguyễn Thị Tư',
    email: 'batu.mutdua@example.vn',
    password: 'mứt dừa non Bà Tư Chợ Lách',
  };
  const person = (key: string) => {
    const account = STAFF_ACCOUNTS.find((a) => a.key === key);
    if (!account) throw new Error(`no staff account ${key}`);
    return account;
  };
  const memberKeys = STAFF_ACCOUNTS.filter((a) => a.key.startsWith('member')).map((a) => a.key);

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    staff = await setUpStaff(ctx);
    const producer = await verifiedHousehold(ctx, staff.communeOfficer.token, household);
    const product = await ctx.catalogue.post('/products', {
      token: producer.token,
      body: {
        producerId: producer.producerId,
        nameVi: productName,
        nameEn: 'Ba Tu young coconut jam',
        productSet: SET,
      },
      expect: 201,
    });
    await ctx.catalogue.post(`/products/${product.productId}/activate`, {
      token: producer.token,
      expect: 200,
    });
    const communeRound = await openCommuneRound(ctx, { staff });
    const cast = {
      staff,
      producer: {
        key: 'batu',
        email: household.email,
        accountId: '',
        roles: ['producer'],
        token: producer.token,
      },
    };
    const applied = await submitDossier(ctx, cast, communeRound, {
      productId: product.productId,
      nameVi: productName,
      productSet: SET,
    });
    await acceptDossier(ctx, staff.communeOfficer.token, applied.dossierId);
    await proposeToProvince(ctx, staff.communeOfficer.token, communeRound, 'TT-11/TTr-UBND (thử nghiệm)');
    const province = await openProvinceRoundWithIntake(ctx, { staff });
    roundId = province.roundId;
    dossierId = province.taken.find((d: Json) => d.productId === product.productId)?.dossierId;
    await acceptDossier(ctx, staff.vinhLongOfficer.token, dossierId);
    await seatCouncilAndStartScoring(ctx, { staff }, staff.vinhLongOfficer.token, roundId);

    // Two members answer as the story's 4★ sheet does; the third lowers criteria without a star marker until the
    // sheet is 25 points below theirs, far more than the 15 a sheet may stand apart unexplained.
    four = await fourStarChoices(ctx, SET);
    const sheet = await ctx.rating.get(`/rubrics/qd148-2023/sets/${SET}`);
    const criteria: Json[] = sheet.parts.flatMap((p: Json) => p.sections.flatMap((s: Json) => s.criteria));
    const total = (choices: Record<string, number>) =>
      criteria.reduce((sum, c) => sum + c.options[choices[c.key]].points, 0);
    fourTotal = total(four);
    far = { ...four };
    for (const c of criteria) {
      if (total(far) <= fourTotal - 25) break;
      if (c.minStars || c.options.some((o: Json) => o.minStars)) continue;
      const points: number[] = c.options.map((o: Json) => o.points);
      far[c.key] = points.indexOf(Math.min(...points));
    }
    farTotal = total(far);
    expect(farTotal).toBeLessThanOrEqual(fourTotal - 25);
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  const points = (n: number) => String(Math.round(n * 100) / 100).replace('.', ',');

  /** A member signs in, opens the dossier from the council's list, answers every criterion and submits. */
  async function score(page: Page, key: string, choices: Record<string, number>, expectedTotal: number) {
    await signIn(page, portal, person(key), 'vi', /\/hoi-dong$/);
    const toScore = page.getByRole('region', { name: /Cần chấm/ }).getByRole('link', { name: productName });
    await toScore.waitFor();
    if (key === memberKeys[0]) await checkPage(page, 'council-dossiers-vi');
    await toScore.click();
    await page.getByRole('heading', { level: 1, name: productName }).waitFor();
    // The evidence beside the sheet: the producer's documents, each to download.
    await page.getByRole('region', { name: 'Hồ sơ của chủ thể' }).getByRole('link').first().waitFor();
    for (const [criterion, option] of Object.entries(choices)) {
      const group = page.getByRole('radiogroup', {
        name: new RegExp(`^${criterion.replace(/\./g, '\\.')} `),
      });
      await group.getByRole('radio').nth(option).check();
    }
    await page
      .locator('.sheet-total')
      .getByText(`Tổng điểm: ${points(expectedTotal)}/100`)
      .waitFor();
    await page.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.getByText('Đã lưu nháp phiếu chấm.').waitFor();
    await page.getByRole('button', { name: 'Nộp phiếu chấm' }).click();
    await page.getByRole('button', { name: 'Đồng ý' }).click();
    await page.getByText('Đã nộp phiếu chấm.').waitFor();
  }

  it('three members score in the form; the far sheet is explained before the chair finalises; the province certifies', async () => {
    const desk = await personContext(browser, { viewport: DESKTOP });
    try {
      for (const key of memberKeys.slice(0, 2)) {
        const page = await desk.newPage();
        await score(page, key, four, fourTotal);
        if (key === memberKeys[0]) await checkPage(page, 'council-sheet-submitted-vi');
        await page.close();
        await desk.clearCookies();
      }

      const farPage = await desk.newPage();
      await score(farPage, memberKeys[2], far, farTotal);
      await farPage
        .getByText('Tổng điểm phiếu của bạn lệch hơn 15 điểm so với mọi phiếu khác.', { exact: false })
        .waitFor();
      await checkPage(farPage, 'council-sheet-far-apart-vi');

      // The chair, in another browser: progress, the far sheet flagged, finalising refused until it is explained.
      const chairContext = await personContext(browser, { viewport: DESKTOP });
      const chair = await chairContext.newPage();
      await signIn(chair, portal, person('chair'), 'vi', /\/hoi-dong$/);
      await chair.goto(`${portal}/hoi-dong/ho-so/${dossierId}`);
      const progress = chair.getByRole('region', { name: 'Tiến độ chấm của hội đồng' });
      await progress.getByText(/3\/\d+ thành viên đã nộp phiếu\./).waitFor();
      await progress
        .getByRole('row', { name: person(memberKeys[2]).displayName })
        .getByText('Chưa giải trình')
        .waitFor();
      await checkPage(chair, 'council-chair-progress-vi');
      await chair.getByRole('button', { name: 'Chốt kết quả' }).click();
      await chair.getByRole('button', { name: 'Đồng ý' }).click();
      await chair
        .getByText('Còn phiếu lệch xa chưa có giải trình của thành viên.', { exact: false })
        .waitFor();

      // An empty explanation is stopped beside the box; a real one is sent.
      await farPage.getByRole('button', { name: 'Gửi giải trình' }).click();
      await farPage.getByText('Ghi giải trình (ít nhất 3 ký tự)').waitFor();
      await farPage.getByLabel('Giải trình').fill(explanation);
      await farPage.getByRole('button', { name: 'Gửi giải trình' }).click();
      await farPage.getByText(`: ${explanation}`, { exact: false }).first().waitFor();

      await chair.reload();
      await progress.getByText(`Giải trình: ${explanation}`).waitFor();
      await chair.getByRole('button', { name: 'Chốt kết quả' }).click();
      await chair.getByRole('button', { name: 'Đồng ý' }).click();
      await chair.getByText('Đã chốt kết quả.', { exact: false }).waitFor();
      const result = await ctx.rating.get(`/dossiers/${dossierId}/result`, {
        token: staff.vinhLongOfficer.token,
      });
      expect(result).toMatchObject({ status: 'finalised', sheetCount: 3 });
      expect(result.average).toBeCloseTo((2 * fourTotal + farTotal) / 3, 1);
      await chair
        .getByRole('region', { name: 'Kết quả của hội đồng' })
        .getByText(`${result.stars} sao · điểm trung bình ${points(result.average)} · 3 phiếu`)
        .waitFor();
      // Why the star is below the average's band, when a star marker or the level holds it there.
      for (const reason of result.cappedBy.explanations as { vi: string }[])
        await chair.getByRole('region', { name: 'Kết quả của hội đồng' }).getByText(reason.vi).waitFor();
      await checkPage(chair, 'council-result-vi');
      await chairContext.close();

      // The province approves; the certificate carries the council's star.
      const approved = await approveResults(
        ctx,
        staff.vinhLongOfficer.token,
        roundId,
        'QĐ-12/QĐ-UBND (thử nghiệm)',
      );
      const certificateId = approved.results.find((r: Json) => r.dossierId === dossierId)?.certificateId;
      expect(certificateId).toEqual(expect.any(String));
      const certificate = await ctx.rating.get(`/certificates/${certificateId}`, {
        token: staff.vinhLongOfficer.token,
      });
      expect(certificate).toMatchObject({ stars: result.stars, status: 'issued' });
    } finally {
      await desk.close();
    }
  }, 600_000);

  it('on a phone in English, a member reads every sheet and the far sheet’s explanation once finalised', async () => {
    const phone = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    try {
      const page = await phone.newPage();
      await signIn(page, portal, person(memberKeys[0]), 'en', /\/hoi-dong$/);
      await page
        .getByRole('region', { name: /Result finalised/ })
        .getByRole('link', { name: productName })
        .click();
      const progress = page.getByRole('region', { name: "The council's sheets" });
      await progress.getByText(`Explanation: ${explanation}`).waitFor();
      await progress.getByRole('cell', { name: points(farTotal).replace(',', '.'), exact: true }).waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'council-finalised-phone-en');
    } finally {
      await phone.close();
    }
  }, 300_000);
});
