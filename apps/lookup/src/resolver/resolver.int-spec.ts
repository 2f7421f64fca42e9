import { freePort } from '@ocop/testing';
import { startLookup, LookupHarness, SeededItem } from '../../test/lookup-harness';
import { randomGtin } from '../../test/fixtures';
import { ScanRecorder } from '../scans/scan-recorder';

const json = { accept: 'application/json' };

describe('GS1-conformant resolver (integration)', () => {
  let t: LookupHarness;
  let item: SeededItem;
  let gtin: string;
  let lot: string;

  beforeAll(async () => {
    t = await startLookup('lookup_resolver');
    item = await t.seedItem({ units: 2 });
    gtin = item.batch.gtin as string;
    lot = item.batch.lot;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('redirects (307) to the consumer page by default, passing the query string on', async () => {
    const res = await t.request('GET', `/01/${gtin}/10/${lot}?17=270503&context=shop`);
    expect(res.status).toBe(307);
    expect(res.headers['location']).toBe(
      `https://id.ocop.test/p/01/${gtin}/10/${lot}?17=270503&context=shop`,
    );
    expect(res.headers['link']).toBe(
      `<https://id.ocop.test/01/${gtin}/10/${lot}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`,
    );
  });

  it('answers a trailing slash and a GTIN-13 as the canonical URI', async () => {
    const canonical = await t.request('GET', `/01/${gtin}/10/${lot}?17=270503`);
    for (const path of [`/01/${gtin}/10/${lot}/?17=270503`, `/01/${gtin.slice(1)}/10/${lot}?17=270503`]) {
      const res = await t.request('GET', path);
      expect({
        path,
        status: res.status,
        location: res.headers['location'],
        link: res.headers['link'],
      }).toEqual({
        path,
        status: 307,
        location: canonical.headers['location'],
        link: canonical.headers['link'],
      });
    }
    const json = await t.request('GET', `/01/${gtin.slice(1)}/`, { headers: { accept: 'application/json' } });
    expect(json.body).toMatchObject({ gtin, code: `https://id.ocop.test/01/${gtin}` });
  });

  it('redirects to another link type on ?linkType=, and 404s a link type the item lacks', async () => {
    const epcis = await t.request('GET', `/01/${gtin}/10/${lot}?linkType=gs1:epcis`);
    expect(epcis.status).toBe(307);
    expect(epcis.headers['location']).toMatch(/^http:\/\/127\.0\.0\.1:3003\/events\?MATCH_anyEPCClass=/);
    const cert = await t.request('GET', `/01/${gtin}?linkType=gs1:certificationInfo`);
    // linkType instructs the resolver: it is not passed on to the target.
    expect(cert.headers['location']).toMatch(/^https:\/\/id\.ocop\.test\/certificates\/OCOP-BT-\d+$/);
    const certEn = await t.request('GET', `/01/${gtin}?linkType=gs1:certificationInfo&foo=bar`, {
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(certEn.headers['location']).toBe(`${cert.headers['location']}?lang=en&foo=bar`);
    const missing = await t.request('GET', `/01/${gtin}?linkType=gs1:recallStatus`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(missing.body).toMatchObject({ code: 'link-type-not-found', status: 404 });
  });

  it('answers a linkset (RFC 9264) on ?linkType=linkset and on Accept: application/linkset+json', async () => {
    for (const res of [
      await t.request('GET', `/01/${gtin}/10/${lot}?linkType=linkset`),
      await t.request('GET', `/01/${gtin}/10/${lot}`, { headers: { accept: 'application/linkset+json' } }),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/linkset\+json/);
      const [entry] = res.body.linkset;
      expect(entry.anchor).toBe(`https://id.ocop.test/01/${gtin}/10/${lot}`);
      expect(entry['https://gs1.org/voc/defaultLink'][0].href).toBe(
        `https://id.ocop.test/p/01/${gtin}/10/${lot}`,
      );
      for (const rel of [
        'pip',
        'verificationService',
        'recallStatus',
        'traceability',
        'epcis',
        'certificationInfo',
      ]) {
        // One link object per language, each with its own title (GS1's linkset schema has no title*).
        expect(entry[`https://gs1.org/voc/${rel}`]).toEqual([
          expect.objectContaining({ href: expect.any(String), title: expect.any(String), hreflang: ['vi'] }),
          expect.objectContaining({ href: expect.any(String), title: expect.any(String), hreflang: ['en'] }),
        ]);
      }
      expect(entry['https://gs1.org/voc/epcis'][0].type).toBe('application/ld+json');
      expect(res.headers['content-type']).toBe('application/linkset+json');
      expect(String(res.headers['link'])).toContain('rel="http://www.w3.org/ns/json-ld#context"');
      expect(JSON.stringify(res.body)).not.toContain('title*');
    }
  });

  it('answers the verification as JSON on Accept: application/json', async () => {
    const res = await t.request('GET', item.unitPaths[0], { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'genuine', level: 'unit', serial: item.serials[0], gtin });
  });

  it.each([
    ['wrong qualifier order', (g: string) => `/01/${g}/21/S1/10/L1`, 'qualifier-order'],
    [
      'bad check digit',
      (g: string) => `/01/${g.slice(0, 13)}${(Number(g[13]) + 1) % 10}`,
      'gtin-check-digit',
    ],
    ['a space (outside set 82)', (g: string) => `/01/${g}/10/L%201`, 'value-charset'],
    ['a "#" (outside set 82)', (g: string) => `/01/${g}/10/L%231`, 'value-charset'],
    ['a lot over 20 characters', (g: string) => `/01/${g}/10/${'A'.repeat(21)}`, 'value-too-long'],
    ['a URI over 2048 characters', (g: string) => `/01/${g}/10/L1?x=${'a'.repeat(2100)}`, 'value-too-long'],
    ['malformed percent-encoding', (g: string) => `/01/${g}/10/%ZZ`, 'percent-encoding'],
    ['an unknown path AI', (g: string) => `/01/${g}/99/x`, 'unknown-path-ai'],
    ['an unknown query AI', (g: string) => `/01/${g}/10/L1?99=1`, 'unknown-attribute'],
    ['an 11-digit GTIN', () => `/01/89360470005`, 'gtin-format'],
    [
      'a GTIN-13 with a bad check digit',
      (g: string) => `/01/${g.slice(1, 13)}${(Number(g[13]) + 1) % 10}`,
      'gtin-check-digit',
    ],
  ])('refuses %s with 400 problem+json', async (_name, path, reason) => {
    const res = await t.request('GET', path(gtin));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'invalid-digital-link', reason, status: 400 });
    expect(res.body.title).toContain(' / ');
  });

  it('answers 404 problem for a GTIN that is not ours', async () => {
    const res = await t.request('GET', `/01/${randomGtin()}`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not-found' });
  });

  it('supports HEAD, OPTIONS and CORS', async () => {
    const head = await t.request('HEAD', `/01/${gtin}/10/${lot}`);
    expect(head.status).toBe(307);
    expect(head.headers['location']).toContain('/p/01/');
    const options = await t.request('OPTIONS', `/01/${gtin}`, {
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET' },
    });
    expect(options.status).toBe(204);
    expect(options.headers['access-control-allow-origin']).toBe('*');
    expect(String(options.headers['access-control-allow-methods'])).toContain('HEAD');
    const plain = await t.request('OPTIONS', `/01/${gtin}`);
    expect(plain.status).toBe(204);
    const get = await t.request('GET', `/01/${gtin}`, { headers: { origin: 'https://shop.example' } });
    expect(get.headers['access-control-allow-origin']).toBe('*');
  });

  it('publishes its description at /.well-known/gs1resolver', async () => {
    const res = await t.request('GET', '/.well-known/gs1resolver');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ resolverRoot: 'https://id.ocop.test', supportedPrimaryKeys: ['01'] });
    expect(res.body.supportedLinkType).toEqual([{ namespace: 'https://gs1.org/voc/', prefix: 'gs1:' }]);
  });

  it('serves the certificate page rating’s QR code points to', async () => {
    const linkset = await t.request('GET', `/01/${gtin}?linkType=linkset`);
    const href: string = linkset.body.linkset[0]['https://gs1.org/voc/certificationInfo'][0].href;
    const path = new URL(href).pathname;
    const html = await t.request('GET', path);
    expect(html.status).toBe(200);
    expect(html.body).toContain('Giấy chứng nhận còn hiệu lực');
    const json = await t.request('GET', path, { headers: { accept: 'application/json' } });
    expect(json.body).toMatchObject({ state: 'valid', stars: 4 });
    expect((await t.request('GET', '/certificates/NOPE-1')).status).toBe(404);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const first = await t.request('GET', `/p/01/${gtin}/10/${lot}`);
    expect(first.status).toBe(200);
    const etag = String(first.headers['etag']);
    const again = await t.request('GET', `/p/01/${gtin}/10/${lot}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers first scans that arrive together (one query for all of them) each with its own unit', async () => {
    const many = await t.seedItem({ units: 30 });
    const paths = [...many.unitPaths, many.unitPaths[0].replace(many.serials[0], 'NEVER-ISSUED')];
    const answers = await Promise.all(paths.map((p) => t.request('GET', p, { headers: json })));
    answers.slice(0, 30).forEach((res, i) => {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ outcome: 'genuine', serial: many.serials[i] });
    });
    expect(answers[30].body).toMatchObject({ outcome: 'unknown', serial: 'NEVER-ISSUED' });
  });

  it('answers over the network (the fast path, ahead of Fastify) as its routes do, and counts repeat scans', async () => {
    const port = await freePort();
    await t.app.listen({ port, host: '127.0.0.1' });
    const unit = item.unitPaths[1];
    const cases: ['GET' | 'HEAD', string, Record<string, string>][] = [
      ['GET', unit, json],
      ['GET', unit, json], // a repeat: answered from the URL's rendered answer
      ['HEAD', unit, json],
      ['GET', `/01/${gtin}/10/${lot}?17=270503&context=shop`, {}],
      ['HEAD', `/01/${gtin}/10/${lot}`, {}],
      ['GET', `/01/${gtin}/10/${lot}?linkType=linkset`, {}],
      ['GET', `/01/${gtin}/10/${lot}?linkType=gs1:recallStatus`, json],
      ['GET', `/01/${gtin}/21/S1/10/L1`, json],
      ['GET', `/01/${randomGtin()}`, json],
      ['GET', `/p/01/${gtin}/10/${lot}`, {}],
      ['GET', `/status${unit}`, json],
    ];
    const withoutScans = (body: unknown) => {
      if (typeof body !== 'object' || body === null) return body;
      const { scans: _scans, instance: _instance, ...rest } = body as Record<string, unknown>;
      return rest;
    };
    for (const [method, path, headers] of cases) {
      // A status answer carries the unit's scan history as of the last flush, and its ETag covers it: write the
      // scans counted so far first, so that the timer's next flush cannot land between the two requests.
      if (path.startsWith('/status')) await t.get(ScanRecorder).flush();
      const net = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers, redirect: 'manual' });
      const netText = await net.text();
      const routed = await t.request(method, path, { headers });
      const context = `${method} ${path}`;
      expect({ context, status: net.status }).toEqual({ context, status: routed.status });
      for (const name of ['content-type', 'location', 'link', 'cache-control', 'vary', 'etag']) {
        expect({ context, name, value: net.headers.get(name) ?? undefined }).toEqual({
          context,
          name,
          value: routed.headers[name] === undefined ? undefined : String(routed.headers[name]),
        });
      }
      expect(net.headers.get('access-control-allow-origin')).toBe('*');
      if (/json/.test(net.headers.get('content-type') ?? '') && netText) {
        expect({ context, body: withoutScans(JSON.parse(netText)) }).toEqual({
          context,
          body: withoutScans(routed.body),
        });
      } else if (method === 'GET') {
        expect(netText).toBe(routed.body);
      }
    }
    // Four JSON GETs of the unit were scans (two over the network, two routed); HEAD, /status and the page not.
    await t.flushScans();
    const res = await fetch(`http://127.0.0.1:${port}${unit}`, { headers: json });
    expect(((await res.json()) as { scans: { scans: number } }).scans).toMatchObject({ scans: 4 });
  });

  it('sends a form report back to the item’s page, whatever the code field ends with', async () => {
    // A field ending in a line break made the Location header invalid: a 500 after the report was stored.
    for (const code of [
      `${item.unitPaths[0]}\n`,
      `https://id.ocop.test${item.unitPaths[0]}\r\n`,
      ` ${item.unitPaths[0]}\t\n`,
    ]) {
      const form = new URLSearchParams({ code, category: 'label', message: 'Tem mờ\n', lang: 'en' });
      const res = await t.request('POST', '/reports', {
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect({ code, status: res.status }).toEqual({ code, status: 303 });
      const location = String(res.headers['location']);
      expect(location.startsWith(`/p${item.unitPaths[0].split('?')[0]}?`)).toBe(true);
      expect(location).toMatch(/^[\x21-\x7e]+$/);
      // The page opens at its thank-you (#reported): the fragment is the browser's, not the query's.
      expect(location.endsWith('#reported')).toBe(true);
      const page = location.slice(0, -'#reported'.length);
      const query = new URLSearchParams(page.split('?')[1]);
      expect([query.get('reported'), query.get('lang')]).toEqual(['1', 'en']);
      expect((await t.request('GET', page)).status).toBe(200);
    }
  });

  it('limits requests per client with 429 problem+json and Retry-After', async () => {
    const limited = await startLookup('lookup_ratelimit', {
      RATE_LIMIT_PUBLIC_PER_MINUTE: '3',
      HTTP_TRUST_PROXY: 'true',
    });
    try {
      const path = '/.well-known/gs1resolver';
      for (let i = 0; i < 3; i++) expect((await limited.request('GET', path)).status).toBe(200);
      const res = await limited.request('GET', path);
      expect(res.status).toBe(429);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'too-many-requests', status: 429 });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // A bearer token that does not verify stays in the anonymous budget; a verified one has the larger one.
      expect((await limited.request('GET', path, { token: 'garbage' })).status).toBe(429);
      const retailer = await limited.token({ roles: ['retailer'] });
      expect((await limited.request('GET', path, { token: retailer })).status).toBe(200);
      // Another client is not affected.
      expect((await limited.request('GET', path, { remoteAddress: '10.0.0.9' })).status).toBe(200);
      // The scan routes, served ahead of Fastify over the network, keep the same budget.
      const port = await freePort();
      await limited.app.listen({ port, host: '127.0.0.1' });
      // (This instance has no items: the GTIN is unknown to it.)
      const scan = `http://127.0.0.1:${port}/01/${gtin}`;
      for (let i = 0; i < 3; i++) expect((await fetch(scan, { headers: json })).status).toBe(404);
      const over = await fetch(scan, { headers: json });
      expect(over.status).toBe(429);
      expect(over.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      const garbage = await fetch(scan, { headers: { ...json, authorization: 'Bearer garbage' } });
      expect(garbage.status).toBe(429);
      const signedIn = await fetch(scan, { headers: { ...json, authorization: `Bearer ${retailer}` } });
      expect(signedIn.status).toBe(404);
      // Behind the (trusted) proxy, another client is told apart by the address the proxy appended, as on
      // Fastify's routes; what the caller wrote before it mints no new client.
      const forwarded = (first: string) => ({ ...json, 'x-forwarded-for': `${first}, 203.0.113.7` });
      for (const forged of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
        expect((await fetch(scan, { headers: forwarded(forged) })).status).toBe(404);
      }
      expect((await fetch(scan, { headers: forwarded('10.0.0.4') })).status).toBe(429);
      const viaFastify = await limited.request('GET', path, { headers: forwarded('10.0.0.5') });
      expect(viaFastify.status).toBe(200);
      for (let i = 0; i < 3; i++) await limited.request('GET', path, { headers: forwarded(`10.0.1.${i}`) });
      expect((await limited.request('GET', path, { headers: forwarded('10.0.2.1') })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
