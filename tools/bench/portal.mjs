#!/usr/bin/env node
// The portal's budgets (issue 17 item 4), in Debian's Chromium against the built platform (npm start's runner):
//  1. script a producer's phone downloads, compressed, to sign in and see the home page, first visit (< 250 KB);
//  2. how long the home page takes to be usable on a mid-range phone: Lighthouse's mobile profile (CPU 4× slower,
//     1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip), signed in, empty cache, from navigation to the page's
//     heading and every card answered (< 2.5 s; median of 5).
// Needs `npx nx run-many -t build --projects=tag:type:app`, local PostgreSQL and NATS. `--json` for npm run bench.
import { randomBytes } from 'node:crypto';
import { chromium } from 'playwright-core';
import { deleteStreams, dropDatabases } from '../dev/cleanup.mjs';
import { Platform } from '../dev/platform.mjs';

const json = process.argv.includes('--json');
const log = (...a) => (json ? process.stderr.write(`${a.join(' ')}\n`) : console.log(...a));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MOBILE = { cpu: 4, downloadBps: (1.6 * 1024 * 1024) / 8, uploadBps: (750 * 1024) / 8, latencyMs: 150 };

const id = randomBytes(3).toString('hex');
const options = {
  portBase: 4600,
  dbPrefix: `t_bench_portal_${id}`,
  namespace: `tbenchportal${id}`,
  silent: true,
};
const platform = new Platform(options);
const producer = { email: `bench.${id}@example.vn`, password: `bánh phồng Sơn Đốc ${id} giòn` };

async function register(portal) {
  const res = await fetch(`${portal}/api/identity/registrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: portal },
    body: JSON.stringify({
      type: 'household',
      taxCode: `0861${String(parseInt(id, 16)).padStart(8, '0').slice(-8)}`,
      name: 'Hộ kinh doanh Bánh phồng Sơn Đốc',
      communeCode: '28756',
      fullName: 'Lê Văn Bench',
      email: producer.email,
      password: producer.password,
    }),
  });
  if (res.status !== 202) throw new Error(`registration answered ${res.status}: ${await res.text()}`);
}

/** A phone-sized page with Lighthouse's mobile throttling, an empty cache, and a count of script bytes. */
async function phone(browser) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 780 },
    isMobile: true,
    hasTouch: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: MOBILE.latencyMs,
    downloadThroughput: MOBILE.downloadBps,
    uploadThroughput: MOBILE.uploadBps,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: MOBILE.cpu });
  const scripts = new Map();
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script') scripts.set(e.requestId, 0);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (scripts.has(e.requestId)) scripts.set(e.requestId, e.encodedDataLength);
  });
  const scriptBytes = () => [...scripts.values()].reduce((a, b) => a + b, 0);
  return { context, page, scriptBytes };
}

async function signIn(page, portal) {
  await page.goto(`${portal}/dang-nhap`);
  await page.getByLabel('E-mail hoặc số điện thoại').fill(producer.email);
  await page.getByLabel('Mật khẩu').fill(producer.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.waitForURL(/\/co-so$/);
}

/** The home page is usable: its heading is there and no card is still loading (antd skeletons gone). */
const usable = (page) =>
  page.waitForFunction(
    () =>
      document.querySelector('h1') !== null &&
      document.querySelectorAll('.home-card').length > 0 &&
      document.querySelector('.ant-skeleton') === null,
    undefined,
    { timeout: 60_000 },
  );

const rows = [];
let browser;
try {
  await platform.migrate();
  await platform.start();
  await platform.waitUntilReady(180_000);
  const portal = platform.urlOf(platform.list.find((s) => s.name === 'gateway'));
  await register(portal);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });

  // 1. First visit: sign-in page, sign in, home — every script the phone downloads, as compressed on the wire.
  const first = await phone(browser);
  await signIn(first.page, portal);
  await usable(first.page);
  const kb = Math.round(first.scriptBytes() / 1024);
  log(`login + home: ${kb} KB of script (compressed)`);
  await first.context.close();

  // 2. Home usable, signed in, empty cache each time.
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await phone(browser);
    await signIn(run.page, portal);
    const started = Date.now();
    await run.page.goto(`${portal}/co-so`);
    await usable(run.page);
    times.push(Date.now() - started);
    await run.context.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  log(`home usable: ${times.join(', ')} ms`);

  rows.push(
    {
      name: 'sign-in + producer home, script downloaded on a first visit (compressed)',
      value: kb,
      unit: 'KB',
      target: '< 250 KB',
      pass: kb < 250,
    },
    {
      name: `producer home usable on a mid-range phone (CPU 4×, 1.6 Mbit/s, 150 ms RTT, empty cache; median of ${RUNS}, max ${times[times.length - 1]} ms)`,
      value: (median / 1000).toFixed(2),
      unit: 's',
      target: '< 2.5 s',
      pass: median < 2500,
    },
  );
} finally {
  await browser?.close();
  await platform.stop();
  await dropDatabases(options.dbPrefix);
  await deleteStreams(options.namespace);
}
if (json) console.log(JSON.stringify({ rows }));
else console.table(rows);
