import { randomUUID } from 'node:crypto';
import { adminToken, Json, placeholderGtin, StoryContext } from './story';
import { bootE2ePlatform, E2ePlatform } from './support/e2e-platform';
import { postDeclared } from './support/raw-post';

/**
 * The edges of issue 13 (items 10–12), replayed against every service as its own process: hostile bodies and
 * cursors are 400 problems (never a 500), large bodies are read only on upload routes and only after
 * authentication, and only a bearer token that verifies buys the larger request budget.
 */

/** The anonymous budget of this suite: the flood test at the end reaches it; everything before stays far below. */
const PUBLIC_PER_MINUTE = 100;

/** The first `sent` bytes of a CSV that would be much longer. */
const csvPrefix = (sent: number) => 'tên sản phẩm,mã số thuế\n'.repeat(Math.ceil(sent / 32)).slice(0, sent);

const cursorOf = (...values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');

/** A body `depth` arrays deep under `field` (3,000 levels are about 6 KB). */
const nestedJson = (depth: number, field = 'identifier') =>
  `{"${field}":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`;

describe('OCOP Trace at its edges: hostile bodies, cursors and budgets (every service as its own process)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let admin: string;

  beforeAll(async () => {
    const limits = { RATE_LIMIT_PUBLIC_PER_MINUTE: String(PUBLIC_PER_MINUTE) };
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
    admin = await adminToken(ctx);
  }, 600_000);

  afterAll(async () => {
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  const services = (): StoryContext['catalogue'][] => [
    ctx.identity,
    ctx.catalogue,
    ctx.traceability,
    ctx.rating,
    ctx.notifications,
    ctx.lookup,
  ];

  function expectProblem(
    reply: { status: number; body: Json; headers: Headers },
    status: number,
    code: string,
  ) {
    expect({ status: reply.status, code: reply.body?.code }).toEqual({ status, code });
    expect(reply.headers.get('content-type')).toContain('application/problem+json');
  }

  describe('hostile bodies', () => {
    it('answers JSON nested 3,000 levels deep with 400 body-too-deep on every service, signed in or not', async () => {
      const routes: [StoryContext['catalogue'], string][] = [
        [ctx.identity, '/auth/login'],
        [ctx.catalogue, '/products'],
        [ctx.traceability, '/batches'],
        [ctx.rating, '/rounds'],
        [ctx.notifications, '/webhooks/subscriptions'],
        [ctx.lookup, '/reports'],
      ];
      for (const [client, path] of routes) {
        for (const token of [undefined, admin]) {
          const reply = await client.request('POST', path, {
            token,
            raw: { contentType: 'application/json', payload: nestedJson(3000) },
            expect: [400],
          });
          expectProblem(reply, 400, 'body-too-deep');
        }
      }
    });

    it('refuses a NUL character 40 levels deep in an EPCIS document with 400, on POST /events and /capture', async () => {
      let ilmd: Json = { note: 'lô\u0000hỏng' };
      for (let i = 0; i < 40; i++) ilmd = { nested: ilmd };
      const document = {
        '@context': ['https://ref.gs1.org/standards/epcis/epcis-context.jsonld'],
        type: 'EPCISDocument',
        schemaVersion: '2.0',
        creationDate: new Date().toISOString(),
        epcisBody: {
          eventList: [
            {
              type: 'ObjectEvent',
              eventTime: new Date().toISOString(),
              eventTimeZoneOffset: '+07:00',
              action: 'ADD',
              bizStep: 'commissioning',
              epcList: [`https://id.ocop.test/01/${placeholderGtin(7)}/21/X1`],
              ilmd,
            },
          ],
        },
      };
      for (const [path, contentType] of [
        ['/events', 'application/ld+json'],
        ['/capture', 'application/json'],
      ]) {
        const reply = await ctx.traceability.request('POST', path, {
          token: admin,
          raw: { contentType, payload: JSON.stringify(document) },
          expect: [400],
        });
        expectProblem(reply, 400, 'validation-failed');
        expect(reply.body.errors[0].field).toMatch(/^epcisBody\.eventList\[0\]\.ilmd\.(nested\.){40}note$/);
      }
    });

    it('sends a report form whose field ends in a line break back to the page with 303, never a 500', async () => {
      const gtin = `0${placeholderGtin(7)}`;
      for (const code of [`/01/${gtin}\n`, `${ctx.urls.lookup}/01/${gtin}\r\n`]) {
        const res = await fetch(`${ctx.urls.lookup}/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            code,
            category: 'other',
            message: 'Tem bị mờ\n',
            lang: 'vi',
          }).toString(),
          redirect: 'manual',
        });
        await res.arrayBuffer();
        expect({ code, status: res.status }).toEqual({ code, status: 303 });
        expect(res.headers.get('location')).toBe(`/p/01/${gtin}?reported=1&lang=vi#reported`);
      }
    });
  });

  describe('cursors of the right kind with bad contents', () => {
    const now = new Date().toISOString();
    const id = randomUUID();
    /** Each list, a cursor of its own kind that must work, and ones with contents PostgreSQL would refuse. */
    const lists = (): [StoryContext['catalogue'], string, string | undefined, unknown[], unknown[][]][] => [
      [
        ctx.catalogue,
        '/producers?cursor=',
        admin,
        ['producers', 'a', id],
        [
          ['producers', 'a', 'x'],
          ['producers', 'a\u0000', id],
        ],
      ],
      [
        ctx.catalogue,
        '/products?cursor=',
        admin,
        ['products', 'a', id],
        [
          ['products', 'a', 'x'],
          ['products', 1, id],
        ],
      ],
      [
        ctx.catalogue,
        '/catalogue/products?cursor=',
        undefined,
        ['search-name', 'a', id],
        [['search-name', 'a', 'x']],
      ],
      [
        ctx.catalogue,
        '/catalogue/products?q=keo&cursor=',
        undefined,
        ['search-rank', 1, id],
        [
          ['search-rank', 1.5, id],
          ['search-rank', 1e20, id],
          ['search-rank', 1, 'x'],
        ],
      ],
      [
        ctx.catalogue,
        '/admin-units?cursor=',
        undefined,
        ['units', 0],
        [
          ['units', -1],
          ['units', 1e10],
          ['units', 0.5],
        ],
      ],
      [
        ctx.traceability,
        '/batches?cursor=',
        admin,
        ['batches', now, id],
        [
          ['batches', 'yesterday', id],
          ['batches', '-271821-04-20T00:00:00.000Z', id],
          ['batches', now, 'x'],
        ],
      ],
      [
        ctx.traceability,
        '/growing-areas?cursor=',
        admin,
        ['growing-area', now, id],
        [
          ['growing-area', 'tomorrow', id],
          ['growing-area', now, `${id}'`],
        ],
      ],
      [
        ctx.traceability,
        '/packing-houses?cursor=',
        admin,
        ['packing-house', now, id],
        [['packing-house', '2025-02-30T00:00:00.000Z', id]],
      ],
      // EPCIS page tokens are signed and bound to their query, so none can be made up here: traceability's
      // epcis-query.int-spec.ts refuses altered, cut and replayed ones with the same 400 invalid-cursor.
      [
        ctx.identity,
        '/admin/accounts?cursor=',
        admin,
        ['accounts', now, id],
        [['accounts', '0000-01-01T00:00:00.000Z', id]],
      ],
      [ctx.rating, '/certificates?cursor=', admin, ['certificates', now, id], [['certificates', now, 'x']]],
    ];

    it('answers each with 400 invalid-cursor on every paginated list, and a well-formed one with 200', async () => {
      for (const [client, path, token, good, hostile] of lists()) {
        const ok = await client
          .request('GET', `${path}${cursorOf(...good)}`, { token, expect: [200] })
          .catch((err) => {
            throw new Error(`${client.service} ${path} with a well-formed cursor: ${err.message}`);
          });
        expect(ok.status).toBe(200);
        for (const values of hostile) {
          const reply = await client
            .request('GET', `${path}${cursorOf(...values)}`, { token, expect: [400] })
            .catch((err) => {
              throw new Error(`${client.service} ${path} ${JSON.stringify(values)}: ${err.message}`);
            });
          expectProblem(reply, 400, 'invalid-cursor');
        }
      }
    });
  });

  describe('large bodies before authentication', () => {
    const nineMegabytes = 9 * 1024 * 1024;

    it('refuses 9 MB of text/plain or text/csv without reading it: 401 on import routes, 415 everywhere else', async () => {
      const routes: [string, string, number, string][] = [
        [ctx.urls.catalogue, '/imports/products/dry-run', 401, 'unauthenticated'],
        [ctx.urls.catalogue, '/imports/producers', 401, 'unauthenticated'],
        [ctx.urls.rating, '/certificates/import', 401, 'unauthenticated'],
        [ctx.urls.lookup, '/verify/csv', 401, 'unauthenticated'],
        [ctx.urls.catalogue, '/products', 415, 'unsupported-media-type'],
        [ctx.urls.identity, '/auth/login', 415, 'unsupported-media-type'],
        [ctx.urls.rating, '/rounds', 415, 'unsupported-media-type'],
        [ctx.urls.traceability, '/batches', 415, 'unsupported-media-type'],
        [ctx.urls.notifications, '/webhooks/subscriptions', 415, 'unsupported-media-type'],
        [ctx.urls.lookup, '/verify', 415, 'unsupported-media-type'],
      ];
      for (const [base, path, status, code] of routes) {
        for (const contentType of ['text/plain', 'text/csv; charset=utf-8']) {
          const reply = await postDeclared(base, path, {
            contentType,
            declared: nineMegabytes,
            body: csvPrefix(64 * 1024),
          });
          expect({ path, contentType, status: reply.status }).toEqual({ path, contentType, status });
          expect(reply.contentType).toContain('application/problem+json');
          expect((JSON.parse(reply.body) as { code: string }).code).toBe(code);
          // The rest of the body is not waited for: the connection is closed with the answer.
          expect({ path, contentType, connection: reply.connection }).toEqual({
            path,
            contentType,
            connection: 'close',
          });
        }
      }
      // A garbage bearer token is no credential either.
      const garbage = await postDeclared(ctx.urls.catalogue, '/imports/products/dry-run', {
        contentType: 'text/csv',
        declared: nineMegabytes,
        body: csvPrefix(64 * 1024),
        token: 'garbage',
      });
      expect(garbage.status).toBe(401);
    });

    it('answers a signed-in upload past its limit with 413 from the declared length, before reading it', async () => {
      for (const [base, path] of [
        [ctx.urls.catalogue, '/imports/products/dry-run'],
        [ctx.urls.lookup, '/verify/csv'],
      ]) {
        const reply = await postDeclared(base, path, {
          contentType: 'text/csv',
          declared: 64 * 1024 * 1024,
          body: csvPrefix(64 * 1024),
          token: admin,
        });
        expect({ path, status: reply.status }).toEqual({ path, status: 413 });
        expect((JSON.parse(reply.body) as { code: string }).code).toBe('payload-too-large');
      }
    });

    it('still imports a file sent by a signed-in officer, read as it arrives', async () => {
      const header =
        'Tên chủ thể,Loại chủ thể,Mã số thuế,Người đại diện,Địa chỉ,Mã xã,Bản đồ hành chính,Điện thoại';
      const rows = Array.from(
        { length: 3 },
        (_, i) =>
          `HTX Biên ${i},Hợp tác xã,${String(3900000000 + i)},Nguyễn Văn A,Ấp 1,28882,2022,0275 3822 123`,
      );
      const reply = await ctx.catalogue.request('POST', '/imports/producers/dry-run', {
        token: admin,
        raw: { contentType: 'text/csv; charset=utf-8', payload: [header, ...rows].join('\r\n') },
        expect: [200],
      });
      expect(reply.body).toMatchObject({ dryRun: true, rows: 3, valid: 3, errors: [] });
    });
  });

  // Last: it spends the anonymous budget of this client address on identity and the catalogue.
  describe('rate-limit budgets', () => {
    it('keeps a client with a garbage bearer token in the anonymous budget, on /auth/login too', async () => {
      const targets: [string, RequestInit][] = [
        [
          `${ctx.urls.identity}/auth/login`,
          {
            method: 'POST',
            // An empty body (400): cheap, and never the login's own per-account throttle (login-throttled).
            headers: { authorization: 'Bearer garbage', 'content-type': 'application/json' },
            body: '{}',
          },
        ],
        [
          `${ctx.urls.catalogue}/catalogue/products?limit=1`,
          { headers: { authorization: 'Bearer garbage' } },
        ],
        [`${ctx.urls.lookup}/01/0${placeholderGtin(7)}`, { headers: { authorization: 'Bearer garbage' } }],
      ];
      for (const [url, init] of targets) {
        let limited: Response | undefined;
        let limitedBody = '';
        let sent = 0;
        // The anonymous budget and a margin: with the signed-in one (12,000) this would never be limited.
        while (sent < PUBLIC_PER_MINUTE * 2 && !limited) {
          const replies = await Promise.all(Array.from({ length: 20 }, () => fetch(url, init)));
          const bodies = await Promise.all(replies.map((r) => r.text()));
          sent += replies.length;
          const at = replies.findIndex((r) => r.status === 429);
          if (at >= 0) [limited, limitedBody] = [replies[at], bodies[at]];
        }
        expect({ url, status: limited?.status }).toEqual({ url, status: 429 });
        expect(sent).toBeLessThanOrEqual(PUBLIC_PER_MINUTE + 40);
        expect(limited?.headers.get('content-type')).toContain('application/problem+json');
        expect((JSON.parse(limitedBody) as { code: string }).code).toBe('too-many-requests');
        expect(Number(limited?.headers.get('retry-after'))).toBeGreaterThan(0);
        // The same address with a token that verifies has its own, larger budget.
        const verified = await fetch(url, {
          ...init,
          headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${admin}` },
          redirect: 'manual',
        });
        await verified.arrayBuffer();
        expect({ url, status: verified.status }).not.toEqual({ url, status: 429 });
      }
    });
  });

  it('left every service healthy', async () => {
    for (const client of services()) {
      const res = await fetch(`${client.baseUrl}/health/ready`);
      expect({ service: client.service, status: res.status }).toEqual({
        service: client.service,
        status: 200,
      });
    }
  });
});
