import { waitFor } from '@ocop/testing';
import { Browser } from 'playwright-core';
import { Client } from 'pg';
import { login, StoryContext } from '../story';
import { bootE2ePlatform, BOOTSTRAP_ADMIN, E2ePlatform } from '../support/e2e-platform';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE } from './browser';
import { addCommuneOfficer, checkPage, signIn, squareField, verifiedHousehold } from './seed';

const PHU_KHUONG = '28756'; // Phường Phú Khương, on the map in force (Vĩnh Long from July 2025)
const ISSUED = 'ocop.traceability.growing-area.issued';
const BREAKAGE = 'inbox_items is read-only: disk quota exceeded (injected by the test)';

/**
 * An admin mends what a failing handler left behind (issue 18): notifications cannot write its inbox (a trigger
 * the test installs refuses every row, as a full disk would), so the notices of two issued growing-area codes
 * fail their two attempts and become dead letters. The admin sees them on the system page, tries a replay while
 * the fault lasts (refused, with the handler's error), and once the fault is gone replays one — the producer's
 * notice then appears — and discards the other with a reason, which is kept. Pages checked with axe; the event's
 * page in English on a 360-px phone.
 */
describe('an admin replays and discards dead letters in the portal (browser, end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let notifications: Client;
  let producerToken: string;
  let adminId: string;
  const areaIds: string[] = [];

  const household = {
    type: 'household' as const,
    taxCode: '086190004411',
    name: 'Hộ kinh doanh Bưởi da xanh Năm Lợi',
    communeCode: PHU_KHUONG,
    fullName: 'Nguyễn Văn Lợi',
    email: 'namloi.buoi@example.vn',
    password: 'bưởi da xanh Năm Lợi ruột hồng',
  };

  const deadLetters = () =>
    notifications
      .query(
        `SELECT id, event_id, payload, replayed_at, replayed_by, discarded_by, discard_reason FROM dead_letter
         WHERE event_type = $1 ORDER BY failed_at`,
        [ISSUED],
      )
      .then((r) => r.rows);
  const issuedNotices = async () =>
    (
      (await ctx.notifications.get('/inbox?limit=50', { token: producerToken })).items as {
        workflow: string;
      }[]
    ).filter((i) => i.workflow === 'growing-area-issued');

  beforeAll(async () => {
    // Two attempts 200 ms apart, instead of five over a minute and a half: the same path to the dead-letter table.
    e2e = await bootE2ePlatform({
      extraEnv: { notifications: { EVENT_MAX_ATTEMPTS: '2', EVENT_RETRY_BACKOFF_MS: '200' } },
    });
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    const admin = await login(ctx, BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    adminId = ((await ctx.identity.get('/me', { token: admin })) as { accountId: string }).accountId;
    const officer = await addCommuneOfficer(ctx, admin, {
      email: 'vungtrong2.phukhuong@ocop.local',
      displayName: 'Cán bộ vùng trồng Phú Khương',
      communeCode: PHU_KHUONG,
      password: 'cán bộ phường Phú Khương cấp mã vùng',
    });
    producerToken = (await verifiedHousehold(ctx, officer, household)).token;
    for (const [name, side] of [
      ['Vườn bưởi Năm Lợi số 1', 110],
      ['Vườn bưởi Năm Lợi số 2', 120],
    ] as const) {
      const area = await ctx.traceability.post('/growing-areas', {
        token: producerToken,
        body: {
          name,
          crop: 'Bưởi',
          variety: 'Da xanh',
          cropCycle: 'perennial',
          areaHa: (side * side) / 10_000,
          boundary: squareField(side, 106.37 + side / 10_000).features[0].geometry,
          standard: 'basic-gap',
          expectedYieldTonnesPerYear: 20,
          facilityName: household.name,
          place: { provinceCode: '86', communeCode: PHU_KHUONG },
        },
        expect: 201,
      });
      areaIds.push(area.growingAreaId);
    }

    notifications = await e2e.database('notifications');
    await notifications.query(`
      CREATE FUNCTION e2e_inbox_refuses() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '${BREAKAGE}'; END $$`);
    await notifications.query(
      'CREATE TRIGGER e2e_inbox_refuses BEFORE INSERT ON inbox_items FOR EACH ROW EXECUTE FUNCTION e2e_inbox_refuses()',
    );
    for (const id of areaIds)
      await ctx.traceability.post(`/growing-areas/${id}/issue`, { token: officer, expect: 200, body: {} });
    await waitFor(async () => expect(await deadLetters()).toHaveLength(2), { timeoutMs: 60_000 });
    expect(await issuedNotices()).toEqual([]);
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await notifications?.end();
    expect(await e2e?.dispose()).toEqual([]);
  }, 120_000);

  it('shows the dead letters, refuses a replay while the fault lasts, replays one and discards the other', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    const page = await context.newPage();
    try {
      await signIn(page, portal, BOOTSTRAP_ADMIN, 'vi', /\/quan-tri$/);
      const card = page.getByRole('region', { name: /Thông báo/ });
      await card.getByText('Sẵn sàng').waitFor();
      await card.getByRole('link', { name: '2 chờ quyết định' }).waitFor();
      await checkPage(page, 'admin-system-vi');

      await card.getByRole('link', { name: '2 chờ quyết định' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sự kiện không xử lý được' }).waitFor();
      const section = page.getByRole('region', { name: /Thông báo/ });
      const items = section.getByRole('listitem');
      await waitFor(async () => expect(await items.count()).toBe(2));
      await expect(items.first().textContent()).resolves.toContain(BREAKAGE);
      await expect(items.first().textContent()).resolves.toContain('2 lần thử');
      await checkPage(page, 'admin-dead-letters-vi');

      // Still broken: the replay is refused with the handler's own error, and the event stays waiting.
      await items
        .first()
        .getByRole('button', { name: /^Xử lý lại/ })
        .click();
      await section
        .getByRole('alert')
        .filter({ hasText: `Vẫn lỗi: ${BREAKAGE}` })
        .waitFor();
      await items.first().getByText('3 lần thử').waitFor();

      await notifications.query('DROP TRIGGER e2e_inbox_refuses ON inbox_items');
      await items
        .first()
        .getByRole('button', { name: /^Xử lý lại/ })
        .click();
      await section.getByText(`Đã xử lý lại sự kiện ${ISSUED}.`).waitFor();
      await waitFor(async () => expect(await items.count()).toBe(1));
      // The effect: the producer's notice of the issued code is in its inbox now, once.
      expect(await issuedNotices()).toHaveLength(1);

      await items
        .first()
        .getByRole('link', { name: /^Chi tiết/ })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Sự kiện: Thông báo' }).waitFor();
      await page.getByText(ISSUED).first().waitFor();
      const main = await page.getByRole('main').textContent();
      expect(main).toContain(BREAKAGE);
      // Which code's notice failed first (and was replayed) is up to the handlers; the page names the one left.
      const waiting = (await deadLetters()).find((r) => r.replayed_at === null);
      const waitingArea = areaIds.find((id) => JSON.stringify(waiting.payload).includes(id));
      expect(waitingArea).toBeDefined();
      expect(main).toContain(waitingArea);
      // A discard needs its reason: stopped beside the box, nothing sent.
      await page.getByRole('button', { name: 'Bỏ qua sự kiện' }).click();
      await page.getByText('Hãy ghi lý do bỏ qua.').waitFor();
      expect((await deadLetters())[1].discard_reason).toBeNull();
      await checkPage(page, 'admin-dead-letter-vi');
      const reason = 'Hộ đã nhận quyết định cấp mã bản giấy; không gửi thông báo trễ';
      await page.getByLabel('Lý do bỏ qua').fill(reason);
      await page.getByRole('button', { name: 'Bỏ qua sự kiện' }).click();
      await page.getByText('Đã bỏ qua sự kiện.').waitFor();
      await page.getByText(`Đã bỏ qua lúc`).waitFor();

      const rows = await deadLetters();
      expect(
        rows.map((r) => ({
          replayedBy: r.replayed_by,
          discardedBy: r.discarded_by,
          reason: r.discard_reason,
        })),
      ).toEqual([
        { replayedBy: adminId, discardedBy: null, reason: null },
        { replayedBy: null, discardedBy: adminId, reason },
      ]);
      expect(await issuedNotices()).toHaveLength(1);

      // Nothing waits any more; the decided ones are listed with what was decided.
      await page.getByRole('link', { name: /Về danh sách/ }).click();
      await section.getByText('Không có sự kiện nào.').waitFor();
      await page.getByText('Đã quyết định gần đây').click();
      await section.getByText(reason, { exact: false }).waitFor();
      await section.getByText(/Đã xử lý lại lúc/).waitFor();
    } finally {
      await context.close();
    }
  }, 180_000);

  it('reads an event on a 360-px phone in English', async () => {
    const context = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await signIn(page, portal, BOOTSTRAP_ADMIN, 'en', /\/quan-tri$/);
      await page.getByRole('heading', { level: 1, name: 'System status' }).waitFor();
      await page
        .getByRole('region', { name: /Notifications/ })
        .getByText('None')
        .waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'admin-system-en-phone');
      const [first] = await deadLetters();
      await page.goto(`${portal}/quan-tri/su-kien-loi/notifications/${first.id}`);
      await page.getByText(/^Replayed at/).waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'admin-dead-letter-en-phone');
    } finally {
      await context.close();
    }
  }, 120_000);
});
