import { KeyEncryption } from '@ocop/persistence';
import { TokenIssuer, waitFor } from '@ocop/testing';
import { SignJWT } from 'jose';
import { createPrivateKey, randomUUID } from 'node:crypto';
import {
  ensureGtin,
  issueGrowingAreaCode,
  Json,
  openCommuneRound,
  ORCHARD,
  placeholderGtin,
  registerGrowingArea,
  seedCatalogue,
  setUpProducers,
  setUpStaff,
  SignedIn,
  StaffAccounts,
  StoryContext,
  createBatch,
  generateUnits,
} from './story';
import { bootE2ePlatform, E2ePlatform } from './support/e2e-platform';
import { postDeclared } from './support/raw-post';

/**
 * The platform under attack, across services: one producer against another's records, forged and expired tokens,
 * hostile strings in free-text fields, oversized bodies, path traversal and request floods on public endpoints.
 * Whatever the attempt, the answer is a problem+json with a stable code (never a 5xx), and nothing is changed.
 */

/** identity's development KEY_ENCRYPTION_SECRET (tools/dev/services.mjs leaves the default). */
const DEV_KEY_ENCRYPTION_SECRET = 'dev-only-key-encryption-secret-not-for-production';

const HOSTILE = [
  "'; DROP TABLE products; --",
  '" OR 1=1 --',
  "Robert'); DELETE FROM batches;--",
  '<script>alert("xss")</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}} ${7*7} #{7*7} <%= 7*7 %>',
  '../../../../etc/passwd',
  '%00%27%22%3Cscript%3E',
  'Kẹo dừa ‮ RTL override 𝕌𝕟𝕚𝕔𝕠𝕕𝕖 🥥',
];
/** PostgreSQL cannot store U+0000 in text: a naive service answers 500 to it. */
const NUL = 'tên có ký tự\u0000rỗng';

function expectProblem(reply: { status: number; body: Json; headers: Headers }, ...statuses: number[]) {
  if (!statuses.includes(reply.status)) {
    throw new Error(`expected ${statuses.join('|')}, got ${reply.status}: ${JSON.stringify(reply.body)}`);
  }
  expect(reply.headers.get('content-type')).toContain('application/problem+json');
  expect(typeof reply.body.code).toBe('string');
}

describe('OCOP Trace under attack (every service as its own process)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let staff: StaffAccounts;
  let a: SignedIn;
  let b: SignedIn;
  /** Producer A's records, which B must neither read (where private) nor change. */
  const mine: Record<string, string> = {};

  beforeAll(async () => {
    // A small public budget, so that the flood tests reach it quickly (logins and searches here stay below it).
    const limits = { RATE_LIMIT_PUBLIC_PER_MINUTE: '150' };
    e2e = await bootE2ePlatform({
      extraEnv: {
        identity: limits,
        catalogue: limits,
        traceability: limits,
        rating: limits,
        notifications: limits,
        lookup: limits,
      },
    });
    ctx = e2e.ctx;
    staff = await setUpStaff(ctx);
    const catalogue = await seedCatalogue(ctx, staff.admin);
    const producers = await setUpProducers(ctx, staff.admin, catalogue.producers);
    a = producers['producer'];
    b = producers['producerDongA'];
    const product = catalogue.products.find((p) => p.producerId === a.producerId);
    if (!product) throw new Error('producer A has no product in the demo catalogue');
    mine['productId'] = product.productId;
    mine['producerId'] = a.producerId as string;
    await ensureGtin(ctx, a.token, product.productId, placeholderGtin(7));
    const area = await issueGrowingAreaCode(
      ctx,
      staff.provinceOfficer.token,
      await registerGrowingArea(ctx, a.token),
    );
    mine['growingAreaId'] = area.growingAreaId;
    const batch = await createBatch(ctx, a.token, product.productId, area.growingAreaId);
    mine['batchId'] = batch.batchId;
    await generateUnits(ctx, a.token, batch.batchId, 3);
    const roundId = await openCommuneRound(ctx, { staff });
    const dossier = await ctx.rating.post(`/rounds/${roundId}/dossiers`, {
      token: a.token,
      body: {
        productId: product.productId,
        registration: {
          productNameVi: product.nameVi,
          representative: 'A',
          phone: '0275 3822 123',
          markets: [],
        },
      },
      expect: 201,
    });
    mine['dossierId'] = dossier.dossierId;
    mine['roundId'] = roundId;
    // A shopper's report about A's product: a case that A may read and officers triage, and B may not touch.
    const gtin = placeholderGtin(7);
    // Lookup learns the GTIN from the catalogue's event: until then the code is unknown (404) and names no producer.
    await waitFor(() =>
      ctx.lookup.request('GET', `/01/${gtin}`, { headers: { accept: 'application/json' }, expect: [200] }),
    );
    const report = await ctx.lookup.post(`/reports`, {
      body: { code: `/01/${gtin}`, category: 'quality', message: 'Kẹo bị chảy nước' },
      expect: 201,
    });
    mine['reportId'] = report.reportId;
  }, 600_000);

  afterAll(async () => {
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  describe('one producer against another', () => {
    it("cannot read or change the other's records on any service", async () => {
      const registration = {
        productNameVi: 'Hàng giả',
        representative: 'B',
        phone: '0275 3822 123',
        markets: [],
      };
      // Every body is valid, so that a refusal is about ownership and not about the body's shape.
      // Creating under someone else's producer or product is refused on that field, without saying whether it exists.
      const notYours = [403, 404, 400];
      const attempts: [
        StoryContext['catalogue'],
        'GET' | 'POST' | 'PUT' | 'PATCH',
        string,
        unknown?,
        number[]?,
      ][] = [
        [ctx.catalogue, 'PATCH', `/products/${mine['productId']}`, { descriptionVi: 'bị sửa' }],
        [ctx.catalogue, 'PATCH', `/producers/${mine['producerId']}`, { tradingName: 'bị sửa' }],
        [ctx.catalogue, 'POST', `/products/${mine['productId']}/discontinue`, { reason: 'phá hoại' }],
        [
          ctx.catalogue,
          'POST',
          '/products',
          { producerId: mine['producerId'], nameVi: 'Hàng giả', productSet: 1 },
          notYours,
        ],
        [ctx.traceability, 'GET', `/growing-areas/${mine['growingAreaId']}`],
        [ctx.traceability, 'PUT', `/growing-areas/${mine['growingAreaId']}`, { ...ORCHARD, name: 'bị sửa' }],
        [ctx.traceability, 'GET', `/batches/${mine['batchId']}`],
        [ctx.traceability, 'GET', `/batches/${mine['batchId']}/units`],
        [ctx.traceability, 'GET', `/batches/${mine['batchId']}/labels?format=pdf`],
        [ctx.traceability, 'POST', `/batches/${mine['batchId']}/units`, { count: 5 }],
        [ctx.traceability, 'POST', `/batches/${mine['batchId']}/recall`, { reason: 'phá hoại' }],
        [ctx.traceability, 'POST', `/batches/${mine['batchId']}/release`, {}],
        [ctx.traceability, 'GET', `/batches/${mine['batchId']}/epcis`],
        [ctx.rating, 'GET', `/dossiers/${mine['dossierId']}`],
        [ctx.rating, 'PATCH', `/dossiers/${mine['dossierId']}`, { registration }],
        [ctx.rating, 'POST', `/dossiers/${mine['dossierId']}/withdraw`, {}],
        [
          ctx.rating,
          'POST',
          `/rounds/${mine['roundId']}/dossiers`,
          { productId: mine['productId'], registration },
          notYours,
        ],
        [ctx.identity, 'GET', `/admin/accounts/${a.accountId}`],
        [ctx.lookup, 'GET', `/stats/scans?producerId=${mine['producerId']}`],
        [ctx.notifications, 'GET', `/webhooks/subscriptions`],
        [ctx.lookup, 'GET', `/reports/${mine['reportId']}`],
        [
          ctx.lookup,
          'POST',
          `/reports/${mine['reportId']}/transitions`,
          { status: 'closed', note: 'không sao' },
        ],
      ];
      for (const [client, method, path, body, allowed = [403, 404]] of attempts) {
        const reply = await client
          .request(method, path, { token: b.token, body, expect: allowed })
          .catch((err) => {
            throw new Error(`producer B: ${err.message}`);
          });
        expectProblem(reply, ...allowed);
        if (reply.status === 400) {
          const field = (body as Json).producerId ? 'producerId' : 'productId';
          expect(reply.body.errors.map((e: Json) => e.field)).toEqual([field]);
        }
      }
      // Nothing changed: A still sees its records as they were.
      const batch = await ctx.traceability.get(`/batches/${mine['batchId']}`, { token: a.token });
      expect(batch.status).toBe('open');
      expect(
        (await ctx.traceability.get(`/batches/${mine['batchId']}/units`, { token: a.token })).items,
      ).toHaveLength(3);
      const dossier = await ctx.rating.get(`/dossiers/${mine['dossierId']}`, { token: a.token });
      expect(dossier.status).toBe('draft');
      const product = await ctx.catalogue.get(`/products/${mine['productId']}`, { token: a.token });
      expect(product.descriptionVi ?? '').not.toBe('bị sửa');
      expect(product.status).not.toBe('discontinued');
      const report = await ctx.lookup.get(`/reports/${mine['reportId']}`, { token: a.token });
      expect(report.status).toBe('new');
    });

    it("lists only the producer's own records", async () => {
      const batches = await ctx.traceability.get('/batches?limit=100', { token: b.token });
      expect(batches.items.map((x: Json) => x.batchId)).not.toContain(mine['batchId']);
      const areas = await ctx.traceability.get('/growing-areas?limit=100', { token: b.token });
      expect(areas.items.map((x: Json) => x.growingAreaId)).not.toContain(mine['growingAreaId']);
      const dossiers = await ctx.rating.get('/dossiers?limit=100', { token: b.token });
      expect(dossiers.items.map((x: Json) => x.dossierId)).not.toContain(mine['dossierId']);
      const reports = await ctx.lookup.get('/reports?limit=100', { token: b.token });
      expect(reports.items.map((x: Json) => x.reportId)).not.toContain(mine['reportId']);
      const own = await ctx.lookup.get('/reports?limit=100', { token: a.token });
      expect(own.items.map((x: Json) => x.reportId)).toContain(mine['reportId']);
    });
  });

  describe('tokens', () => {
    const protectedRoutes = (): [StoryContext['catalogue'], string][] => [
      [ctx.identity, '/me'],
      [ctx.catalogue, '/products'],
      [ctx.traceability, '/batches'],
      [ctx.rating, '/dossiers'],
      [ctx.notifications, '/inbox'],
      [ctx.lookup, '/stats/scans'],
      [ctx.lookup, '/reports'],
    ];

    /** A token identity itself would sign (its real key, read from its database) but already expired. */
    async function expiredGenuineToken(): Promise<string> {
      const db = await e2e.database('identity');
      try {
        const { rows } = await db.query(
          `SELECT kid, private_key_encrypted FROM signing_keys WHERE retire_after IS NULL`,
        );
        const der = new KeyEncryption(DEV_KEY_ENCRYPTION_SECRET, {
          salt: 'ocop-identity',
          info: 'signing-key-encryption/v1',
        }).open(rows[0].private_key_encrypted, rows[0].kid);
        const key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({ roles: ['admin'], lang: 'vi' })
          .setProtectedHeader({ alg: 'EdDSA', kid: rows[0].kid, typ: 'JWT' })
          .setSubject(randomUUID())
          .setIssuer('ocop-identity')
          .setAudience('ocop')
          .setIssuedAt(now - 3600)
          .setExpirationTime(now - 600)
          .sign(key);
      } finally {
        await db.end();
      }
    }

    it('refuses missing, malformed, forged, tampered, unsigned and expired tokens on every service with 401', async () => {
      const foreign = new TokenIssuer();
      await foreign.start();
      try {
        const forged = await foreign.sign({ roles: ['admin'] });
        const [header, payload, signature] = b.token.split('.');
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        const tampered = [
          header,
          Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url'),
          signature,
        ].join('.');
        const unsigned = [
          Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url'),
          Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url'),
          '',
        ].join('.');
        const expired = await expiredGenuineToken();
        const tokens: [string, string | undefined][] = [
          ['missing', undefined],
          ['malformed', 'not-a-jwt'],
          ['forged (another key)', forged],
          ['tampered (roles changed)', tampered],
          ['unsigned (alg none)', unsigned],
          ['expired (identity-signed)', expired],
        ];
        for (const [client, path] of protectedRoutes()) {
          for (const [what, token] of tokens) {
            const reply = await client.request('GET', path, { token, expect: [401] }).catch((err) => {
              throw new Error(`${client.service} ${path} with a ${what} token: ${err.message}`);
            });
            expectProblem(reply, 401);
          }
        }
      } finally {
        await foreign.stop();
      }
    });
  });

  describe('hostile input', () => {
    it('stores hostile strings in free-text fields exactly as given, or refuses them with a 400 — never a 5xx', async () => {
      for (const text of HOSTILE) {
        const created = await ctx.catalogue.request('POST', '/products', {
          token: a.token,
          body: {
            producerId: a.producerId,
            nameVi: text,
            nameEn: text,
            productSet: 1,
            descriptionVi: text,
            ingredients: text,
            trademark: text,
          },
          expect: [201, 400],
        });
        if (created.status === 400) {
          expectProblem(created, 400);
          continue;
        }
        const back = await ctx.catalogue.get(`/products/${created.body.productId}`, { token: a.token });
        expect([back.nameVi, back.descriptionVi, back.ingredients, back.trademark]).toEqual([
          text,
          text,
          text,
          text,
        ]);
        const area = await ctx.traceability.request('POST', '/growing-areas', {
          token: a.token,
          body: {
            name: text,
            crop: 'Sầu riêng',
            variety: text,
            cropCycle: 'perennial',
            areaHa: 1,
            standard: 'other',
            standardDetail: text,
            expectedYieldTonnesPerYear: 1,
            facilityName: text,
            place: { provinceCode: '83', districtCode: '832', communeCode: '28882' },
          },
          expect: [201, 400],
        });
        if (area.status === 201) expect(area.body.name).toBe(text);
        else expectProblem(area, 400);
        const search = await ctx.catalogue.request(
          'GET',
          `/catalogue/products?q=${encodeURIComponent(text)}`,
          {
            expect: [200, 400],
          },
        );
        expect(search.status).toBeLessThan(500);
      }
      // The tables are all still there and answering.
      expect((await ctx.catalogue.get('/catalogue/products?limit=5')).items.length).toBeGreaterThan(0);
      expect(
        (await ctx.traceability.get('/batches?limit=5', { token: a.token })).items.length,
      ).toBeGreaterThan(0);
    });

    it('refuses a NUL character with a 400 naming the field, on every service', async () => {
      const attempts: [StoryContext['catalogue'], string, string, unknown][] = [
        [ctx.catalogue, '/products', a.token, { producerId: a.producerId, nameVi: NUL, productSet: 1 }],
        [
          ctx.traceability,
          '/growing-areas',
          a.token,
          {
            name: NUL,
            crop: 'x',
            variety: 'x',
            cropCycle: 'perennial',
            areaHa: 1,
            standard: 'other',
            expectedYieldTonnesPerYear: 1,
            facilityName: 'x',
            place: { provinceCode: '83', districtCode: '832', communeCode: '28882' },
          },
        ],
        [
          ctx.rating,
          `/rounds/${mine['roundId']}/dossiers`,
          b.token,
          {
            productId: randomUUID(),
            registration: { productNameVi: NUL, representative: NUL, phone: '1', markets: [] },
          },
        ],
        [
          ctx.identity,
          '/admin/accounts',
          staff.admin,
          {
            email: `nul-${randomUUID()}@ocop.local`,
            displayName: NUL,
            roles: ['retailer'],
            password: 'Abcdefgh-1234!',
          },
        ],
        [
          ctx.notifications,
          '/webhooks/subscriptions',
          staff.retailer.token,
          { url: 'http://127.0.0.1:9/x', eventTypes: ['ocop.traceability.batch.recalled'], description: NUL },
        ],
        [ctx.lookup, '/reports', '', { code: `/01/${placeholderGtin(7)}`, category: 'other', message: NUL }],
      ];
      for (const [client, path, token, body] of attempts) {
        const reply = await client.request('POST', path, {
          token: token || undefined,
          body,
          expect: [400, 422],
        });
        expectProblem(reply, 400, 422);
      }
    });

    it('refuses an oversized body with 413 problem+json on every service, before reading it all', async () => {
      // The request declares 3 MB and sends only its first 64 KB: the answer must come anyway. (A client sending
      // all of it may see the connection closed under its writes, EPIPE, before it reads the 413: a race.)
      const declared = 3 * 1024 * 1024;
      const routes: [StoryContext['catalogue'], string][] = [
        [ctx.identity, '/auth/login'],
        [ctx.catalogue, '/products'],
        [ctx.traceability, '/batches'],
        [ctx.rating, '/rounds'],
        [ctx.notifications, '/webhooks/subscriptions'],
        [ctx.lookup, '/verify'],
        [ctx.lookup, '/reports'],
      ];
      for (const [client, path] of routes) {
        const reply = await postDeclared(client.baseUrl, path, {
          contentType: 'application/json',
          declared,
          body: `{"nameVi":"${'x'.repeat(64 * 1024)}`,
          token: a.token,
        });
        expect({ service: client.service, path, status: reply.status }).toEqual({
          service: client.service,
          path,
          status: 413,
        });
        expect(reply.contentType).toContain('application/problem+json');
        expect(typeof (JSON.parse(reply.body) as { code: unknown }).code).toBe('string');
      }
    });

    it('never serves a file outside what it owns, whatever the path (traversal, encoded or not)', async () => {
      const probes = [
        '/../../../../etc/passwd',
        '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
        '/..%2f..%2f..%2fetc%2fpasswd',
        '/docs/..%2f..%2f..%2fpackage.json',
        '/docs/%2e%2e%2f%2e%2e%2fpackage.json',
        '/static/..%252f..%252fetc%252fpasswd',
      ];
      const scoped = [
        [ctx.rating, `/dossiers/${mine['dossierId']}/attachments/..%2f..%2f..%2fetc%2fpasswd`],
        [ctx.rating, `/certificates/..%2f..%2fetc%2fpasswd/pdf`],
        [ctx.traceability, `/label-jobs/..%2f..%2f..%2fetc%2fpasswd/output`],
        [ctx.traceability, `/batches/${mine['batchId']}/units/..%2f..%2fetc%2fpasswd/qr.png`],
      ] as const;
      const all = [
        ...[ctx.identity, ctx.catalogue, ctx.traceability, ctx.rating, ctx.notifications, ctx.lookup].flatMap(
          (c) => probes.map((p) => [c, p] as const),
        ),
        ...scoped,
      ];
      for (const [client, path] of all) {
        const res = await fetch(`${client.baseUrl}${path}`, {
          headers: { authorization: `Bearer ${a.token}` },
        });
        const text = await res.text();
        expect({ path, status: res.status }).toEqual({ path, status: expect.any(Number) });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.status).toBeLessThan(500);
        expect(text).not.toMatch(/root:.*:0:0:|"name":\s*"ocop-trace"/);
      }
    });
  });

  describe('floods', () => {
    it('slows down password guessing on identity with 429 and Retry-After', async () => {
      let last: { status: number; headers: Headers; body: Json } | undefined;
      for (let i = 0; i < 8; i++) {
        last = await ctx.identity.request('POST', '/auth/login', {
          body: { identifier: 'retailer@ocop.local', password: `wrong-${i}` },
          expect: [401, 429],
        });
        if (last.status === 429) break;
      }
      expect(last?.status).toBe(429);
      expectProblem(last as never, 429);
      expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('rate-limits each anonymous client on the public endpoints of every service, with 429 and Retry-After', async () => {
      const publicEndpoints = [
        `${ctx.urls.identity}/.well-known/jwks.json`,
        `${ctx.urls.catalogue}/catalogue/products?limit=1`,
        `${ctx.urls.traceability}/.well-known/ocop-label-keys.json`,
        `${ctx.urls.rating}/rubrics`,
        `${ctx.urls.lookup}/.well-known/gs1resolver`,
        `${ctx.urls.lookup}/01/0${placeholderGtin(7)}`,
      ];
      for (const url of publicEndpoints) {
        let limited: Response | undefined;
        for (let sent = 0; sent < 400 && !limited; sent += 25) {
          const replies = await Promise.all(Array.from({ length: 25 }, () => fetch(url)));
          limited = replies.find((r) => r.status === 429);
          await Promise.all(replies.map((r) => r.arrayBuffer()));
        }
        expect({ url, status: limited?.status }).toEqual({ url, status: 429 });
        expect(limited?.headers.get('content-type')).toContain('application/problem+json');
        expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
        // Someone else, signed in, is not affected.
        const other = await fetch(url, {
          headers: { authorization: `Bearer ${a.token}` },
          redirect: 'manual',
        });
        expect(other.status).toBeLessThan(400);
      }
    });
  });
});
