/**
 * Posts the demo catalogue (demo-catalogue.ts) through the catalogue's public API, as an admin would: registers
 * each producer, verifies those with a known commune, adds each product and puts it on sale. Safe to run again:
 * what already exists (same name) is reused, not duplicated.
 *
 *   node -r ts-node/register/transpile-only apps/catalogue/src/demo/seed-demo.ts \
 *     --catalogue http://127.0.0.1:3002 --identity http://127.0.0.1:3001 --email admin@ocop.local --password '…'
 *   (or --token <admin access token> instead of identity, email and password;
 *    or `npx nx run catalogue:seed-demo --catalogue=… --token=…`)
 *
 * Prints one JSON line: the producers and products with their ids, for the dev seed to bind producer accounts.
 */
import { DEMO_CATALOGUE, DEMO_PRODUCERS, DemoProducer } from './demo-catalogue';

export interface SeedResult {
  producers: { key: string; name: string; producerId: string; status: string }[];
  products: { nameVi: string; productId: string; producerId: string; public: boolean }[];
}

interface ProductRef {
  productId: string;
  nameVi: string;
  status: string;
}

interface ProducerRef {
  producerId: string;
  name: string;
  status: string;
}

interface Api {
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<T>;
}

function api(baseUrl: string, token: string): Api {
  return {
    async call(method, path, body, idempotencyKey) {
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
      return text ? JSON.parse(text) : {};
    },
  };
}

async function ensureProducer(catalogue: Api, producer: DemoProducer): Promise<ProducerRef> {
  const found = await catalogue.call<{ items: ProducerRef[] }>(
    'GET',
    `/producers?q=${encodeURIComponent(producer.name)}&limit=100`,
  );
  const existing = found.items.find((p) => p.name === producer.name);
  if (existing) return existing;
  return catalogue.call<ProducerRef>(
    'POST',
    '/producers',
    {
      type: producer.type,
      name: producer.name,
      ...(producer.tradingName ? { tradingName: producer.tradingName } : {}),
      taxCode: producer.taxCode,
      legalRepresentative: { fullName: 'Người đại diện (dữ liệu mẫu)', woman: false, ethnicMinority: false },
      address: {
        unitMap: 'bt-2022',
        ...(producer.communeCode2022 ? { communeCode: producer.communeCode2022 } : {}),
      },
    },
    `demo-producer-${producer.key}`,
  );
}

export async function seedDemoCatalogue(catalogueUrl: string, token: string): Promise<SeedResult> {
  const catalogue = api(catalogueUrl, token);
  const result: SeedResult = { producers: [], products: [] };
  const idOf = new Map<string, string>();
  for (const producer of DEMO_PRODUCERS) {
    let registered = await ensureProducer(catalogue, producer);
    if (registered.status === 'pending' && producer.communeCode2022) {
      registered = await catalogue.call<ProducerRef>('POST', `/producers/${registered.producerId}/verify`, {
        note: 'Dữ liệu mẫu (demo)',
      });
    }
    idOf.set(producer.key, registered.producerId);
    result.producers.push({
      key: producer.key,
      name: producer.name,
      producerId: registered.producerId,
      status: registered.status,
    });
  }
  for (const entry of DEMO_CATALOGUE) {
    const producerId = idOf.get(entry.producer.key) ?? '';
    const listed = await catalogue.call<{ items: ProductRef[] }>(
      'GET',
      `/products?producerId=${producerId}&limit=100`,
    );
    let product =
      listed.items.find((p) => p.nameVi === entry.product.nameVi) ??
      (await catalogue.call<ProductRef>(
        'POST',
        '/products',
        { producerId, ...entry.product },
        `demo-product-${entry.sourceLine}`,
      ));
    if (product.status === 'draft') {
      product = await catalogue.call<ProductRef>('POST', `/products/${product.productId}/activate`);
    }
    result.products.push({
      nameVi: entry.product.nameVi,
      productId: product.productId,
      producerId,
      public: entry.producer.communeCode2022 !== null,
    });
  }
  return result;
}

async function adminToken(identityUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${identityUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: email, password }),
  });
  if (!res.ok) throw new Error(`login as ${email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** `--name value` or `--name=value` (the form `nx run catalogue:seed-demo --name=value` passes on). */
function argument(name: string): string | undefined {
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

if (require.main === module) {
  (async () => {
    const catalogueUrl = argument('catalogue') ?? 'http://127.0.0.1:3002';
    const token =
      argument('token') ??
      (await adminToken(
        argument('identity') ?? 'http://127.0.0.1:3001',
        argument('email') ?? 'admin@ocop.local',
        argument('password') ?? process.env['SEED_ADMIN_PASSWORD'] ?? '',
      ));
    process.stdout.write(`${JSON.stringify(await seedDemoCatalogue(catalogueUrl, token))}\n`);
  })().catch((err: unknown) => {
    process.stderr.write(`demo seed failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
