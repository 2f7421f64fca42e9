import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import { login, StoryContext } from '../story';
import { eventually, Json } from '../story/api';
import { bootE2ePlatform, BOOTSTRAP_ADMIN, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { addCommuneOfficer, checkPage, signIn, squareField, verifiedHousehold } from './seed';

/**
 * The officer's desk in the portal (issue 18), in headless Chromium against the whole built platform. A household
 * signs up in Phường Phú Khương and, on its phone, files its registration papers from its home page (a file that
 * only pretends to be a PDF is refused beside the button); the ward's officer signs in, finds it waiting first
 * (it has waited longest), reads its registration with the papers beside it, downloads the licence and verifies
 * it. The household (through the API) asks for a growing-area code with its boundary; the officer opens
 * the request from the queue, sees the field on the map, first tries to refuse without a reason (stopped beside
 * the box), then issues the code, which the page shows as the API holds it. A verified producer who renamed itself
 * waits as "changed details", with the change set beside what was verified; the officer refuses the change with
 * a reason, on a 360-px phone in English.
 */
const PHU_KHUONG = '28756'; // Phường Phú Khương, on the map in force (Vĩnh Long from July 2025)
const LICENCE = Buffer.from('%PDF-1.4\n% Giấy chứng nhận đăng ký hộ kinh doanh\n%%EOF\n');
const LAND_CERTIFICATE = Buffer.from('%PDF-1.4\n% Giấy chứng nhận quyền sử dụng đất\n%%EOF\n');

describe('the officer’s queues in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let officerToken: string;

  const officer = {
    email: 'xacminh.phukhuong@ocop.local',
    displayName: 'Cán bộ xác minh Phú Khương',
    communeCode: PHU_KHUONG,
    password: 'cán bộ phường Phú Khương xác minh hồ sơ',
  };
  const newcomer = {
    type: 'household' as const,
    taxCode: '086190007788',
    name: 'Hộ kinh doanh Chuối Ba Lành',
    communeCode: PHU_KHUONG,
    fullName: 'Trần Thị Lành',
    email: 'balanh.chuoi@example.vn',
    password: 'chuối xiêm Ba Lành phường Phú Khương',
  };
  const renamer = {
    type: 'household' as const,
    taxCode: '086190009900',
    name: 'Hộ kinh doanh Dừa Sáp Út Hiền',
    communeCode: PHU_KHUONG,
    fullName: 'Nguyễn Văn Hiền',
    email: 'uthien.duasap@example.vn',
    password: 'dừa sáp Út Hiền cơm dẻo thơm',
  };
  let newcomerProducerId: string;
  let renamerProducerId: string;

  beforeAll(async () => {
    e2e = await bootE2ePlatform();
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    const admin = await login(ctx, BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    officerToken = await addCommuneOfficer(ctx, admin, officer);
    // The newcomer only signs up: verifying it is the officer's work in the browser.
    await ctx.identity.post('/registrations', { body: newcomer, expect: 202 });
    const newcomerToken = await login(ctx, newcomer.email, newcomer.password);
    ({ producerId: newcomerProducerId } = (await ctx.identity.get('/me', { token: newcomerToken })) as {
      producerId: string;
    });
    // The catalogue hears of the sign-up from identity's event; its home page reads the record from there.
    await eventually(() => ctx.catalogue.get(`/producers/${newcomerProducerId}`, { token: newcomerToken }));
    // A verified household then renames itself: it waits for the officer again (issue 13, item 2).
    const verified = await verifiedHousehold(ctx, officerToken, renamer);
    renamerProducerId = verified.producerId;
    await ctx.catalogue.patch(`/producers/${renamerProducerId}`, {
      token: verified.token,
      body: { name: 'Hộ kinh doanh Dừa Sáp Hiền Phát' },
      expect: 200,
    });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('while it waits, the newcomer files its registration papers from its home page on a phone', async () => {
    const context = await personContext(browser, { viewport: PHONE });
    const page = await context.newPage();
    try {
      await signIn(page, portal, newcomer, 'vi', /\/co-so$/);
      const papers = page.getByRole('region', { name: 'Giấy tờ kèm theo' });
      await papers.getByText('Chưa có giấy tờ nào.').waitFor();
      const chooser = page.waitForEvent('filechooser');
      await papers.getByRole('button', { name: 'Tải giấy tờ lên' }).click();
      await (
        await chooser
      ).setFiles({ name: 'Giấy đăng ký hộ kinh doanh.pdf', mimeType: 'application/pdf', buffer: LICENCE });
      await papers.getByRole('link', { name: 'Giấy đăng ký hộ kinh doanh.pdf' }).waitFor();

      // A page of a web site saved as ".pdf" is not a PDF: refused beside the button, nothing stored.
      const second = page.waitForEvent('filechooser');
      await papers.getByRole('button', { name: 'Tải giấy tờ lên' }).click();
      await (
        await second
      ).setFiles({ name: 'cccd.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>CCCD</html>') });
      await papers.getByRole('alert').filter({ hasText: 'Nội dung tệp không đúng loại tệp' }).waitFor();
      const newcomerToken = await login(ctx, newcomer.email, newcomer.password);
      const filed = await ctx.catalogue.get(`/producers/${newcomerProducerId}/documents`, {
        token: newcomerToken,
      });
      expect(filed.map((d: Json) => d.fileName)).toEqual(['Giấy đăng ký hộ kinh doanh.pdf']);
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'producer-registration-papers-vi-phone');
    } finally {
      await context.close();
    }
  }, 240_000);

  it('an officer verifies a new producer and issues a growing-area code from the queue, in Vietnamese', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await signIn(page, portal, officer, 'vi', /\/can-bo$/);
      const producers = page.getByRole('region', { name: /Chủ thể chờ xác minh/ });
      // The catalogue hears of the sign-up from identity's event: wait for its queue to hold the newcomer, then
      // open the desk. (Polling the page itself with a short wait failed on a busy machine, where the page took
      // longer than the wait to draw, and a browser timeout is not something `eventually` retries.)
      class NotYet extends Error {}
      await eventually(
        async () => {
          const queue = await ctx.catalogue.get('/producers?status=pending&limit=100', {
            token: officerToken,
          });
          if (!queue.items.some((p: Json) => p.producerId === newcomerProducerId))
            throw new NotYet('not in the queue yet');
        },
        { retryOn: (e) => e instanceof NotYet, timeoutMs: 60_000, intervalMs: 300 },
      );
      await page.reload();
      await producers.getByRole('link', { name: newcomer.name }).waitFor();
      await producers.getByRole('heading', { name: /\(2 đang chờ\)/ }).waitFor();
      await producers
        .locator('li', { hasText: 'Hộ kinh doanh Dừa Sáp Hiền Phát' })
        .filter({ hasText: 'Đổi thông tin' })
        .waitFor();
      // The newcomer signed up before the other household asked for its change: it has waited longest, so it
      // comes first (by name it would come second).
      expect(await producers.locator('li').first().textContent()).toContain(newcomer.name);
      await checkPage(page, 'officer-queues-vi');

      await producers.getByRole('link', { name: newcomer.name }).click();
      await page.getByRole('heading', { level: 1, name: newcomer.name }).waitFor();
      const registration = await page.getByRole('main').textContent();
      expect(registration).toContain('086190007788');
      expect(registration).toContain('Trần Thị Lành');
      expect(registration).toContain('Phường Phú Khương');
      const papers = page.getByRole('region', { name: 'Giấy tờ kèm theo' });
      const licence = papers.getByRole('link', { name: 'Giấy đăng ký hộ kinh doanh.pdf' });
      const download = page.waitForEvent('download');
      await licence.click();
      const saved = await (await download).path();
      expect(readFileSync(saved).equals(LICENCE)).toBe(true);
      // The officer reads the papers; only their owner adds or removes them.
      expect(await papers.getByRole('button').count()).toBe(0);
      await checkPage(page, 'officer-producer-review-vi');
      await page.getByLabel('Lý do hoặc ghi chú').fill('Đã đối chiếu CCCD và giấy đăng ký hộ kinh doanh');
      await page.getByRole('button', { name: 'Xác minh chủ thể' }).click();
      await page.getByRole('status').filter({ hasText: 'Đã xác minh' }).waitFor();
      const producer = await ctx.catalogue.get(`/producers/${newcomerProducerId}`, { token: officerToken });
      expect(producer).toMatchObject({ status: 'verified' });

      // The household's son will print the labels: the officer invites him from the producer's page, then sends
      // the invitation again (he says the mail never came), confirming that the first link stops working.
      const people = page.getByRole('region', { name: 'Người dùng của chủ thể' });
      // The household's own account, made when it signed up, is there already.
      await people.locator('li', { hasText: newcomer.email }).getByText('Đang hoạt động').waitFor();
      await people.getByLabel('Họ và tên').fill('Trần Văn Tâm');
      await people.getByLabel('E-mail').fill('tam.balanh@example.vn');
      await people.getByRole('button', { name: 'Gửi lời mời' }).click();
      await people.getByText(/^Đã gửi lời mời tới tam\.balanh@example\.vn\./).waitFor();
      await people.locator('li', { hasText: 'Trần Văn Tâm' }).getByText('Chờ nhận lời mời').waitFor();
      await people.getByRole('button', { name: 'Gửi lại lời mời cho Trần Văn Tâm' }).click();
      await page.getByRole('tooltip').getByRole('button', { name: 'Gửi lại lời mời' }).click();
      await people.getByText(/^Đã gửi lại lời mời tới tam\.balanh@example\.vn\./).waitFor();
      const invited = await ctx.identity.get(`/producer-invitations?producerId=${newcomerProducerId}`, {
        token: officerToken,
      });
      expect(invited.items).toEqual([
        expect.objectContaining({
          email: 'tam.balanh@example.vn',
          roles: ['producer'],
          producerId: newcomerProducerId,
          status: 'invited',
        }),
        expect.objectContaining({ email: newcomer.email, status: 'active' }),
      ]);
      await checkPage(page, 'officer-producer-people-vi');

      // The now verified household asks for a growing-area code, with its field's boundary.
      const newcomerToken = await login(ctx, newcomer.email, newcomer.password);
      const field = squareField(110).features[0].geometry;
      const area = await ctx.traceability.post('/growing-areas', {
        token: newcomerToken,
        body: {
          name: 'Vườn chuối xiêm Ba Lành',
          crop: 'Chuối',
          variety: 'Xiêm',
          cropCycle: 'perennial',
          areaHa: 1.2,
          boundary: field,
          standard: 'basic-gap',
          expectedYieldTonnesPerYear: 30,
          facilityName: newcomer.name,
          place: { provinceCode: '86', communeCode: PHU_KHUONG },
        },
        expect: 201,
      });
      await ctx.traceability.post(
        `/growing-areas/${area.growingAreaId}/documents?fileName=${encodeURIComponent('Sổ đỏ vườn chuối.pdf')}`,
        {
          token: newcomerToken,
          raw: { contentType: 'application/pdf', payload: LAND_CERTIFICATE },
          expect: 201,
        },
      );

      await page.getByRole('link', { name: 'Về việc chờ xử lý' }).first().click();
      await producers.getByRole('heading', { name: /\(1 đang chờ\)/ }).waitFor();
      const areas = page.getByRole('region', { name: /Vùng trồng chờ cấp mã/ });
      await areas.getByRole('link', { name: 'Vườn chuối xiêm Ba Lành' }).click();
      await page.getByRole('heading', { level: 1, name: 'Vườn chuối xiêm Ba Lành' }).waitFor();
      await page
        .locator('.areas-map[data-rendered-shapes]:not([data-rendered-shapes="0"])')
        .first()
        .waitFor();
      await page.getByRole('link', { name: newcomer.name }).waitFor();
      await page
        .getByRole('region', { name: 'Giấy tờ kèm theo' })
        .getByRole('link', { name: 'Sổ đỏ vườn chuối.pdf' })
        .waitFor();
      await checkPage(page, 'officer-growing-area-review-vi');

      // Refusing needs a reason the producer reads: said beside the box, nothing sent.
      await page.getByRole('button', { name: 'Từ chối' }).click();
      await page.getByText('Ghi lý do để chủ thể biết vì sao (Từ chối)').waitFor();
      expect(
        await ctx.traceability.get(`/growing-areas/${area.growingAreaId}`, { token: officerToken }),
      ).toMatchObject({ status: 'pending' });

      await page.getByLabel('Lý do hoặc ghi chú').fill('Quyết định 45/QĐ-UBND phường Phú Khương');
      await page.getByRole('button', { name: 'Cấp mã' }).click();
      await page.locator('.areas-code').waitFor();
      const issued = await ctx.traceability.get(`/growing-areas/${area.growingAreaId}`, {
        token: officerToken,
      });
      expect(issued).toMatchObject({
        status: 'issued',
        code: expect.stringMatching(/^VN-86-28756-01-\d{2}$/),
      });
      await page
        .locator('.areas-code')
        .getByText(issued.code as string, { exact: true })
        .waitFor();
      await page.getByText('Lý do: Quyết định 45/QĐ-UBND phường Phú Khương').waitFor();
      // What the officer can do next follows the status: suspend, re-issue or cancel, no second issue.
      await page.getByRole('button', { name: 'Tạm đình chỉ' }).waitFor();
      expect(await page.getByRole('button', { name: 'Cấp mã', exact: true }).count()).toBe(0);
      await checkPage(page, 'officer-growing-area-issued-vi');

      await page.getByRole('link', { name: 'Về danh sách' }).click();
      await areas.getByText('Không có vùng trồng nào chờ cấp mã.').waitFor();
    } finally {
      await context.close();
    }
  }, 240_000);

  it('on a phone in English, the officer reads a renamed producer’s change beside what was verified and refuses it with a reason', async () => {
    const context = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await signIn(page, portal, officer, 'en', /\/can-bo$/);
      const producers = page.getByRole('region', { name: /Producers to verify/ });
      await producers.getByRole('link', { name: 'Hộ kinh doanh Dừa Sáp Hiền Phát' }).click();
      await page.getByRole('heading', { level: 1, name: 'Hộ kinh doanh Dừa Sáp Hiền Phát' }).waitFor();
      const changedRow = page.getByRole('row', { name: /Legal name/ });
      const changed = await changedRow.textContent();
      expect(changed).toContain('(changed)');
      expect(changed).toContain(renamer.name);
      expect(changed).toContain('Hộ kinh doanh Dừa Sáp Hiền Phát');
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'officer-producer-change-en-phone');

      await page.getByRole('button', { name: 'Refuse the change' }).click();
      await page.getByText('Write a reason so that the producer knows why (Refuse the change)').waitFor();
      await page.getByLabel('Reason or note').fill('Chưa có giấy đăng ký hộ kinh doanh mang tên mới');
      await page.getByRole('button', { name: 'Refuse the change' }).click();
      await page.getByRole('status').filter({ hasText: 'Change refused' }).waitFor();
      const producer = await ctx.catalogue.get(`/producers/${renamerProducerId}`, { token: officerToken });
      expect(producer).toMatchObject({ status: 'verified', name: renamer.name });
      expect(producer.pendingChange).toBeUndefined();
    } finally {
      await context.close();
    }
  }, 240_000);
});
