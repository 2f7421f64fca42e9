import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

/** Where the portal's screenshots go: CI keeps tmp/screenshots as artefacts; the README links them. */
export const SHOTS = join(__dirname, '../../../../tmp/screenshots/portal');
mkdirSync(SHOTS, { recursive: true });

export const PHONE = { width: 360, height: 780 };
export const DESKTOP = { width: 1280, height: 860 };

/** Debian's Chromium, headless, offline (machine notes); `args` adds switches, e.g. a fake camera. */
export const launchChromium = (options: { args?: string[] } = {}): Promise<Browser> =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  });

/** A person's browser: Viet Nam's time zone and language unless told otherwise; what it does goes on the trail. */
export async function personContext(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    locale: options.locale ?? 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    isMobile: (options.viewport ?? DESKTOP).width < 500,
    hasTouch: (options.viewport ?? DESKTOP).width < 500,
  });
  followOnTrail(context);
  return context;
}

/**
 * The browser trail: what each person's pages did during the current test — the addresses they went through, the
 * requests the platform refused or that never finished, script errors, and what the page showed when the test let
 * go of it. A headless page leaves nothing else behind, so a test that fails on a busy CI machine ("heading not
 * visible") could only be guessed at; the test environment (jest.environment.js) prints the trail under a failed
 * test and clears it when the next one starts. Capped, as one test may click through many pages.
 */
const TRAIL_LIMIT = 80;
const trail = ((globalThis as { __browserTrail?: string[] }).__browserTrail ??= []);
let contexts = 0;

function onTrail(line: string): void {
  if (trail.length >= TRAIL_LIMIT) trail.splice(0, trail.length - TRAIL_LIMIT + 1);
  trail.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
}

const pathOf = (url: string): string => {
  try {
    const { pathname, search } = new URL(url);
    return pathname + search;
  } catch {
    return url;
  }
};

function followOnTrail(context: BrowserContext): void {
  const name = `browser ${++contexts}`;
  context.on('page', (page) => followPage(page, name));
  // Tests close their context in a `finally`, which runs before the failure is reported: look at each page then.
  const close = context.close.bind(context);
  context.close = async (options) => {
    await Promise.all(context.pages().map((page) => lastLook(page, name)));
    return close(options);
  };
}

function followPage(page: Page, name: string): void {
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) onTrail(`${name}: at ${pathOf(frame.url())}`);
  });
  page.on('pageerror', (error) => onTrail(`${name}: script error: ${error.message}`));
  page.on('console', (message) => {
    // The browser's own "Failed to load resource" lines repeat what the response listener says better.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      onTrail(`${name}: console error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400)
      onTrail(`${name}: ${response.status()} ${response.request().method()} ${pathOf(response.url())}`);
  });
  page.on('requestfailed', (request) =>
    onTrail(`${name}: ${request.method()} ${pathOf(request.url())} failed: ${request.failure()?.errorText}`),
  );
}

/** The page as the test left it: its address, main heading and the start of its text (2 s at most: it may hang). */
async function lastLook(page: Page, name: string): Promise<void> {
  const look = page.evaluate(() => {
    const { document } = globalThis as unknown as InPage;
    const text = (selector: string) =>
      (document.querySelector(selector) as { innerText?: string } | null)?.innerText ?? '';
    return { h1: text('h1'), main: text('main') || text('body') };
  });
  let timer: NodeJS.Timeout | undefined;
  const seen = await Promise.race([
    look.catch((error: Error) => ({ failed: error.message })),
    new Promise<{ failed: string }>((resolve) => {
      timer = setTimeout(() => resolve({ failed: 'no answer in 2 s' }), 2000);
    }),
  ]).finally(() => clearTimeout(timer));
  if ('failed' in seen) {
    onTrail(`${name}: left at ${pathOf(page.url())} (could not read the page: ${seen.failed})`);
    return;
  }
  const shown = seen.main.replace(/\s+/g, ' ').trim();
  onTrail(
    `${name}: left at ${pathOf(page.url())}, heading "${seen.h1.trim()}", showing: ${shown.slice(0, 600)}${shown.length > 600 ? '…' : ''}`,
  );
}

/** The page's globals as these helpers use them (this file compiles without the DOM library). */
interface InPage {
  document: {
    cookie: string;
    documentElement: { scrollWidth: number };
    querySelector(selector: string): unknown;
    querySelectorAll(selector: string): ArrayLike<{ tagName: string; className: string }>;
  };
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
}

/** How wide the page's content is: more than the viewport means sideways scrolling on a phone. */
export const contentWidth = (page: Page): Promise<number> =>
  page.evaluate(() => (globalThis as unknown as InPage).document.documentElement.scrollWidth);

let axeCode: string | undefined;
const axeSource = () => (axeCode ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's WCAG 2.1 A/AA rules on the page as it is now; the serious and critical violations, as readable lines
 * (an empty list passes).
 */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  // antd fades messages in and out: a message half-faded would be judged for contrast mid-animation.
  const moving = '[class*="-leave"], [class*="-enter"], [class*="-appear"]';
  await page
    .waitForFunction(
      (selector) => !(globalThis as unknown as InPage).document.querySelector(selector),
      moving,
    )
    .catch(async (error: Error) => {
      // Name what never stopped moving, so that a stuck animation is found rather than guessed at.
      const stuck = await page.evaluate(
        (selector) =>
          Array.from((globalThis as unknown as InPage).document.querySelectorAll(selector)).map(
            (e) => `<${e.tagName.toLowerCase()} class="${e.className}">`,
          ),
        moving,
      );
      throw new Error(`${error.message}: still animating ${stuck.join(', ')}`);
    });
  // Evaluated through the DevTools protocol: the portal's CSP (script from its own origin only) stays on.
  await page.evaluate(axeSource());
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as InPage & {
      axe: { run: (context: unknown, options: unknown) => Promise<unknown> };
    };
    const result = (await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    })) as { violations: unknown[] };
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** What page script can read of the session: nothing may look like a token. */
export async function readableSecrets(page: Page): Promise<string[]> {
  const seen = await page.evaluate(() => {
    const { document, localStorage, sessionStorage } = globalThis as unknown as InPage;
    return {
      cookie: document.cookie,
      local: Object.entries(localStorage),
      session: Object.entries(sessionStorage),
    };
  });
  const values = [seen.cookie, ...seen.local.flat(), ...seen.session.flat()];
  // A JWT (three base64url parts) or anything long and random-looking.
  return values.filter((v) => /eyJ[\w-]+\.[\w-]+\.[\w-]+/.test(v) || /[A-Za-z0-9_-]{40,}/.test(v));
}
