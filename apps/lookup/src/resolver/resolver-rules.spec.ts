import { productCodeOf } from '@ocop/ocop-domain';
import {
  acceptsVerificationJson,
  canonicalTarget,
  decide,
  ItemLink,
  LINKSET_CONTEXT,
  linkObjects,
  linksetOf,
  preferredLanguage,
  readRequestTarget,
  resolverDescription,
  withQuery,
} from './resolver-rules';

const anchor = 'https://id.ocop.test/01/08936047000500/10/L1';
const links: ItemLink[] = [
  {
    linkType: 'gs1:pip',
    href: 'https://id.ocop.test/p/01/08936047000500/10/L1',
    title: { vi: 'Thông tin sản phẩm', en: 'Product information' },
    type: 'text/html',
  },
  {
    linkType: 'gs1:verificationService',
    href: 'https://id.ocop.test/status/01/08936047000500/10/L1',
    title: { vi: 'Kết quả xác thực', en: 'Verification result' },
    type: 'application/json',
  },
  {
    linkType: 'gs1:traceability',
    href: 'https://id.ocop.test/p/01/08936047000500/10/L1#timeline',
    title: { vi: 'Nhật ký truy xuất', en: 'Traceability timeline' },
    type: 'text/html',
  },
  {
    linkType: 'gs1:epcis',
    href: 'https://trace.ocop.test/events?MATCH_anyEPCClass=x',
    title: { vi: 'Sự kiện EPCIS', en: 'EPCIS events' },
    type: 'application/json',
  },
];
const objects = linkObjects(links);

describe('canonicalTarget', () => {
  it.each([
    ['/01/08936047000500/', '/01/08936047000500'],
    ['/01/08936047000500/10/L1/?17=270503', '/01/08936047000500/10/L1?17=270503'],
    ['/01/8936047000500', '/01/08936047000500'], // GTIN-13
    ['/01/8936047000500/10/L1?x=1', '/01/08936047000500/10/L1?x=1'],
    ['/01/036000291452', '/01/00036000291452'], // GTIN-12 (U.P.C.)
    ['/01/96385074', '/01/00000096385074'], // GTIN-8
    ['/01/08936047000500', '/01/08936047000500'],
  ])('%s → %s', (input, canonical) => expect(canonicalTarget(input)).toBe(canonical));

  it('leaves what is not a GTIN-8/12/13 for the strict parser to refuse', () => {
    for (const bad of [
      '/01/893604700050012',
      '/01/89360470005',
      '/01/893604700050x',
      '/01/08936047000500//',
    ]) {
      expect(canonicalTarget(bad)).toBe(bad.endsWith('//') ? bad.slice(0, -1) : bad);
    }
  });
});

describe('readRequestTarget', () => {
  const base = 'https://id.ocop.test';
  const reasonOf = (target: string) => {
    const r = readRequestTarget(base, target, 2026);
    return r.ok ? 'ok' : `${r.problem.code} ${r.problem.field}`;
  };

  it('reads the canonical target and keeps its query for the redirect', () => {
    expect(readRequestTarget(base, '/01/8936047000500/10/L1/?17=270503&foo=bar', 2026)).toMatchObject({
      ok: true,
      link: { gtin: '08936047000500', lot: 'L1', attributes: { '17': '270503' }, base },
      query: '17=270503&foo=bar',
    });
  });

  it('reads a /t/ label as written: a lot "01" and an all-digit serial are not a GTIN to pad (decision 0048)', () => {
    const code = productCodeOf('3f2c9a1e-7b4d-4c8e-9a01-5d6e7f8091a2');
    expect(readRequestTarget(base, `/t/${code}/01/123456789012/?sig=abc&lang=en`, 2026)).toMatchObject({
      ok: true,
      link: { code, lot: '01', serial: '123456789012', signature: 'abc', base },
      query: 'sig=abc&lang=en',
    });
    expect(reasonOf(`/t/${code}`)).toBe('no-lot path');
  });

  it.each([
    ['/01/08936047000500/foo', 'no-gtin path'], // what GS1's suite sends to expect a 400
    ['/01/08936047000501', 'gtin-check-digit 01'],
    ['/01/08936047000500/21/S/10/L', 'qualifier-order 10'],
    [`/01/08936047000500?x=${'a'.repeat(2100)}`, 'value-too-long uri'],
    ['/01/08936047000500/10/%ZZ', 'percent-encoding 10'],
  ])('refuses %s (%s)', (target, reason) => expect(reasonOf(target)).toBe(reason));
});

describe('link objects and linkset', () => {
  it('gives each link one object per language, HTML targets in that language', () => {
    const pip = objects.filter((o) => o.linkType === 'gs1:pip');
    expect(pip).toEqual([
      {
        linkType: 'gs1:pip',
        href: links[0].href,
        title: 'Thông tin sản phẩm',
        type: 'text/html',
        hreflang: 'vi',
      },
      {
        linkType: 'gs1:pip',
        href: `${links[0].href}?lang=en`,
        title: 'Product information',
        type: 'text/html',
        hreflang: 'en',
      },
    ]);
    // The English timeline keeps its fragment after the query; a JSON target answers both languages itself.
    expect(objects.find((o) => o.linkType === 'gs1:traceability' && o.hreflang === 'en')?.href).toBe(
      'https://id.ocop.test/p/01/08936047000500/10/L1?lang=en#timeline',
    );
    expect(objects.filter((o) => o.linkType === 'gs1:epcis').map((o) => o.href)).toEqual([
      links[3].href,
      links[3].href,
    ]);
  });

  it('builds a linkset without title*, with one bare default link', () => {
    const set = linksetOf(anchor, objects, 'Kẹo dừa') as { linkset: Record<string, unknown>[] };
    expect(JSON.stringify(set)).not.toContain('title*');
    const [entry] = set.linkset;
    expect(entry['anchor']).toBe(anchor);
    expect(entry['itemDescription']).toBe('Kẹo dừa');
    expect(entry['https://gs1.org/voc/defaultLink']).toEqual([
      { href: links[0].href, title: 'Thông tin sản phẩm / Product information' },
    ]);
    expect(entry['https://gs1.org/voc/pip']).toEqual([
      { href: links[0].href, title: 'Thông tin sản phẩm', type: 'text/html', hreflang: ['vi'] },
      { href: `${links[0].href}?lang=en`, title: 'Product information', type: 'text/html', hreflang: ['en'] },
    ]);
  });

  it('describes the resolver with AI codes as primary keys', () => {
    expect(resolverDescription('https://id.ocop.test')).toMatchObject({
      resolverRoot: 'https://id.ocop.test',
      supportedPrimaryKeys: ['01'],
      supportedLinkType: [{ namespace: 'https://gs1.org/voc/', prefix: 'gs1:' }],
    });
  });
});

describe('decide', () => {
  const linksetLink = `<${anchor}?linkType=linkset>; rel="linkset"; type="application/linkset+json"`;

  it('redirects to the default link in Vietnamese, with only the linkset in the Link header', () => {
    expect(decide({ query: '' }, objects, anchor)).toEqual({
      kind: 'redirect',
      location: links[0].href,
      scan: true,
      headers: {
        vary: 'Accept, Accept-Language',
        'access-control-allow-methods': 'GET, HEAD, OPTIONS',
        link: linksetLink,
        'cache-control': 'no-store',
      },
    });
  });

  it('passes every other key=value pair on, and acts on linkType, lang and mediaType itself', () => {
    const d = decide(
      { query: 'linkType=gs1:pip&17=270503&lang=en&context=shop&mediaType=text/html' },
      objects,
      anchor,
    );
    expect(d).toMatchObject({
      kind: 'redirect',
      location: `${links[0].href}?lang=en&17=270503&context=shop`,
    });
    // A target's own query and fragment stay intact.
    expect(decide({ query: 'linkType=gs1:epcis&foo=bar' }, objects, anchor)).toMatchObject({
      location: `${links[3].href}&foo=bar`,
      scan: false,
    });
    expect(decide({ query: 'linkType=gs1:traceability&lang=en' }, objects, anchor)).toMatchObject({
      location: 'https://id.ocop.test/p/01/08936047000500/10/L1?lang=en#timeline',
    });
  });

  it('picks the language from Accept-Language by q-value when the query does not say', () => {
    const en = decide({ query: '', acceptLanguage: 'fr;q=1, en;q=0.8, vi;q=0.5' }, objects, anchor);
    expect(en).toMatchObject({ location: `${links[0].href}?lang=en` });
    const vi = decide({ query: '', acceptLanguage: 'en;q=0.2, vi-VN' }, objects, anchor);
    expect(vi).toMatchObject({ location: links[0].href });
    expect(preferredLanguage(undefined, 'de, fr', objects)).toBe('vi');
    expect(preferredLanguage('EN-gb', 'vi', objects)).toBe('en');
  });

  it('accepts a link type as a vocabulary URI', () => {
    for (const ns of ['https://gs1.org/voc/', 'https://ref.gs1.org/voc/', 'https://www.gs1.org/voc/']) {
      const d = decide(
        { query: `linkType=${encodeURIComponent(`${ns}verificationService`)}` },
        objects,
        anchor,
      );
      expect(d).toMatchObject({ kind: 'redirect', location: links[1].href });
    }
  });

  it('answers a linkset on linkType=linkset or all, or on its Accept, with the JSON-LD context link', () => {
    for (const request of [
      { query: 'linkType=linkset' },
      { query: 'linkType=all', accept: 'text/html' },
      { query: '', accept: 'application/linkset+json' },
    ]) {
      const d = decide(request, objects, anchor);
      expect(d.kind).toBe('linkset');
      if (d.kind !== 'linkset') continue;
      expect(d.headers['link']).toBe(
        `${linksetLink}, <${LINKSET_CONTEXT}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`,
      );
      expect(d.headers['vary']).toContain('Accept');
    }
  });

  it('answers an API client with the verification, unless it names a link type', () => {
    expect(acceptsVerificationJson('application/json, text/plain;q=0.5')).toBe(true);
    expect(acceptsVerificationJson('application/linkset+json, application/json;q=0.1')).toBe(false);
    expect(acceptsVerificationJson(undefined)).toBe(false);
    expect(decide({ query: '', accept: 'application/json' }, objects, anchor).kind).toBe('verification');
    expect(decide({ query: 'linkType=gs1:pip', accept: 'application/json' }, objects, anchor).kind).toBe(
      'redirect',
    );
  });

  it('answers 404 for a link type the item lacks, naming those it has', () => {
    expect(decide({ query: 'linkType=gs1:nosuchlt' }, objects, anchor)).toEqual({
      kind: 'link-type-not-found',
      linkType: 'gs1:nosuchlt',
      available: ['gs1:pip', 'gs1:verificationService', 'gs1:traceability', 'gs1:epcis'],
    });
  });

  it('chooses among a type’s links by mediaType when one matches', () => {
    const mixed = linkObjects([
      { ...links[1], linkType: 'gs1:certificationInfo' },
      { ...links[0], linkType: 'gs1:certificationInfo', href: 'https://id.ocop.test/certificates/C1' },
    ]);
    const d = decide({ query: 'linkType=gs1:certificationInfo&mediaType=text/html' }, mixed, anchor);
    expect(d).toMatchObject({ location: 'https://id.ocop.test/certificates/C1' });
  });

  it('tolerates a malformed query without throwing', () => {
    expect(decide({ query: 'lang=%ZZ&foo=%E0' }, objects, anchor)).toMatchObject({
      kind: 'redirect',
      location: `${links[0].href}?foo=%E0`,
    });
  });
});

describe('withQuery', () => {
  it('joins with ? or &, before any fragment', () => {
    expect(withQuery('https://a.test/x', '')).toBe('https://a.test/x');
    expect(withQuery('https://a.test/x#f', 'a=1')).toBe('https://a.test/x?a=1#f');
    expect(withQuery('https://a.test/x?b=2#f', 'a=1')).toBe('https://a.test/x?b=2&a=1#f');
  });
});
