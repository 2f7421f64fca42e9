import { waitFor } from '@ocop/testing';
import { Page } from 'playwright-core';
import {
  captureEvents,
  createBatch,
  ensureGtin,
  generateUnits,
  harvestAndPackingDocument,
  issueGrowingAreaCode,
  Json,
  listUnits,
  login,
  placeholderGtin,
  registerGrowingArea,
  releaseBatch,
  seedCatalogue,
  setUpProducers,
  StaffAccounts,
  StoryContext,
  STORY_PRODUCT,
} from '../story';
import { seriousA11yViolations, SHOTS } from './browser';

/**
 * What the portal's browser tests share: the people they seed through the APIs (officers, verified households), a
 * labelled batch to scan, signing in as a person does, and each page's accessibility check and screenshot.
 */

export type Language = 'vi' | 'en';

export interface Household {
  type: 'household';
  name: string;
  taxCode: string;
  communeCode: string;
  fullName: string;
  email: string;
  password: string;
}

/** The page has no serious accessibility violation (axe), and its full-page screenshot is kept for CI. */
export async function checkPage(page: Page, name: string): Promise<void> {
  expect({ page: name, violations: await seriousA11yViolations(page) }).toEqual({
    page: name,
    violations: [],
  });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

/** An admin creates a commune officer's account; returns the officer's access token. */
export async function addCommuneOfficer(
  ctx: StoryContext,
  adminToken: string,
  officer: { email: string; displayName: string; communeCode: string; password: string },
): Promise<string> {
  await ctx.identity.post('/admin/accounts', {
    token: adminToken,
    body: {
      email: officer.email,
      displayName: officer.displayName,
      roles: ['officer'],
      scope: { provinceCode: '86', communeCode: officer.communeCode },
      password: officer.password,
    },
    expect: 201,
  });
  return login(ctx, officer.email, officer.password);
}

/**
 * The commune's officer verifies a producer through the API (officer-queues.int-spec does it on the officer's
 * screen). The catalogue hears of a new producer from identity's event, so the first attempts may not find it yet.
 */
export function verifyProducer(
  ctx: StoryContext,
  officerToken: string,
  producerId: string,
): Promise<unknown> {
  return waitFor(
    () =>
      ctx.catalogue.post(`/producers/${producerId}/verify`, {
        token: officerToken,
        body: { note: 'Đã đối chiếu CCCD' },
        expect: 200,
      }),
    { intervalMs: 250 },
  );
}

/** A household registers itself and its commune's officer verifies it; returns its token and producer id. */
export async function verifiedHousehold(
  ctx: StoryContext,
  officerToken: string,
  household: Household,
): Promise<{ token: string; producerId: string }> {
  await ctx.identity.post('/registrations', { body: household, expect: 202 });
  const token = await login(ctx, household.email, household.password);
  const { producerId } = (await ctx.identity.get('/me', { token })) as { producerId: string };
  await verifyProducer(ctx, officerToken, producerId);
  return { token, producerId };
}

const SIGN_IN = {
  vi: { identifier: 'E-mail hoặc số điện thoại', passwordLabel: 'Mật khẩu', submit: 'Đăng nhập' },
  en: { identifier: 'E-mail or phone number', passwordLabel: 'Password', submit: 'Sign in' },
} as const;

/**
 * Signs in on the sign-in page as a person does, in the language chosen there; lands on the person's home (the
 * producer's by default, `/can-bo` for officers).
 */
export async function signIn(
  page: Page,
  portal: string,
  who: { email: string; password: string },
  language: Language = 'vi',
  home = /\/co-so$/,
): Promise<void> {
  await page.goto(`${portal}/dang-nhap`);
  if (language === 'en') await page.getByText('EN', { exact: true }).click();
  const words = SIGN_IN[language];
  await page.getByLabel(words.identifier).fill(who.email);
  await page.getByLabel(words.passwordLabel).fill(who.password);
  await page.getByRole('button', { name: words.submit }).click();
  await page.waitForURL(home);
}

/** A square of about `side` metres near Mỹ Thạnh An, as a GeoJSON FeatureCollection a GIS app would export. */
export function squareField(side: number, lon = 106.3756, lat = 10.2415) {
  const dLat = side / 110_574;
  const dLon = side / (111_320 * Math.cos((lat * Math.PI) / 180));
  const ring = [
    [lon, lat],
    [lon + dLon, lat],
    [lon + dLon, lat + dLat],
    [lon, lat + dLat],
    [lon, lat],
  ];
  return {
    type: 'FeatureCollection',
    features: [
      {
        type: 'Feature',
        properties: { ten: 'Vườn' },
        geometry: { type: 'Polygon', coordinates: [ring] },
      },
    ],
  };
}

export interface ReleasedBatch {
  producer: { producerId: string; token: string };
  productId: string;
  gtin: string;
  growingAreaId: string;
  batch: { batchId: string; lot: string };
  /** Each labelled unit as traceability lists it (serial, digitalLink…). */
  units: Json[];
}

/**
 * The demo's durian of Chánh Thu, from its producer's issued growing area: a released batch with `units` labelled
 * units (none by default), what retailers and consumers scan. Lookup learns of it from traceability's events, so a
 * test waits for the answer it needs before it scans.
 */
export async function releasedBatch(
  ctx: StoryContext,
  staff: StaffAccounts,
  { units = 0, gtin = placeholderGtin(1) }: { units?: number; gtin?: string } = {},
): Promise<ReleasedBatch> {
  const catalogue = await seedCatalogue(ctx, staff.admin);
  const producer = (await setUpProducers(ctx, staff.admin, catalogue.producers))['producer'];
  const product = catalogue.products.find(
    (p) => p.nameVi === STORY_PRODUCT.nameVi && p.producerId === producer.producerId,
  );
  if (!product) throw new Error('the demo catalogue has no durian of Chánh Thu');
  await ensureGtin(ctx, producer.token, product.productId, gtin);
  const area = await issueGrowingAreaCode(
    ctx,
    staff.provinceOfficer.token,
    await registerGrowingArea(ctx, producer.token),
  );
  const batch = await createBatch(ctx, producer.token, product.productId, area.growingAreaId);
  expect((await captureEvents(ctx, producer.token, harvestAndPackingDocument(batch, area))).success).toBe(
    true,
  );
  await releaseBatch(ctx, producer.token, batch.batchId);
  if (units > 0) await generateUnits(ctx, producer.token, batch.batchId, units);
  return {
    producer: { producerId: product.producerId, token: producer.token },
    productId: product.productId,
    gtin,
    growingAreaId: area.growingAreaId,
    batch: { batchId: batch.batchId, lot: batch.lot },
    units: units > 0 ? await listUnits(ctx, producer.token, batch.batchId) : [],
  };
}
