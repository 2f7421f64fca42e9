import { parseCsvRecords } from '@ocop/ocop-domain';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Json } from './api';
import { REPO_ROOT, StoryContext } from './context';

/** What apps/catalogue/src/demo/seed-demo.ts prints (its SeedResult). */
export interface CatalogueSeed {
  producers: { key: string; name: string; producerId: string; status: string }[];
  products: { nameVi: string; productId: string; producerId: string; public: boolean }[];
}

/**
 * The catalogue's own demo seed: 21 real Bến Tre products of 12 producers through the catalogue API. It is run as
 * its own process (as `npx nx run catalogue:seed-demo` would) rather than imported: an e2e project may not import
 * an application's code, and the seed is already idempotent (it reuses producers and products by name).
 */
export function seedCatalogue(ctx: StoryContext, adminToken: string): Promise<CatalogueSeed> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        'apps/catalogue/src/demo/seed-demo.ts',
        '--catalogue',
        ctx.urls.catalogue,
        '--token',
        adminToken,
      ],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, TS_NODE_PROJECT: 'apps/catalogue/tsconfig.app.json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`catalogue demo seed failed (${code}): ${err || out}`));
      try {
        const result = JSON.parse(out.trim().split('\n').pop() ?? '') as CatalogueSeed;
        ctx.log(`catalogue: ${result.products.length} products of ${result.producers.length} producers`);
        resolve(result);
      } catch {
        reject(new Error(`catalogue demo seed printed no result: ${out}`));
      }
    });
  });
}

/** The sample file the demo catalogue comes from: its `stars` and `stars_as_of` feed the certificate import. */
export const SAMPLE_CSV = join(
  REPO_ROOT,
  'apps/catalogue/src/demo/data/ben-tre-ocop-products-public-sample.csv',
);

export interface ReportedCertificate {
  productId: string;
  productName: string;
  stars: number;
  /** The year the sources report the star for (the first year in `stars_as_of`). */
  year: number;
}

/** The sample products whose star the sources report, matched to the seeded catalogue by product name. */
export function reportedCertificates(seed: CatalogueSeed): ReportedCertificate[] {
  const out: ReportedCertificate[] = [];
  for (const { values: row } of parseCsvRecords(readFileSync(SAMPLE_CSV, 'utf8'), [
    'product_name',
    'stars',
  ])) {
    const stars = Number(row['stars']);
    const year = Number(/\b(20\d\d)\b/.exec(row['stars_as_of'])?.[1]);
    const product = seed.products.find((p) => p.nameVi === row['product_name']);
    if (!product || ![3, 4, 5].includes(stars) || !year) continue;
    out.push({ productId: product.productId, productName: product.nameVi, stars, year });
  }
  return out;
}

/**
 * A GTIN for a demo product. No source gives the real ones, so the placeholders come from GS1's
 * restricted-circulation range 020–029 (numbers a company uses internally, never a real trade item's GTIN): the
 * catalogue says so next to the number. `n` makes the item reference; the check digit is computed.
 */
export function placeholderGtin(n: number): string {
  const body = `0200000${String(n).padStart(5, '0')}`; // 12 digits: GTIN-13 without its check digit
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/** The producer gives its product a GTIN (needed for batches and labels) unless it has one already. */
export async function ensureGtin(
  ctx: StoryContext,
  producerToken: string,
  productId: string,
  gtin: string,
): Promise<Json> {
  const product = await ctx.catalogue.get(`/products/${productId}`, { token: producerToken });
  if (product.gtins?.length) return product;
  const updated = await ctx.catalogue.patch(`/products/${productId}`, {
    token: producerToken,
    body: { gtins: [gtin] },
  });
  ctx.log(`catalogue: ${product.nameVi} has GTIN ${updated.gtins[0]}`);
  return updated;
}
