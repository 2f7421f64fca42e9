import { waitFor } from '@ocop/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Browser } from 'playwright-core';
import { Json, login, StoryContext } from '../story';
import { bootE2ePlatform, BOOTSTRAP_ADMIN, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE, readableSecrets } from './browser';
import { addCommuneOfficer, checkPage, verifyProducer } from './seed';

/**
 * The portal's front door for a producer (issue 17), in headless Chromium against the whole built platform: a
 * household signs up through the form, signs in, finds its home, gets back in with a password reset, and signs
 * out everywhere; the same in English on a 360-px phone. Every page is scanned with axe and photographed.
 */
const PHU_KHUONG = '28756'; // Phường Phú Khương, on the map in force
const ROOT = join(__dirname, '../../../..');

describe('the portal for producers (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let officer: string;

  const household = {
    name: 'Hộ kinh doanh Bánh tráng Cô Ba',
    taxCode: '086190007788',
    fullName: 'Nguyễn Thị Ba',
    email: 'coba.banhtrang@example.vn',
    password: 'bánh tráng Mỹ Lồng phơi sương sớm',
  };

  const mailTo = (address: string, subject: RegExp) =>
    waitFor(
      async () => {
        const mails = (await (await fetch(`${e2e.platform.mailUrl}/messages.json`)).json()) as Json[];
        const found = mails.find((m) => JSON.stringify(m.to).includes(address) && subject.test(m.subject));
        expect(found).toBeDefined();
        return found as Json;
      },
      { intervalMs: 250 },
    );

  beforeAll(async () => {
    e2e = await bootE2ePlatform({ extraEnv: { notifications: { DISPATCH_POLL_MS: '200' } } });
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    const admin = await login(ctx, BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    officer = await addCommuneOfficer(ctx, admin, {
      email: 'canbo.phukhuong@ocop.local',
      displayName: 'Cán bộ Phú Khương',
      communeCode: PHU_KHUONG,
      password: 'cán bộ phường Phú Khương trực ban',
    });
    browser = await launchChromium();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('the portal’s typed API client matches what the services serve (npm run api:client --check)', async () => {
    const run = await promisify(execFile)(
      process.execPath,
      ['tools/dev/api-client.mjs', '--check', '--url', portal],
      { cwd: ROOT },
    ).catch((err: { stderr: string; code: number }) => err);
    expect('code' in run ? run.stderr : '').toBe('');
  });

  it('a household signs up, signs in and lands on its home, in Vietnamese; no token is readable by the page', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(portal);
    await page.waitForURL(/\/dang-nhap$/);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await checkPage(page, 'sign-in-desktop');

    await page.getByRole('link', { name: 'Đăng ký cơ sở mới' }).click();
    await page.getByLabel('Tên cơ sở (tên pháp lý)').fill(household.name);
    await page.getByLabel('Số định danh cá nhân (CCCD) hoặc mã số thuế hộ').fill(household.taxCode);
    await page.getByLabel('Xã, phường nơi sản xuất').fill('phu khuong');
    await page.locator('.ant-select-item-option', { hasText: 'Phú Khương' }).first().click();
    await page.getByLabel('Họ tên người đại diện').fill(household.fullName);
    // Neither e-mail nor phone: the form says so under the phone field, before anything is sent.
    await page.getByLabel('Mật khẩu', { exact: true }).fill(household.password);
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.getByText('Nhập e-mail hoặc số điện thoại').first().waitFor();
    await page.getByLabel('E-mail').fill(household.email);
    await checkPage(page, 'sign-up-desktop');
    await page.getByRole('button', { name: 'Đăng ký' }).click();
    await page.getByRole('heading', { name: 'Đã nhận đăng ký' }).waitFor();

    await page.getByRole('link', { name: 'Đăng nhập' }).click();
    await page.getByLabel('E-mail hoặc số điện thoại').fill(household.email);
    await page.getByLabel('Mật khẩu').fill('not the password at all');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').filter({ hasText: 'mật khẩu chưa đúng' }).waitFor();

    await page.getByLabel('Mật khẩu').fill(household.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/co-so$/);
    await page.getByText('chờ cán bộ xã xác minh').first().waitFor();
    expect(await readableSecrets(page)).toEqual([]);
    await checkPage(page, 'producer-home-pending-desktop');

    // The commune's officer verifies the producer (through the API here; the officer's screens are issue 18).
    const me = (await page.evaluate(() => fetch('/api/session').then((r) => r.json()))) as {
      account: { producerId: string };
    };
    await verifyProducer(ctx, officer, me.account.producerId);
    await page.reload();
    await page.getByText('Đã xác minh').first().waitFor();
    await checkPage(page, 'producer-home-desktop');

    await page.getByRole('link', { name: 'Tài khoản' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Tài khoản của tôi' }).waitFor();
    await checkPage(page, 'account-desktop');

    // An old or mistyped address gets a page that says so, and its one way out is a link home.
    await page.goto(`${portal}/khong-co-trang-nay`);
    await page.getByRole('heading', { level: 1, name: 'Không tìm thấy trang' }).waitFor();
    await checkPage(page, 'not-found-desktop');
    await page.getByRole('link', { name: 'Về trang chủ' }).click();
    await page.waitForURL(/\/co-so$/);
    await context.close();
  });

  it('a notice arrives while the producer watches the inbox, leads to its page, and the settings decide what comes', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${portal}/dang-nhap`);
    await page.getByLabel('E-mail hoặc số điện thoại').fill(household.email);
    await page.getByLabel('Mật khẩu').fill(household.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/co-so$/);
    await page.getByRole('link', { name: 'Thông báo', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
    await page.getByText('Bạn chưa có thông báo nào').waitFor();

    // The household asks for a growing-area code (through the API here; the form has its own test) and the
    // commune's officer issues it: the notice appears without a reload, and the bell counts it.
    const producer = await login(ctx, household.email, household.password);
    const area = await waitFor(() =>
      ctx.traceability.post('/growing-areas', {
        token: producer,
        body: {
          name: 'Ruộng lúa nếp Cô Ba',
          crop: 'Lúa nếp',
          variety: 'Nếp cái hoa vàng',
          cropCycle: 'annual',
          areaHa: 0.8,
          standard: 'other',
          standardDetail: 'Canh tác truyền thống',
          expectedYieldTonnesPerYear: 4,
          facilityName: household.name,
          place: { provinceCode: '86', communeCode: PHU_KHUONG },
        },
        expect: 201,
      }),
    );
    const issued = await ctx.traceability.post(`/growing-areas/${area.growingAreaId}/issue`, {
      token: officer,
      body: { reason: 'Quyết định cấp mã số vùng trồng' },
      expect: 200,
    });
    // A commune on the map in force has no district, and its code has none (decision 0054).
    expect(issued.code).toMatch(new RegExp(`^VN-86-${PHU_KHUONG}-\\d{2}-\\d{2}$`));
    const notice = page.locator('.notice-unread').filter({ hasText: 'Ruộng lúa nếp Cô Ba' });
    await notice.waitFor();
    await page.getByRole('link', { name: 'Thông báo, 1 chưa đọc' }).waitFor();
    expect(await notice.getByRole('link', { name: 'Xem chi tiết' }).getAttribute('href')).toBe(
      `/vung-trong/${area.growingAreaId}`,
    );
    await checkPage(page, 'notifications-desktop');
    await notice.getByRole('button', { name: 'Đánh dấu đã đọc' }).click();
    await page.getByRole('link', { name: 'Thông báo, 0 chưa đọc' }).waitFor();
    await page.getByText('Bạn đã đọc hết thông báo').waitFor({ state: 'detached' });

    // Settings: only the notices a producer can get; a recall cannot be turned off; a change is kept.
    await page.getByRole('link', { name: 'Cài đặt thông báo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cài đặt thông báo' }).waitFor();
    const expiringMail = page.getByRole('switch', {
      name: 'Giấy chứng nhận sắp hết hạn (90, 30, 7 ngày): E-mail',
    });
    await expiringMail.click();
    await page.waitForFunction(
      () =>
        !(
          globalThis as unknown as { document: { querySelector(s: string): unknown } }
        ).document.querySelector('.ant-switch-loading'),
    );
    expect(await page.getByRole('switch', { name: 'Lô hàng bị thu hồi: E-mail' }).isDisabled()).toBe(true);
    expect(await page.getByText('Hồ sơ OCOP chờ thẩm định').count()).toBe(0);
    await checkPage(page, 'notification-settings-desktop');
    await page.reload();
    await expect(expiringMail.getAttribute('aria-checked')).resolves.toBe('false');
    const saved = await ctx.notifications.get('/preferences', { token: producer });
    expect(saved.find((p: Json) => p.workflow === 'certificate-expiring').channels).toEqual({
      'in-app': true,
      email: false,
    });
    await context.close();
  });

  it('a producer who forgot the password gets back in with the e-mailed link', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(`${portal}/quen-mat-khau`);
    await page.getByLabel('E-mail').fill(household.email);
    await checkPage(page, 'forgot-password-desktop');
    await page.getByRole('button', { name: 'Gửi liên kết' }).click();
    await page.getByText('Hãy kiểm tra hộp thư').waitFor();

    const mail = await mailTo(household.email, /mật khẩu/i);
    const link = /https?:\/\/\S+\/dat-lai-mat-khau#token=[A-Za-z0-9_-]+/.exec(mail.text as string)?.[0];
    expect(link).toBeDefined();
    await page.goto(`${portal}${new URL(link as string).pathname}${new URL(link as string).hash}`);
    const newPassword = 'bánh tráng nướng Cô Ba giòn rụm';
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
    await checkPage(page, 'reset-password-desktop');
    await page.getByRole('button', { name: 'Lưu mật khẩu mới' }).click();
    await page.waitForURL(/\/dang-nhap\?reset=done$/);
    await page.getByLabel('E-mail hoặc số điện thoại').fill(household.email);
    await page.getByLabel('Mật khẩu').fill(newPassword);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/co-so$/);
    household.password = newPassword;
    await context.close();
  });

  it('in English on a 360-px phone: the same pages, nothing wider than the screen; sign out everywhere ends the other browser’s session', async () => {
    const desk = await personContext(browser, { viewport: DESKTOP });
    const other = await desk.newPage();
    await other.goto(`${portal}/dang-nhap`);
    await other.getByLabel('E-mail hoặc số điện thoại').fill(household.email);
    await other.getByLabel('Mật khẩu').fill(household.password);
    await other.getByRole('button', { name: 'Đăng nhập' }).click();
    await other.waitForURL(/\/co-so$/);

    const phone = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    const page = await phone.newPage();
    await page.goto(`${portal}/dang-nhap`);
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await checkPage(page, 'sign-in-phone-en');
    await page.getByLabel('E-mail or phone number').fill(household.email);
    await page.getByLabel('Password').fill(household.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/co-so$/);
    await page.getByText('Verified').first().waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'producer-home-phone-en');

    await page.getByRole('link', { name: 'Notifications, 0 unread' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByText('Ruộng lúa nếp Cô Ba').first().waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'notifications-phone-en');

    await page.getByRole('button', { name: 'Open the menu' }).click();
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(page, 'account-phone-en');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('button', { name: 'Yes' }).click();
    // The sign-in page, possibly remembering the account page to return to (whichever redirect lands first).
    await page.waitForURL(/\/dang-nhap(\?|$)/);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    await other.reload();
    await other.waitForURL(/\/dang-nhap(\?|$)/);
    await desk.close();
    await phone.close();
  });
});
