import { waitFor } from '@ocop/testing';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import { create as qrSymbol, toBuffer as qrPng } from 'qrcode';
import { eventually, Json, setUpStaff, STAFF_ACCOUNTS, StoryContext } from '../story';
import { bootE2ePlatform, E2ePlatform } from '../support/e2e-platform';
import { signatureValid, WebhookReceiver } from '../support/webhook-receiver';
import { contentWidth, DESKTOP, launchChromium, personContext, PHONE, SHOTS } from './browser';
import { checkPage, releasedBatch, signIn } from './seed';

/** The size of the fake camera's picture. */
const VIDEO = { width: 640, height: 480 };

/**
 * A camera's view of a label: the unit's QR code (a PNG, as the label prints it) in the middle of a white picture,
 * a few frames of YUV4MPEG2 (4:2:0, the only format Chromium's fake camera plays; it loops the file).
 */
async function labelVideo(link: string): Promise<Buffer> {
  const { width: W, height: H } = VIDEO;
  // Modules as large as fit with their quiet zone in 90% of the picture's height, as a phone held near the label.
  const scale = Math.floor((H * 0.9) / (qrSymbol(link, { errorCorrectionLevel: 'M' }).modules.size + 8));
  const png = PNG.sync.read(await qrPng(link, { errorCorrectionLevel: 'M', margin: 4, scale }));
  const luma = Buffer.alloc(W * H, 255);
  const left = (W - png.width) >> 1;
  const top = (H - png.height) >> 1;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      luma[(top + y) * W + left + x] = Math.round(
        0.299 * png.data[i] + 0.587 * png.data[i + 1] + 0.114 * png.data[i + 2],
      );
    }
  }
  // Grey has no colour: both chroma planes (a quarter of the picture each) at their middle.
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`),
    ...Array.from({ length: 5 }, () => frame),
  ]);
}

/**
 * A retailer's own tools in the portal (issue 18): makes an API key, seen once, which the shop's till exchanges for a
 * token and checks a unit's code with, then revokes it and the till is refused; subscribes the shop's system (a
 * receiver this test runs) to recalls, with a signing key seen once; a recall is delivered, signed, and appears in
 * the delivery log in Viet Nam time; the receiver fails the next one (HTTP 500), the log says so, a replay while
 * the subscription is paused is refused in words, and once it is back on the replay reaches the receiver. The log
 * on a 360-px phone in English. Last, the phone's camera (Chromium's fake one, playing a label's QR code) reads a
 * real unit's code into the list, which then verifies as genuine.
 */
describe("a retailer's own tools: API keys, webhooks and the camera (browser, end to end)", () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let portal: string;
  let browser: Browser;
  let dir: string;
  let receiver: WebhookReceiver;
  let retailerToken: string;
  let producerToken: string;
  let unitLink: string;
  let newBatch: (lot: string) => Promise<Json>;
  let subscriptionPage: string;
  const retailer = () => {
    const account = STAFF_ACCOUNTS.find((a) => a.key === 'retailer');
    if (!account) throw new Error('no retailer among the staff accounts');
    return account;
  };
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
  const verdictOf = async (code: string, token = retailerToken) =>
    (await ctx.lookup.post('/verify', { token, body: { codes: [code] }, expect: 200 })).results[0].outcome;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    // Deliveries looked for often, and a failed one given up at its first attempt: the log shows a failure at once
    // rather than after the retries' backoff.
    e2e = await bootE2ePlatform({
      extraEnv: { notifications: { DISPATCH_POLL_MS: '200', WEBHOOK_MAX_ATTEMPTS: '1' } },
    });
    ctx = e2e.ctx;
    portal = e2e.platform.urls['gateway'];
    dir = await mkdtemp(join(tmpdir(), 'ocop-retailer-tools-'));
    const staff = await setUpStaff(ctx);
    retailerToken = staff.retailer.token;
    const labelled = await releasedBatch(ctx, staff, { units: 1 });
    producerToken = labelled.producer.token;
    const [unit] = labelled.units;
    unitLink = unit.digitalLink as string;
    // Batches the test recalls, each with its own lot, so that the unit above stays genuine.
    newBatch = (lot) =>
      ctx.traceability.post('/batches', {
        token: producerToken,
        body: {
          productId: labelled.productId,
          gtin: labelled.gtin,
          lot,
          quantity: 50,
          unit: 'KGM',
          harvestDate: ctx.today(-2),
          packingDate: ctx.today(-1),
          bestBeforeDate: ctx.today(30),
          growingAreaIds: [labelled.growingAreaId],
        },
        expect: 201,
      });
    // Lookup learns the unit from traceability's events.
    class NotYet extends Error {}
    await eventually(
      async () => {
        const outcome = await verdictOf(unitLink);
        if (outcome !== 'genuine') throw new NotYet(`lookup answers ${outcome}`);
      },
      { retryOn: (e) => e instanceof NotYet, timeoutMs: 120_000, intervalMs: 500 },
    );
    const video = join(dir, 'nhan-sau-rieng.y4m');
    await writeFile(video, await labelVideo(unitLink));
    // The camera is Chromium's fake one, playing the label; the browser's question about it answered "allow".
    browser = await launchChromium({
      args: [
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await receiver?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it("makes an API key shown once, which the shop's till uses to check a code, then revokes it", async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: portal });
      const page = await context.newPage();
      await signIn(page, portal, retailer(), 'vi', /\/kiem-tra-ma$/);
      await page.getByRole('link', { name: 'Khóa API' }).click();
      await page.getByRole('heading', { level: 1, name: 'Khóa API' }).waitFor();
      const keys = page.getByRole('region', { name: 'Các khóa của cửa hàng' });
      await keys.getByText('Chưa có khóa API nào.').waitFor();
      const create = page.getByRole('region', { name: 'Tạo khóa mới' });
      await create.getByRole('button', { name: 'Tạo khóa API' }).click();
      await create.getByText('Đặt tên cho khóa').waitFor();
      await create.getByLabel('Tên khóa').fill('Máy bán hàng quầy 1');
      await create.getByRole('button', { name: 'Tạo khóa API' }).click();
      await page.getByText('Khóa API mới: Máy bán hàng quầy 1').waitFor();
      await page.getByText(/Bạn sẽ không xem lại được/).waitFor();
      const apiKey = await page.getByLabel('Khóa API', { exact: true }).inputValue();
      expect(apiKey).toMatch(/^ocop_ak_/);
      await page.getByRole('button', { name: 'Sao chép', exact: true }).click();
      await page.getByText('Đã sao chép.').waitFor();
      // This file compiles without the DOM library: the page's clipboard, typed as far as it is read here.
      const clipboard = () =>
        (
          globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
        ).navigator.clipboard.readText();
      expect(await page.evaluate(clipboard)).toBe(apiKey);
      await keys.getByText('Máy bán hàng quầy 1').waitFor();
      await checkPage(page, 'retailer-api-key-vi');

      // The till exchanges the key for a token and checks a unit's code with it.
      const exchange = () =>
        ctx.identity.request('POST', '/auth/token', { body: { apiKey }, expect: [200, 401] });
      const till = (await exchange()).body.accessToken as string;
      expect(await verdictOf(unitLink, till)).toBe('genuine');

      await page.getByRole('button', { name: 'Tôi đã cất' }).click();
      await page.reload();
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
  }, 300_000);

  it('subscribes the shop to recalls; deliveries are logged, a failed one is replayed from the portal', async () => {
    const context = await personContext(browser, { viewport: DESKTOP });
    try {
      const page = await context.newPage();
      await signIn(page, portal, retailer(), 'vi', /\/kiem-tra-ma$/);
      await page.getByRole('link', { name: 'Webhook', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'Webhook' }).waitFor();
      const form = page.getByRole('region', { name: 'Đăng ký webhook mới' });
      await form.getByLabel('Địa chỉ nhận (URL)').fill(receiver.url);
      await form.getByRole('checkbox', { name: /Lô hàng bị thu hồi/ }).check();
      await form.getByLabel('Ghi chú').fill('Hệ thống kho của cửa hàng');
      await form.getByRole('button', { name: 'Đăng ký', exact: true }).click();
      await page.getByText(`Đã đăng ký webhook tới ${receiver.url}`).waitFor();
      const secret = await page.getByLabel('Khóa ký', { exact: true }).inputValue();
      expect(secret).toMatch(/^whsec_/);
      await checkPage(page, 'retailer-webhook-created-vi');
      await page.getByRole('button', { name: 'Tôi đã cất' }).click();
      const list = page.getByRole('region', { name: 'Các đăng ký của cửa hàng' });
      await list.getByText('Đang hoạt động').waitFor();
      await list.getByRole('link', { name: receiver.url }).click();
      await page.getByRole('heading', { level: 1, name: 'Đăng ký webhook' }).waitFor();
      subscriptionPage = page.url();
      const subscriptionId = subscriptionPage.split('/').pop() as string;
      expect(await page.content()).not.toContain(secret);
      const deliveries = async (): Promise<Json[]> =>
        (
          await ctx.notifications.get(`/webhooks/subscriptions/${subscriptionId}/deliveries`, {
            token: retailerToken,
          })
        ).items;
      const reason = 'Kiểm tra định kỳ phát hiện bao bì hở (dữ liệu mẫu)';
      const receivedFor = (batchId: string) => receiver.received.filter((r) => r.body.includes(batchId));

      // A recall reaches the shop's system, signed with the key it was shown once.
      const first = await newBatch('TH-WEBHOOK-1');
      await ctx.traceability.post(`/batches/${first.batchId}/recall`, {
        token: producerToken,
        body: { reason },
      });
      const hook = await waitFor(
        () => {
          const [found] = receivedFor(first.batchId);
          expect(found).toBeDefined();
          return found;
        },
        { intervalMs: 200 },
      );
      expect(hook.status).toBe(204);
      expect(signatureValid(secret, hook.headers['x-ocop-signature'] as string, hook.body)).toBe(true);
      const sent = await waitFor(
        async () => {
          const [delivery] = await deliveries();
          expect(delivery).toMatchObject({ status: 'sent' });
          return delivery;
        },
        { intervalMs: 200 },
      );
      await page.reload();
      const log = page.getByRole('region', { name: 'Nhật ký gửi' });
      const sentRow = log.getByRole('row').filter({ hasText: 'Đã gửi' });
      await sentRow.getByText('Lô hàng bị thu hồi').waitFor();
      expect(await sentRow.getByRole('cell').first().textContent()).toBe(vietnamTime(sent.createdAt));

      // The receiver is down for the next one: the log says how it answered.
      receiver.failNext(500);
      const second = await newBatch('TH-WEBHOOK-2');
      await ctx.traceability.post(`/batches/${second.batchId}/recall`, {
        token: producerToken,
        body: { reason },
      });
      await waitFor(
        async () => expect((await deliveries())[0]).toMatchObject({ status: 'failed', lastStatus: 500 }),
        { intervalMs: 200 },
      );
      expect(receivedFor(second.batchId).map((r) => r.status)).toEqual([500]);
      await page.reload();
      const failedRow = log.getByRole('row').filter({ hasText: 'Gửi không được' });
      await failedRow.getByText('HTTP 500 · 1 lần thử').waitFor();
      await checkPage(page, 'retailer-webhook-log-vi');

      // Paused, the service refuses the replay: the page says why, beside the delivery.
      const settings = page.getByRole('region', { name: 'Đăng ký', exact: true });
      await settings.getByRole('button', { name: 'Tạm dừng' }).click();
      await settings.getByText('Đã tạm dừng đăng ký.').waitFor();
      await settings.getByText('Tạm dừng', { exact: true }).waitFor();
      await failedRow.getByRole('button', { name: /^Gửi lại/ }).click();
      await failedRow
        .getByRole('alert')
        .getByText('Đăng ký đang tạm dừng hoặc đã tự tắt. Hãy bật lại đăng ký rồi gửi lại.')
        .waitFor();
      expect(receivedFor(second.batchId)).toHaveLength(1);

      // Back on, the replay reaches the receiver with the same event, and the log turns to "sent".
      await settings.getByRole('button', { name: 'Bật lại' }).click();
      await settings.getByText('Đã bật lại đăng ký.').waitFor();
      await failedRow.getByRole('button', { name: /^Gửi lại/ }).click();
      await waitFor(() => expect(receivedFor(second.batchId).map((r) => r.status)).toEqual([500, 204]), {
        intervalMs: 200,
      });
      const [failedHook, replayed] = receivedFor(second.batchId);
      expect(replayed.body).toBe(failedHook.body);
      expect(signatureValid(secret, replayed.headers['x-ocop-signature'] as string, replayed.body)).toBe(
        true,
      );
      // Wait for the state itself: between "failed" and "sent" the replayed delivery reads "sending" for a while
      // (the receiver has the call before the sender records it), which the page follows by polling.
      await waitFor(
        async () => expect(await log.getByRole('row').filter({ hasText: 'Đã gửi' }).count()).toBe(2),
        { intervalMs: 500 },
      );
      expect(await log.getByText('Gửi không được').count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('shows the delivery log on a 360-px phone in English', async () => {
    const context = await personContext(browser, { viewport: PHONE, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await signIn(page, portal, retailer(), 'en', /\/kiem-tra-ma$/);
      await page.goto(subscriptionPage);
      await page.getByRole('heading', { level: 1, name: 'Webhook subscription' }).waitFor();
      const log = page.getByRole('region', { name: 'Delivery log' });
      await log.getByText('A batch is recalled').first().waitFor();
      expect(await log.getByText('Sent', { exact: true }).count()).toBe(2);
      await log
        .getByRole('button', { name: /^Replay: A batch is recalled/ })
        .first()
        .waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
      await checkPage(page, 'retailer-webhook-phone-en');
    } finally {
      await context.close();
    }
  }, 180_000);

  it("reads a label's QR code with the phone's camera into the list, which then checks as genuine", async () => {
    const context = await personContext(browser, { viewport: PHONE });
    try {
      const page = await context.newPage();
      await signIn(page, portal, retailer(), 'vi', /\/kiem-tra-ma$/);
      await page.getByRole('button', { name: 'Quét bằng camera' }).click();
      try {
        await page.getByRole('status').getByText(`Đã đọc mã ${unitLink}`).waitFor({ timeout: 60_000 });
      } catch (error) {
        // A camera that reads nothing is explained by what the page shows (the browser trail adds its errors). It
        // read nothing in about one run in five while QR codes were read with ZXing (camera-reading.ts).
        await page.screenshot({ path: `${SHOTS}/retailer-verify-camera-read-nothing.png`, fullPage: true });
        const shown = await page.locator('.verify-camera').textContent();
        throw new Error(`The camera read nothing in 60 s. The page showed: ${shown}. ${error}`);
      }
      expect(await page.getByLabel('Mã cần kiểm tra, mỗi dòng một mã').inputValue()).toBe(unitLink);
      await checkPage(page, 'retailer-verify-camera-vi');
      await page.getByRole('button', { name: 'Tắt camera' }).click();
      // Closed, the page holds no camera picture (the camera's light goes off).
      expect(await page.locator('video').count()).toBe(0);
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
      const results = page.getByRole('region', { name: 'Kết quả (1 mã)' });
      await results.getByText('1 Hàng thật').waitFor();
      expect(await contentWidth(page)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await context.close();
    }
  }, 180_000);
});
