import { waitFor } from '@ocop/testing';
import { Browser } from 'playwright-core';
import { Json, login, StoryContext } from '../story';
import { bootE2ePlatform, BOOTSTRAP_ADMIN, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { checkPage, signIn } from './seed';

const PHU_KHUONG = '28756'; // Phường Phú Khương, on the map in force (Vĩnh Long from July 2025)
const VINH_LONG = '86';

/**
 * An admin manages accounts in the portal (issue 18): creates a ward officer's account in the form (the service's
 * refusal of a password too easy to guess shown under the password first), adds the council role and widens the
 * territory to the province; the officer then mistypes the password until the account locks (through the API's
 * /auth/login), the admin unlocks it and the officer signs in; the admin disables the account (the officer cannot
 * sign in) and enables it again; gives a retailer an API key, seen once, which the retailer's till exchanges for a
 * token and uses against the verification API, then revokes it; the audit trail shows each of those actions, in
 * Viet Nam time; an invitation left unopened until it expired is seen expired and sent again; on their phone the
 * person finds the old mail's link replaced and accepts the new one, choosing the first password (decision 0066). Vietnamese on a desktop; the pages in English on a 360-px phone. Each page
 * checked with axe.
 */
describe('an admin manages accounts, locks, API keys and reads the audit trail in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let admin: string;
  let retailerId: string;
  let officerId: string;

  const officer = {
    email: 'thucuc.canbo@ocop.local',
    displayName: 'Lê Thị Thu Cúc',
    password: 'cúc vàng nở bên bờ sông Cổ Chiên',
  };
  const retailer = { email: 'dacsan.bentre@example.vn', displayName: 'Cửa hàng đặc sản Bến Tre' };
  const invitee = {
    email: 'bichngoc.hoidong@ocop.local',
    displayName: 'Phan Thị Bích Ngọc',
    password: 'bưởi da xanh Mỏ Cày ngọt lịm',
  };
  const INVITATION_SUBJECT =
    'Lời mời sử dụng nền tảng OCOP Bến Tre / Your invitation to the OCOP Ben Tre platform';

  const account = (id: string): Promise<Json> => ctx.identity.get(`/admin/accounts/${id}`, { token: admin });
  const signInAs = (password: string) =>
    ctx.identity.request('POST', '/auth/login', {
      body: { identifier: officer.email, password },
      expect: [200, 401, 403, 423, 429],
    });
  const vietnamTime = (iso: string) =>
    new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(iso));

  /** The invitation links notifications mailed to an address (the mail catcher's), oldest first. */
  const invitationTokens = async (address: string): Promise<string[]> => {
    const mails = (await (await fetch(`${e2e.platform.mailUrl}/messages.json`)).json()) as Json[];
    return mails
      .filter((m) => JSON.stringify(m.to).includes(address) && m.subject === INVITATION_SUBJECT)
      .map((m) => /\/chap-nhan-loi-moi#token=([A-Za-z0-9_-]+)/.exec(m.text)?.[1] as string);
  };
  const acceptInvitation = (token: string) =>
    ctx.identity.request('POST', '/auth/accept-invite', {
      body: { token, password: invitee.password },
      expect: [204, 400, 410],
    });

  /** The sign-in page as the officer sees it, in a browser of their own. */
  async function officerSignIn(expectation: { home: RegExp } | { refusal: string }): Promise<void> {
    const context = await personContext(browser, { viewport: DESKTOP });
    try {
      const page = await context.newPage();
      if ('home' in expectation) {
        await signIn(page, portal, officer, 'vi', expectation.home);
        return;
      }
      await page.goto(`${portal}/dang-nhap`);
      await page.getByLabel('E-mail hoặc số điện thoại').fill(officer.email);
      await page.getByLabel('Mật khẩu').fill(officer.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByText(expectation.refusal).waitFor();
      expect(page.url()).toMatch(/\/dang-nhap$/);
    } finally {
      await context.close();
    }
  }

  beforeAll(async () => {
    // Four wrong passwords lock an account instead of ten spread over a minute of growing waits: the same lock.
    // Mails go out within a fifth of a second of their event, rather than the second the dispatcher waits by default.
    e2e = await bootE2ePlatform({
      extraEnv: {
        identity: { LOGIN_LOCK_AFTER_FAILURES: '4' },
        notifications: { DISPATCH_POLL_MS: '200' },
      },
    });
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    admin = await login(ctx, BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const created = await ctx.identity.post('/admin/accounts', {
      token: admin,
      body: { ...retailer, roles: ['retailer'], password: 'quầy đặc sản dừa sáp Cầu Kè' },
      expect: 201,
    });
    retailerId = created.account.accountId;
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    expect(await e2e?.dispose()).toEqual([]);
  }, 120_000);

  it('creates an officer, changes its roles, unlocks it, disables and enables it', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await signIn(page, portal, BOOTSTRAP_ADMIN, 'vi', /\/quan-tri$/);
      await page.getByRole('link', { name: 'Tài khoản người dùng' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tài khoản người dùng' }).waitFor();
      await page.getByRole('link', { name: retailer.displayName }).waitFor();
      await checkPage(page, 'admin-accounts-vi');

      await page.getByRole('link', { name: 'Tạo tài khoản' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tạo tài khoản' }).waitFor();
      await page.getByLabel('Họ tên').fill(officer.displayName);
      await page.getByLabel('E-mail', { exact: true }).fill(officer.email);
      // antd's button-styled radios hide their input: a person clicks the button's label.
      await page.getByText('Đặt mật khẩu ban đầu', { exact: true }).click();
      // Long enough for the form, too easy to guess for the service (a favourite Vietnamese password and a year).
      const password = page.getByLabel('Mật khẩu ban đầu', { exact: true });
      await password.fill('matkhau2026');
      await page.getByRole('checkbox', { name: /^Cán bộ/ }).check();
      await page.getByRole('combobox', { name: /Xã, phường/ }).fill('phu khuong');
      await page.locator('.ant-select-item-option', { hasText: 'Phường Phú Khương' }).first().click();
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      // The service's words, in Vietnamese, under the password itself.
      await page
        .locator('.ant-form-item', { has: password })
        .getByText(/^Mật khẩu quá dễ đoán/)
        .waitFor();
      await expect(password.getAttribute('aria-invalid')).resolves.toBe('true');
      await checkPage(page, 'admin-account-new-refused-vi');
      const none = await ctx.identity.get('/admin/accounts?role=officer', { token: admin });
      expect(none.items.map((a: Json) => a.email)).not.toContain(officer.email);

      await password.fill(officer.password);
      await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
      await page.getByRole('heading', { level: 1, name: officer.displayName }).waitFor();
      await page.getByText('Đã tạo tài khoản. Người dùng đăng nhập được bằng mật khẩu ban đầu.').waitFor();
      officerId = page.url().split('/').pop() as string;
      expect(await account(officerId)).toMatchObject({
        email: officer.email,
        roles: ['officer'],
        scope: { provinceCode: VINH_LONG, communeCode: PHU_KHUONG },
        status: 'active',
      });
      const facts = page.getByRole('region', { name: 'Thông tin' });
      await facts.getByText('Phường Phú Khương').waitFor();
      await checkPage(page, 'admin-account-vi');

      // Roles and territory: the officer also sits on the provincial council, for the whole province.
      const roles = page.getByRole('region', { name: 'Vai trò và địa bàn' });
      await roles.getByRole('checkbox', { name: /^Hội đồng/ }).check();
      await roles.getByText('Cả tỉnh', { exact: true }).click();
      await roles.getByRole('combobox', { name: /Tỉnh$/ }).click();
      await page.locator('.ant-select-item-option', { hasText: 'Tỉnh Vĩnh Long' }).click();
      await roles.getByRole('button', { name: 'Lưu vai trò' }).click();
      await page.getByText(/^Đã lưu vai trò/).waitFor();
      const changed = await account(officerId);
      expect([...changed.roles].sort()).toEqual(['council', 'officer']);
      expect(changed.scope).toEqual({ provinceCode: VINH_LONG });
      await facts.getByText('Tỉnh Vĩnh Long').waitFor();

      // Wrong passwords lock the account; the admin sees it locked, lifts the lock, and the officer is back in.
      for (let attempt = 1; attempt <= 4; attempt += 1)
        expect((await signInAs('sai mật khẩu')).status).toBe(401);
      expect((await signInAs(officer.password)).body).toMatchObject({ code: 'account-locked' });
      await page.reload();
      await page.getByText('Tài khoản đang bị tạm khóa').waitFor();
      await page.getByText('Tạm khóa', { exact: true }).waitFor();
      const { lockedUntil } = await account(officerId);
      await page.getByText(`bị khóa đến ${vietnamTime(lockedUntil)}`, { exact: false }).waitFor();
      await checkPage(page, 'admin-account-locked-vi');
      await page.getByRole('button', { name: 'Mở khóa' }).click();
      await page.getByText('Đã mở khóa. Người dùng đăng nhập được ngay.').waitFor();
      expect(await page.getByText('Tài khoản đang bị tạm khóa').count()).toBe(0);
      await officerSignIn({ home: /\/can-bo$/ });

      // Disabled: stopped at the sign-in page; enabled again: in as before.
      const disable = page.getByRole('region', { name: 'Vô hiệu hóa tài khoản' });
      await disable.getByRole('button', { name: 'Vô hiệu hóa' }).click();
      await disable.getByText('Hãy ghi lý do vô hiệu hóa.').waitFor();
      expect((await account(officerId)).status).toBe('active');
      const reason = 'Chuyển công tác sang Sở Nông nghiệp tỉnh khác';
      await disable.getByLabel('Lý do vô hiệu hóa').fill(reason);
      await disable.getByRole('button', { name: 'Vô hiệu hóa' }).click();
      await page.getByText('Đã vô hiệu hóa tài khoản.').waitFor();
      await page.getByText(`Lý do: ${reason}`, { exact: false }).waitFor();
      expect(await account(officerId)).toMatchObject({ status: 'disabled', disabledReason: reason });
      await officerSignIn({ refusal: 'Tài khoản đã bị vô hiệu hóa. Hãy liên hệ cán bộ phụ trách.' });
      await checkPage(page, 'admin-account-disabled-vi');
      await page.getByRole('button', { name: 'Bật lại tài khoản' }).click();
      await page.getByText('Đã bật lại tài khoản.').waitFor();
      expect((await account(officerId)).status).toBe('active');
      await officerSignIn({ home: /\/can-bo$/ });
    } finally {
      await context.close();
    }
  }, 300_000);

  it("gives a retailer an API key shown once, which the retailer's till uses, then revokes it", async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal });
      await signIn(page, portal, BOOTSTRAP_ADMIN, 'vi', /\/quan-tri$/);
      await page.getByRole('link', { name: 'Tài khoản người dùng' }).click();
      await page.getByRole('combobox', { name: 'Vai trò' }).click();
      await page.locator('.ant-select-item-option', { hasText: 'Nhà bán lẻ' }).click();
      await page.waitForURL(/role=retailer/);
      await waitFor(async () =>
        expect(await page.getByRole('link', { name: officer.displayName }).count()).toBe(0),
      );
      await page.getByRole('link', { name: retailer.displayName }).click();
      await page.getByRole('heading', { level: 1, name: retailer.displayName }).waitFor();

      const keys = page.getByRole('region', { name: 'Khóa API' });
      await keys.getByText('Chưa có khóa API nào.').waitFor();
      await keys.getByRole('button', { name: 'Tạo khóa API' }).click();
      await keys.getByText('Đặt tên cho khóa').waitFor();
      await keys.getByLabel('Tên khóa').fill('Máy bán hàng quầy 1');
      await keys.getByRole('button', { name: 'Tạo khóa API' }).click();
      await keys.getByText('Khóa API mới: Máy bán hàng quầy 1').waitFor();
      await keys.getByText(/Bạn sẽ không xem lại được/).waitFor();
      const apiKey = await keys.getByLabel('Khóa API', { exact: true }).inputValue();
      expect(apiKey).toMatch(/^ocop_ak_/);
      await keys.getByRole('button', { name: 'Sao chép', exact: true }).click();
      await keys.getByText('Đã sao chép.').waitFor();
      // This file compiles without the DOM library: the page's clipboard, typed as far as it is read here.
      const clipboard = () =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText();
      expect(await page.evaluate(clipboard)).toBe(apiKey);
      await checkPage(page, 'admin-account-api-key-vi');

      // The till exchanges the key for a token and checks a code with it, as retailer-verify's page does.
      const exchange = () =>
        ctx.identity.request('POST', '/auth/token', { body: { apiKey }, expect: [200, 401] });
      const token = (await exchange()).body.accessToken as string;
      const { results } = await ctx.lookup.post('/verify', {
        token,
        body: { codes: ['không phải mã'] },
        expect: 200,
      });
      expect(results).toEqual([expect.objectContaining({ outcome: 'invalid' })]);

      await keys.getByRole('button', { name: 'Tôi đã cất' }).click();
      await page.reload();
      // Exactly the key's name: the form's help text in the same section gives that name as its example, so a
      // looser match either finds two elements or, before the list has loaded, only the example.
      await keys.getByText('Máy bán hàng quầy 1', { exact: true }).waitFor();
      await keys.getByText(`Bắt đầu bằng ${apiKey.slice(0, 12)}…`, { exact: false }).waitFor();
      await keys.getByText(/Dùng lần cuối lúc/).waitFor();
      // Shown once: after a reload the page holds no trace of the key itself.
      expect(await page.content()).not.toContain(apiKey);

      await keys.getByRole('button', { name: 'Thu hồi: Máy bán hàng quầy 1' }).click();
      await page.getByRole('tooltip').getByRole('button', { name: 'Thu hồi' }).click();
      await page.getByText('Đã thu hồi khóa Máy bán hàng quầy 1.').waitFor();
      await keys.getByText(/Đã thu hồi lúc/).waitFor();
      expect((await exchange()).body).toMatchObject({ status: 401, code: 'invalid-api-key' });
    } finally {
      await context.close();
    }
  }, 180_000);

  it('shows those actions in the audit trail, newest first, in Viet Nam time', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await signIn(page, portal, BOOTSTRAP_ADMIN, 'vi', /\/quan-tri$/);
      await page.getByRole('link', { name: 'Nhật ký quản trị' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nhật ký quản trị' }).waitFor();
      const list = page.getByRole('region', { name: 'Nhật ký quản trị' }).getByRole('list');
      await list.getByText('Thu hồi khóa API').waitFor();
      const trail = await ctx.identity.get('/admin/audit?limit=20', { token: admin });
      const actions = trail.items.map((e: Json) => e.action);
      expect(actions.slice(0, 7)).toEqual([
        'api-key.revoked',
        'api-key.created',
        'account.enabled',
        'account.disabled',
        'account.unlocked',
        'account.roles-changed',
        'account.created',
      ]);
      const items = list.getByRole('listitem');
      const shown = await items.allTextContents();
      for (const [i, label] of [
        'Thu hồi khóa API',
        'Tạo khóa API',
        'Bật lại tài khoản',
        'Vô hiệu hóa tài khoản',
        'Mở khóa tài khoản',
        'Đổi vai trò',
        'Tạo tài khoản',
      ].entries()) {
        expect(shown[i]).toContain(label);
        expect(shown[i]).toContain(vietnamTime(trail.items[i].at));
      }
      expect(shown[1]).toContain(retailer.displayName);
      expect(shown[1]).toContain('Máy bán hàng quầy 1');
      expect(shown[5]).toContain('Vai trò: Cán bộ, Hội đồng (trước đó: Cán bộ)');
      await checkPage(page, 'admin-audit-vi');

      await page.getByRole('combobox', { name: 'Hành động' }).click();
      await page.locator('.ant-select-item-option', { hasText: 'Vô hiệu hóa tài khoản' }).click();
      await waitFor(async () => expect(await items.count()).toBe(1));
      await items.getByText('Lý do: Chuyển công tác sang Sở Nông nghiệp tỉnh khác').waitFor();
      await items.getByRole('link', { name: officer.displayName }).click();
      await page.getByRole('heading', { level: 1, name: officer.displayName }).waitFor();
      await page.getByRole('link', { name: 'Nhật ký của tài khoản này' }).click();
      await page.getByText(`Chỉ về: ${officer.displayName}`).waitFor();
      await waitFor(async () => expect(await items.count()).toBe(5));
    } finally {
      await context.close();
    }
  }, 120_000);

  it('sends an expired invitation again: the admin sees it expired, and the person accepts the new link', async () => {
    // A fresh token: the one from the start of the file may be near its 15 minutes on a busy machine.
    admin = await login(ctx, BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const created = await ctx.identity.post('/admin/accounts', {
      token: admin,
      body: { email: invitee.email, displayName: invitee.displayName, roles: ['council'] },
      expect: 201,
    });
    const inviteeId = created.account.accountId as string;
    const [firstLink] = await waitFor(
      async () => {
        const tokens = await invitationTokens(invitee.email);
        expect(tokens).toHaveLength(1);
        return tokens;
      },
      { intervalMs: 250 },
    );
    // "Eight days later": the invitation's own clock columns moved back, instead of waiting out its seven days.
    const identityDb = await e2e.database('identity');
    try {
      const moved = await identityDb.query(
        `UPDATE account_invitations
         SET created_at = created_at - interval '8 days', expires_at = expires_at - interval '8 days'
         WHERE account_id = $1`,
        [inviteeId],
      );
      expect(moved.rowCount).toBe(1);
    } finally {
      await identityDb.end();
    }
    const { invitationExpiresAt: expiredAt } = await account(inviteeId);
    expect(Date.parse(expiredAt)).toBeLessThan(Date.now());
    expect((await acceptInvitation(firstLink)).body).toMatchObject({
      status: 410,
      code: 'invitation-expired',
    });

    // The same page on a phone, in English: the expiry and the button fit the screen.
    const phone = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    try {
      const page = await phone.newPage();
      await signIn(page, portal, BOOTSTRAP_ADMIN, 'en', /\/quan-tri$/);
      await page.goto(`${portal}/quan-tri/tai-khoan/${inviteeId}`);
      await page.getByRole('heading', { level: 1, name: invitee.displayName }).waitFor();
      await page.getByText('The invitation has expired', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Send the invitation again' }).waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'admin-account-invitation-expired-en-phone');
    } finally {
      await phone.close();
    }

    const context = await personContext(browser, { viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await signIn(page, portal, BOOTSTRAP_ADMIN, 'vi', /\/quan-tri$/);
      await page.goto(`${portal}/quan-tri/tai-khoan?status=invited`);
      await page
        .getByRole('listitem')
        .filter({ has: page.getByRole('link', { name: invitee.displayName }) })
        .getByText('Lời mời hết hạn', { exact: true })
        .waitFor();
      await page.getByRole('link', { name: invitee.displayName }).click();
      await page.getByRole('heading', { level: 1, name: invitee.displayName }).waitFor();
      await page.getByText('Lời mời đã hết hạn', { exact: true }).waitFor();
      await page
        .getByText(`Lời mời gửi tới ${invitee.email} đã hết hạn lúc ${vietnamTime(expiredAt)}.`, {
          exact: false,
        })
        .waitFor();
      await checkPage(page, 'admin-account-invitation-expired-vi');

      // Sent again after a confirmation, with the keyboard: the earlier link dies with it.
      await page.getByRole('button', { name: 'Gửi lại lời mời' }).focus();
      await page.keyboard.press('Enter');
      const confirm = page.getByRole('tooltip');
      await confirm.getByText(`Gửi lời mời mới tới ${invitee.email}?`, { exact: false }).waitFor();
      await confirm.getByRole('button', { name: 'Gửi lại lời mời' }).click();
      await page.getByText(`Đã gửi lại lời mời tới ${invitee.email}.`, { exact: false }).waitFor();
      const { invitationExpiresAt } = await account(inviteeId);
      expect(invitationExpiresAt).not.toBe(expiredAt);
      expect(Date.parse(invitationExpiresAt)).toBeGreaterThan(Date.now());
      await page
        .getByText(
          `Đã gửi lại lời mời tới ${invitee.email}. Liên kết mới dùng được đến ${vietnamTime(invitationExpiresAt)}.`,
        )
        .waitFor();
      await page.getByText('Đang chờ người dùng nhận lời mời', { exact: true }).waitFor();
      expect(await page.getByText('Lời mời đã hết hạn', { exact: true }).count()).toBe(0);
      await checkPage(page, 'admin-account-invitation-sent-again-vi');

      // The new mail carries a new link; the person opens it and chooses a password, once.
      const links = await waitFor(
        async () => {
          const tokens = await invitationTokens(invitee.email);
          expect(tokens).toHaveLength(2);
          return tokens;
        },
        { intervalMs: 250 },
      );
      const newLink = links[1];
      expect(newLink).not.toBe(firstLink);
      // The person opens the old mail's link first: the page says it was replaced, and nothing changes. Then the
      // new one: the first password is set there, and the sign-in page welcomes them.
      const person = await personContext(browser, { viewport: PHONE });
      try {
        const invited = await person.newPage();
        await invited.goto(`${portal}/chap-nhan-loi-moi#token=${firstLink}`);
        await invited.getByRole('heading', { level: 1, name: 'Nhận lời mời' }).waitFor();
        await invited.getByLabel('Mật khẩu', { exact: true }).fill(invitee.password);
        await invited.getByLabel('Nhập lại mật khẩu').fill(invitee.password);
        await invited.getByRole('button', { name: 'Đặt mật khẩu và nhận lời mời' }).click();
        await invited
          .getByRole('alert')
          .filter({ hasText: 'Lời mời đã hết hạn hoặc đã được thay bằng lời mời mới' })
          .waitFor();
        await checkPage(invited, 'invitation-replaced-vi-phone');

        // A mail's link opens a new tab.
        const accepting = await person.newPage();
        await accepting.goto(`${portal}/chap-nhan-loi-moi#token=${newLink}`);
        await accepting.getByLabel('Mật khẩu', { exact: true }).fill(invitee.password);
        await accepting.getByLabel('Nhập lại mật khẩu').fill(invitee.password);
        await accepting.getByRole('button', { name: 'Đặt mật khẩu và nhận lời mời' }).click();
        await accepting.waitForURL(/\/dang-nhap\?invite=accepted$/);
        await accepting.getByText('Đã nhận lời mời. Mời bạn đăng nhập bằng mật khẩu vừa đặt.').waitFor();
        expect(await contentWidth(accepting)).toBeLessThanOrEqual(PHONE.width);
        await checkPage(accepting, 'invitation-accepted-vi-phone');
        // A link is good once.
        expect((await acceptInvitation(newLink)).body).toMatchObject({
          status: 400,
          code: 'invitation-invalid',
        });
        await signIn(accepting, portal, invitee, 'vi', /\/hoi-dong$/);
      } finally {
        await person.close();
      }

      // The admin's page now shows an active account, and the trail says who sent the invitation again.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: invitee.displayName }).waitFor();
      await page.getByText('Đang hoạt động', { exact: true }).waitFor();
      expect(await page.getByRole('button', { name: 'Gửi lại lời mời' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Nhật ký của tài khoản này' }).click();
      const items = page.getByRole('region', { name: 'Nhật ký quản trị' }).getByRole('listitem');
      const reissued = items.filter({ hasText: 'Gửi lại lời mời' });
      await reissued.getByText(`Lời mời mới dùng được đến ${vietnamTime(invitationExpiresAt)}`).waitFor();
      const trail = await ctx.identity.get(`/admin/audit?targetId=${inviteeId}`, { token: admin });
      expect(trail.items.map((e: Json) => e.action)).toEqual([
        'account.invitation-accepted',
        'account.invitation-reissued',
        'account.created',
      ]);
      const me = await ctx.identity.get('/me', { token: admin });
      expect(trail.items[1]).toMatchObject({ actorId: me.accountId });
      expect(await reissued.textContent()).toContain(vietnamTime(trail.items[1].at));
    } finally {
      await context.close();
    }
  }, 300_000);

  it('reads the accounts, an account, the new-account form and the audit trail on a 360-px phone in English', async () => {
    const context = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    /** No sideways scrolling on the phone, and no serious accessibility violation. */
    const fits = async (name: string) => {
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, name);
    };
    try {
      await signIn(page, portal, BOOTSTRAP_ADMIN, 'en', /\/quan-tri$/);
      await page.goto(`${portal}/quan-tri/tai-khoan`);
      await page.getByRole('heading', { level: 1, name: 'User accounts' }).waitFor();
      await page.getByRole('link', { name: officer.displayName }).waitFor();
      await fits('admin-accounts-en-phone');

      await page.getByRole('link', { name: officer.displayName }).click();
      await page.getByRole('heading', { level: 1, name: officer.displayName }).waitFor();
      await page.getByRole('region', { name: 'Details' }).getByText('Tỉnh Vĩnh Long').waitFor();
      await fits('admin-account-en-phone');

      await page.goto(`${portal}/quan-tri/tai-khoan/${retailerId}`);
      await page
        .getByRole('region', { name: 'API keys' })
        .getByText(/^Revoked at/)
        .waitFor();
      await fits('admin-account-retailer-en-phone');

      await page.goto(`${portal}/quan-tri/tai-khoan/moi`);
      await page.getByRole('heading', { level: 1, name: 'Create an account' }).waitFor();
      await page.getByRole('checkbox', { name: /^Officer/ }).check();
      await page.getByLabel('Commune or ward').waitFor();
      await fits('admin-account-new-en-phone');

      await page.goto(`${portal}/quan-tri/nhat-ky`);
      await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
      await page.getByRole('region', { name: 'Audit trail' }).getByText('API key revoked').first().waitFor();
      await fits('admin-audit-en-phone');
    } finally {
      await context.close();
    }
  }, 120_000);
});
