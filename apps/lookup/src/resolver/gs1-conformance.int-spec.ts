import { parseDigitalLink } from '@ocop/ocop-domain';
import { loadConfig } from '@ocop/service-kit';
import { freePort } from '@ocop/testing';
import Ajv from 'ajv';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as http2 from 'node:http2';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LookupHarness, SeededItem, startLookup } from '../../test/lookup-harness';
import { LookupConfig } from '../config';
import { lookupService } from '../service';

/*
 * GS1's resolver test suite, AS WRITTEN, against lookup serving HTTPS itself (HTTP/2 by ALPN, as curl negotiates it).
 * Transcribed from github.com/gs1/GS1DL-resolver-testsuite:
 *   public/GS1DigitalLinkResolverTestSuite.js @ 8bf32535a8ccf5c73f08f086cc341fa1dae5b80c — the test list, the request
 *     each test makes and the verdict it draws (this version asks each link object with `?linkType=…&mediaType=…
 *     &lang=…`; the root copy @ b38e088a builds that linkType and never sends it, so no resolver could pass it);
 *   tester.php @ 1fcdcfd7276157c78bc0bdba6e6c56d2daa0c05a — how each request is made (getAllHeaders: GET, Origin, no
 *     Accept; getLinksetHeaders and getLinkset: Accept: application/linkset+json; no redirect followed; headers as
 *     the server names them, the last of a name winning; getHTTPversion: PHP's HTTP/1.x stream).
 * Each test keeps its id, its starting verdict (fail, or warn for SHOULDs) and the condition that turns it to pass.
 * Three things the suite downloads are transcribed here instead (the test runs offline): GS1's two JSON schemas,
 * and the ratified link types it checks gs1: link types against. Two stand-ins: validDL uses GS1's toolkit, here the
 * platform's strict Digital Link parser; the suite reads getLinkset's response headers, which that tester.php does
 * not return (the hosted one must: GS1's own run reports those tests), so getLinkset here returns them.
 */

type Status = 'pass' | 'fail' | 'warn';
// The tester's result objects are loosely typed JSON, as in the suite.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type TesterResult = any;

interface Test {
  id: string;
  status: Status;
  /** What the test asks the tester for (testUri + '?test=…&testVal=…' in the suite). */
  request?: {
    test: 'getAllHeaders' | 'getLinksetHeaders' | 'getLinkset' | 'getHTTPversion';
    testVal: string;
  };
  process?: (data: TesterResult) => Promise<void> | void;
}

/** https://ref.gs1.org/standards/resolver/description-file-schema (1.2.0), as far as it constrains a file. */
const DESCRIPTION_FILE_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    resolverRoot: { type: 'string', format: 'uri' },
    supportedPrimaryKeys: {
      type: 'array',
      items: {
        type: 'string',
        enum: [
          'all',
          '01',
          '8006',
          '8013',
          '8010',
          '410',
          '411',
          '412',
          '413',
          '414',
          '415',
          '417',
          '8017',
          '8018',
        ].concat(['255', '00', '253', '401', '402', '8003', '8004']),
      },
    },
    name: { type: 'string' },
    supportedLinkType: {
      type: 'array',
      items: {
        properties: {
          namespace: { type: 'string', format: 'uri' },
          prefix: { type: 'string', pattern: '^[a-zA-Z_][A-Za-z0-9_-]*?:$' },
        },
      },
    },
    linkTypeDefaultCanBeLinkset: { type: 'boolean', default: false },
    supportedContextValuesEnumerated: { type: 'array', items: { type: 'string' } },
    supportedContextValuesExternal: {
      type: 'array',
      items: {
        type: 'object',
        properties: { nameOfList: { type: 'string' }, url: { type: 'string', format: 'uri' } },
      },
    },
    contact: { type: 'object' },
  },
};

/** https://ref.gs1.org/standards/resolver/linkset-schema (the suite's gs1LinksetSchema), draft-07. */
const LINKSET_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  properties: {
    linkset: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          anchor: { type: 'string', pattern: '^https?:\\/\\/[a-zA-z0-9./]+' },
          itemDescription: { type: 'string' },
          description: { type: 'string' },
        },
        patternProperties: {
          '^(?!(anchor|itemDescription|description)$)([a-z-]+$|https?:\\/\\/[A-Za-z0-9./]+$)': {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                href: { type: 'string', pattern: '^https?:\\/\\/[a-zA-z0-9./]+' },
                title: { type: 'string' },
                hreflang: {
                  type: 'array',
                  items: { type: 'string', pattern: '^[A-Za-z]{2}(-[A-Za-z]{2})?$' },
                },
                type: { type: 'string', pattern: '\\w+/[-+.\\w]+' },
                context: { type: 'array', items: { type: 'string' } },
                fwqs: { type: 'boolean' },
                public: { type: 'boolean' },
              },
              required: ['href', 'title'],
              additionalProperties: false,
            },
          },
        },
        required: ['anchor'],
        additionalProperties: false,
      },
    },
  },
  required: ['linkset'],
  additionalProperties: false,
};

/** The GS1 Web Vocabulary link types lookup can publish (https://ref.gs1.org/voc/data/linktypes), and the defaults. */
const RATIFIED_LINK_TYPES = new Set(
  ['pip', 'verificationService', 'recallStatus', 'traceability', 'epcis', 'certificationInfo', 'jws'].concat([
    'sustainabilityInfo',
    'defaultLink',
    'defaultLinkMulti',
  ]),
);

// The suite's regular expressions, verbatim.
const RabinRegEx = /^((https?):)(\/\/((([^/?#]*)@)?([^/?#:]*)(:([^/?#]*))?))?([^?#]*)(\?([^#]*))?(#(.*))?/i;
const plausibleDlURINoAlphas =
  /^https?:(\/\/((([^/?#]*)@)?([^/?#:]*)(:([^/?#]*))?))?([^?#]*)(((\/(01|8006|8013|8010|414|417|8017|8018|255|00|253|401|402|8003|8004)\/)(\d{4}[^/]+)(\/[^/]+\/[^/]+)?[/]?(\?([^?\n]*))?(#([^\n]*))?))/i;

const stripQueryStringFromURL = (url: string) =>
  url.indexOf('?') > -1 ? url.substring(0, url.indexOf('?')) : url;

/** The resolver as GS1's tester reaches it: HTTPS to id.ocop.test, here on 127.0.0.1:port. */
class Tester {
  private session?: http2.ClientHttp2Session;

  constructor(
    private readonly port: number,
    private readonly ca: Buffer,
  ) {}

  /** The protocol ALPN settled on (curl, like browsers, offers h2 first). */
  alpn(): string | undefined {
    return this.connect().alpnProtocol;
  }

  private connect(): http2.ClientHttp2Session {
    if (!this.session || this.session.closed || this.session.destroyed) {
      this.session = http2.connect(`https://127.0.0.1:${this.port}`, {
        ca: this.ca,
        servername: 'id.ocop.test',
      });
    }
    return this.session;
  }

  /** One request, redirects not followed: status, headers (later ones of a name win), body. */
  request(
    method: string,
    uri: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const url = new URL(uri);
    return new Promise((resolve, reject) => {
      const req = this.connect().request({
        ':method': method,
        ':path': `${url.pathname}${url.search}`,
        ':authority': url.host,
        ...headers,
      });
      let status = 0;
      const named: Record<string, string> = {};
      req.on('response', (h) => {
        status = Number(h[':status']);
        for (const [name, value] of Object.entries(h)) {
          if (!name.startsWith(':') && value !== undefined) {
            named[name] = Array.isArray(value) ? value[value.length - 1] : String(value);
          }
        }
      });
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve({ status, headers: named, body: Buffer.concat(chunks).toString('utf8') }));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** tester.php's commands. */
  async run(test: string, testVal: string): Promise<TesterResult> {
    if (!testVal.startsWith('https://')) return { error: 'No valid command received' };
    const origin = { origin: 'https://ref.gs1.org/test-suites/resolver/' };
    if (test === 'getHTTPversion')
      return { test, testVal, result: `HTTP/${await this.http1Version(testVal)}` };
    if (test === 'getAllHeaders' || test === 'getLinksetHeaders') {
      const accept = test === 'getLinksetHeaders' ? 'application/linkset+json' : '*/*';
      const res = await this.request('GET', testVal, { ...origin, accept });
      return { test, testVal, result: { uri: testVal, httpCode: res.status, ...res.headers } };
    }
    if (test === 'getLinkset') {
      const res = await this.request('GET', testVal, { accept: 'application/linkset+json' });
      const result = JSON.stringify({
        uri: testVal,
        httpCode: res.status,
        headers: res.headers,
        responseBody: encodeURIComponent(res.body),
      });
      return { test, testVal, result };
    }
    return { error: 'Invalid test command' };
  }

  /** PHP's get_headers: an HTTP/1.x request; the version of the status line. */
  private http1Version(uri: string): Promise<string> {
    const url = new URL(uri);
    return new Promise((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: this.port,
          servername: url.hostname,
          path: url.pathname || '/',
          method: 'HEAD',
          headers: { host: url.host },
          ca: this.ca,
        },
        (res) => {
          res.resume();
          resolve(res.httpVersion);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.session?.close();
  }
}

/** testDL(dl) of the suite, for one Digital Link: every test's final verdict by id. */
async function runSuite(tester: Tester, dl: string): Promise<Record<string, Status>> {
  const results = new Map<string, Test>();
  const record = (t: Test) => results.set(t.id, t);
  const make = (id: string, status: Status = 'fail'): Test => {
    const t: Test = { id, status };
    record(t);
    return t;
  };
  const runTest = async (test: Test) => {
    if (!test.request) return;
    const data = await tester.run(test.request.test, test.request.testVal);
    try {
      await test.process?.(data);
    } catch {
      // runTest() of the suite logs a failing process and carries on: the test keeps its verdict.
    }
  };
  const getAllHeaders = (testVal: string) => ({ test: 'getAllHeaders' as const, testVal });
  const linksetGetMethods: { linkset?: boolean; all?: boolean; accept?: boolean; location?: string } = {};

  let domain = '';
  const isURL = make('isURL');
  const validDL = make('validDL');
  const isHttps = make('isHttps', 'warn');
  dl = dl.replace(/(^\s+|\s+$)/g, '');
  const UriElements = dl.match(RabinRegEx);
  if (UriElements) {
    const scheme = UriElements[2].toLowerCase();
    domain = UriElements[4];
    if ((scheme === 'http' || scheme === 'https') && domain.indexOf('.') !== -1) isURL.status = 'pass';
    if (scheme === 'https') isHttps.status = 'pass';
  }
  const plausibleDL = make('plausibleDL');
  if (plausibleDlURINoAlphas.test(dl)) plausibleDL.status = 'pass';
  // Stand-in for GS1DigitalLinkToolkit's extractFromGS1digitalLink + one identifier.
  if (plausibleDL.status !== 'fail' && parseDigitalLink(dl, new Date().getUTCFullYear()).ok)
    validDL.status = 'pass';
  if (validDL.status !== 'pass') return verdicts(results);

  // TLSCheck: a HEAD of https://{domain} that gets any answer over TLS.
  const tlsOK = make('tlsOK');
  await tester.request('HEAD', `https://${domain}`, {}).then(() => (tlsOK.status = 'pass'));

  // rdFileCheck
  const rdFile = make('rdFile');
  const rd = await tester.request('GET', `https://${domain}/.well-known/gs1resolver`, {
    accept: 'application/json',
  });
  if (doesJSONSchemaPass(JSON.parse(rd.body), DESCRIPTION_FILE_SCHEMA)) rdFile.status = 'pass';

  // checkHttpVersion
  const httpVersion = make('httpVersion', 'warn');
  httpVersion.request = { test: 'getHTTPversion', testVal: `https://${domain}` };
  httpVersion.process = (data) => {
    const r = parseFloat(String(data.result).toUpperCase().replace('HTTP', '').replace('/', ''));
    if (r && r >= 1.1) httpVersion.status = 'pass';
  };
  await runTest(httpVersion);

  // headerBasedChecks
  const corsCheck = make('corsCheck');
  const linkOnRedirect = make('linkOnRedirect', 'warn');
  const legacyLinkHeaders = make('legacyLinkHeaders', 'pass');
  const methodsCheck = make('methodsCheck');
  corsCheck.request = getAllHeaders(stripQueryStringFromURL(dl));
  corsCheck.process = (data) => {
    if (data.result['Access-Control-Allow-Origin'] || data.result['access-control-allow-origin']) {
      corsCheck.status = 'pass';
    }
    if (
      data.result['Access-Control-Allow-Origin'] !== undefined &&
      data.result['access-control-allow-methods'] === undefined
    ) {
      data.result['access-control-allow-methods'] = data.result['Access-Control-Allow-Methods'];
    }
    const methods = data.result['access-control-allow-methods'];
    if (
      typeof methods === 'string' &&
      methods.includes('GET') &&
      methods.includes('HEAD') &&
      methods.includes('OPTIONS')
    ) {
      methodsCheck.status = 'pass';
    }
    const linkHeader: string | undefined = data.result['Link'] ?? data.result['link'];
    if (linkHeader) {
      for (const link of linkHeader.split('",').map((l) => `${l}"`)) {
        if (link.indexOf('rel="linkset"') > -1) linkOnRedirect.status = 'pass';
        if (link.indexOf('rel="gs1:') > -1) legacyLinkHeaders.status = 'warn';
      }
    }
  };
  await runTest(corsCheck);

  // errorCodeChecks
  const reportWith400 = make('reportWith400');
  const noErrorWith200 = make('noErrorWith200');
  reportWith400.request = getAllHeaders(`${stripQueryStringFromURL(dl)}/foo`);
  reportWith400.process = (data) => {
    if (data.result['httpCode'] === 400) reportWith400.status = 'pass';
    if (data.result['httpCode'] !== 200) noErrorWith200.status = 'pass';
  };
  await runTest(reportWith400);

  // trailingSlashCheck
  let noSlash = stripQueryStringFromURL(dl);
  if (noSlash.lastIndexOf('/') + 1 === noSlash.length)
    noSlash = noSlash.substring(0, noSlash.lastIndexOf('/'));
  const trailingSlash = make('trailingSlash', 'warn');
  trailingSlash.request = getAllHeaders(noSlash);
  trailingSlash.process = async (data) => {
    const slashJSON = await tester.run('getAllHeaders', `${noSlash}/`);
    if (
      data.result.httpCode === slashJSON.result.httpCode &&
      data.result.location === slashJSON.result.location
    ) {
      trailingSlash.status = 'pass';
    }
  };
  await runTest(trailingSlash);

  // testQuery
  const qsPassedOn = make('qsPassedOn', 'warn');
  qsPassedOn.request = getAllHeaders(`${stripQueryStringFromURL(dl)}?foo=bar`);
  qsPassedOn.process = (data) => {
    const redirect = data.result.location ?? data.result.Location;
    if (redirect && redirect.indexOf('foo=bar') > -1) qsPassedOn.status = 'pass';
  };
  await runTest(qsPassedOn);

  // linkTypeIslinkset (and linkTypeIsAll when it fails)
  const linkTypeIslinkset = (u: string, firstRun: boolean): Test => {
    const t = make('ltLinksetNoRedirect');
    t.request = getAllHeaders(`${stripQueryStringFromURL(u)}?linkType=linkset`);
    t.process = async (data) => {
      const location = data.result['location'] ?? data.result['Location'];
      if (data.result['httpCode'] === 200) {
        t.status = 'pass';
        linksetGetMethods.linkset = true;
      } else if (firstRun && location !== undefined) {
        if (u.indexOf(stripQueryStringFromURL(location)) === 0) {
          linksetGetMethods.location = location;
          await runTest(linkTypeIslinkset(location, false));
        }
      } else {
        const all = make('ltAllNoRedirect');
        all.request = getAllHeaders(`${stripQueryStringFromURL(u)}?linkType=all`);
        all.process = (d) => {
          if (d.result['httpCode'] === 200) {
            all.status = 'warn';
            linksetGetMethods.all = true;
          }
        };
        await runTest(all);
      }
    };
    return t;
  };
  await runTest(linkTypeIslinkset(dl, true));

  // ltWithAcceptHeader
  const ltAcceptHeader = (u: string, firstRun: boolean): Test => {
    const t = make('ltAcceptHeader');
    t.request = { test: 'getLinksetHeaders', testVal: `${stripQueryStringFromURL(u)}?linkType=all` };
    t.process = async (data) => {
      const location = data.result['location'] ?? data.result['Location'];
      if (data.result['httpCode'] === 200) {
        t.status = 'pass';
        linksetGetMethods.accept = true;
      } else if (firstRun && location !== undefined && u.indexOf(stripQueryStringFromURL(location)) === 0) {
        linksetGetMethods.location = location;
        await runTest(ltAcceptHeader(location, false));
      }
    };
    return t;
  };
  await runTest(ltAcceptHeader(dl, true));

  // fetchAndValidateTheLinkset (then linksetTests on a valid linkset)
  const validLinkset = make('validLinkset');
  const linksetJsonldCheck = make('linksetJsonldCheck', 'warn');
  const declaredContentType = make('declaredContentType');
  let u = linksetGetMethods.location === undefined ? stripQueryStringFromURL(dl) : linksetGetMethods.location;
  if (!linksetGetMethods.accept) {
    if (linksetGetMethods.linkset) u += '?linkType=linkset';
    else if (linksetGetMethods.all) u += '?linkType=all';
  }
  validLinkset.request = { test: 'getLinkset', testVal: u };
  validLinkset.process = async (data) => {
    const resultObject = JSON.parse(data.result);
    let tempObject: unknown;
    try {
      tempObject = JSON.parse(decodeURIComponent(resultObject.responseBody));
    } catch {
      // the suite logs and carries on
    }
    if (doesJSONSchemaPass(tempObject, LINKSET_SCHEMA)) {
      validLinkset.status = 'pass';
      await linksetTests(tempObject as Linkset);
    }
    const linkHeader: string = resultObject.headers.link ?? '';
    for (const link of linkHeader.split(',')) {
      if (
        link.indexOf('rel="http://www.w3.org/ns/json-ld#context"') !== -1 &&
        link.indexOf('type="application/ld+json"') !== -1
      ) {
        linksetJsonldCheck.status = 'pass';
        break;
      }
    }
    const contentType = resultObject.headers['content-type'] ?? resultObject.headers['Content-Type'] ?? '';
    if (contentType === 'application/linkset+json') declaredContentType.status = 'pass';
    else if (contentType === 'application/json') declaredContentType.status = 'warn';
  };

  type LinkObject = { href: string; type?: string; hreflang?: string[]; context?: string[] | string };
  type Linkset = { linkset: Record<string, unknown>[] };

  const linksetTests = async (linksetObject: Linkset) => {
    // The three GS1 namespaces reduced to gs1:, as the suite does.
    const working = JSON.parse(
      JSON.stringify(linksetObject).replace(/https:\/\/((ref\.)|(www\.))?gs1\.org\/voc\//gi, 'gs1:'),
    ) as Linkset;
    const pathElements = (dl.match(RabinRegEx) as RegExpMatchArray)[10].split('/');
    let currentDL = stripQueryStringFromURL(dl);
    const linkTypesAvailable: string[] = [];
    const defaultLinkExists = make('defaultLinkExists');
    while (pathElements.length > 2) {
      for (const entry of working.linkset) {
        if (entry['anchor'] !== currentDL) continue;
        for (const currentLinkType of Object.keys(entry)) {
          if (currentLinkType === 'anchor' || currentLinkType === 'itemDescription') continue;
          if (linkTypesAvailable.includes(currentLinkType)) continue;
          linkTypesAvailable.push(currentLinkType);
          const objects = entry[currentLinkType] as LinkObject[];
          if (currentLinkType === 'gs1:defaultLink') {
            defaultLinkExists.status = 'pass';
            const single = make('singleDefaulLink', objects.length === 1 ? 'pass' : 'fail');
            if (single.status === 'pass' && objects[0].href) await runTest(testDefaultLink(objects[0].href));
          } else if (objects.length === 1) {
            if (currentLinkType === 'gs1:defaultLinkMulti') make('singleMultiLink', 'warn');
            else await runTest(testSingleLinkObject(currentLinkType, objects[0].href));
          } else if (objects.length > 1) {
            const threehundredLinks: number[] = [];
            for (let f = 0; f < objects.length; f++) {
              if (threehundredLinks.includes(f)) continue;
              for (let m = 0; m < objects.length; m++) {
                if (
                  f !== m &&
                  !threehundredLinks.includes(m) &&
                  identicalAttributes(objects[f], objects[m])
                ) {
                  if (!threehundredLinks.includes(f)) threehundredLinks.push(m);
                  if (!threehundredLinks.includes(m)) threehundredLinks.push(m);
                }
              }
            }
            await testMultipleLinks(currentLinkType, objects, threehundredLinks);
          }
        }
      }
      currentDL = currentDL.substring(0, currentDL.lastIndexOf('/'));
      currentDL = currentDL.substring(0, currentDL.lastIndexOf('/'));
      pathElements.pop();
      pathElements.pop();
    }
    const linkTypesDefined = make('linkTypesDefined', 'pass');
    for (const lt of linkTypesAvailable) {
      if (lt.indexOf('gs1:') === 0 && !RATIFIED_LINK_TYPES.has(lt.substring(4)))
        linkTypesDefined.status = 'warn';
    }
  };

  const testDefaultLink = (targetURL: string): Test => {
    const t = make('defaultTarget');
    t.request = getAllHeaders(stripQueryStringFromURL(dl));
    t.process = (data) => {
      if (targetURL === (data.result.Location ?? data.result.location)) t.status = 'pass';
    };
    return t;
  };

  const stripLinkType = (location: string, linkType: string) => {
    if (location.indexOf(`?linkType=${linkType}`) !== -1) return stripQueryStringFromURL(location);
    if (location.indexOf(`&linkType=${linkType}`) !== -1)
      return location.substring(0, location.indexOf('&linkType='));
    return location;
  };

  const testSingleLinkObject = (linkType: string, targetURL: string): Test => {
    const t = make(`loFor${linkType.replace(':', '')}`);
    t.request = getAllHeaders(`${stripQueryStringFromURL(dl)}?linkType=${linkType}`);
    t.process = (data) => {
      if (targetURL === stripLinkType(data.result.Location ?? data.result.location, linkType))
        t.status = 'pass';
    };
    return t;
  };

  const testMultipleLinks = async (linkType: string, objects: LinkObject[], threehundredLinks: number[]) => {
    let done300 = false;
    for (let lo = 0; lo < objects.length; lo++) {
      const t = make(`loFor${linkType.replace(':', '')}${lo}`);
      if (threehundredLinks.includes(lo) && done300) continue;
      if (threehundredLinks.includes(lo)) {
        t.status = 'warn';
        t.process = (data) => {
          if (data.result['httpCode'] === 300) t.status = 'pass';
        };
        done300 = true;
      } else {
        t.process = (data) => {
          if (objects[lo].href === stripLinkType(data.result.Location ?? data.result.location, linkType)) {
            t.status = 'pass';
          }
        };
      }
      let queryString = '?';
      if (linkType !== 'gs1:defaultLinkMulti') queryString = `?linkType=${linkType}`;
      if (objects[lo].type !== null) {
        if (queryString.length > 1) queryString += '&';
        queryString += `mediaType=${objects[lo].type}`;
      }
      if (Array.isArray(objects[lo].hreflang)) {
        if (queryString.length > 1) queryString += '&';
        queryString += `lang=${(objects[lo].hreflang as string[])[0]}`;
      }
      const context = objects[lo].context;
      if (context !== undefined && Array.isArray(context)) {
        if (queryString.length > 1) queryString += '&';
        queryString += `context=${context[0]}`;
      } else if (context !== undefined) {
        queryString += `context=${context}`;
      }
      t.request = getAllHeaders(`${stripQueryStringFromURL(dl)}${queryString}`);
      await runTest(t);
    }
  };

  await runTest(validLinkset);

  // testFor404
  const specificLinkTypeNotFound = make('specificLinkTypeNotFound');
  specificLinkTypeNotFound.request = getAllHeaders(`${stripQueryStringFromURL(dl)}?linkType=gs1:nosuchlt`);
  specificLinkTypeNotFound.process = (data) => {
    if (data.result['httpCode'] === 404) specificLinkTypeNotFound.status = 'pass';
  };
  await runTest(specificLinkTypeNotFound);
  return verdicts(results);
}

function identicalAttributes(
  lo1: { type?: string; hreflang?: string[]; context?: string[] | string },
  lo2: { type?: string; hreflang?: string[]; context?: string[] | string },
): boolean {
  const typeMatch = (!lo1.type && !lo2.type) || (!!lo1.type && !!lo2.type && lo1.type === lo2.type);
  const hreflangMatch =
    (!lo1.hreflang && !lo2.hreflang) ||
    (!!lo1.hreflang && !!lo2.hreflang && lo1.hreflang.every((val, idx) => val === lo2.hreflang?.[idx]));
  let contextMatch = !lo1.context && !lo2.context;
  if (lo1.context && lo2.context) {
    if (Array.isArray(lo1.context) && Array.isArray(lo2.context)) {
      contextMatch = lo1.context.every((val, idx) => val === (lo2.context as string[])[idx]);
    } else contextMatch = lo1.context === lo2.context;
  }
  return typeMatch && hreflangMatch && contextMatch;
}

/** The suite's doesJSONSchemaPass: Ajv, strict off (it does not know format "uri"). */
function doesJSONSchemaPass(data: unknown, schema: object): boolean {
  const ajv = new Ajv({ strict: false, logger: false });
  return ajv.compile(schema)(data) as boolean;
}

const verdicts = (results: Map<string, Test>) =>
  Object.fromEntries([...results.values()].map((t) => [t.id, t.status]));

describe('GS1 resolver test suite over HTTPS (integration)', () => {
  let t: LookupHarness;
  let item: SeededItem;
  let tester: Tester;
  let dir: string;

  beforeAll(async () => {
    // node:crypto cannot make an X.509 certificate: openssl makes a throwaway one for the resolver's name.
    dir = mkdtempSync(join(tmpdir(), 'lookup-tls-'));
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=id.ocop.test', '-addext', 'subjectAltName=DNS:id.ocop.test',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' }); // prettier-ignore
    t = await startLookup('lookup_gs1_suite', {
      HTTPS_CERT_FILE: join(dir, 'cert.pem'),
      HTTPS_KEY_FILE: join(dir, 'key.pem'),
      TRACEABILITY_PUBLIC_URL: 'https://trace.ocop.test',
    });
    item = await t.seedItem({ units: 1 });
    const port = await freePort();
    await t.app.listen({ port, host: '127.0.0.1' });
    tester = new Tester(port, readFileSync(join(dir, 'cert.pem')));
  });

  afterAll(async () => {
    tester?.close();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes the certificate and the key together or not at all, and names a file it cannot read', () => {
    for (const env of [
      { HTTPS_CERT_FILE: join(dir, 'cert.pem') },
      { HTTPS_KEY_FILE: join(dir, 'key.pem') },
    ]) {
      const missing = 'HTTPS_CERT_FILE' in env ? 'HTTPS_KEY_FILE' : 'HTTPS_CERT_FILE';
      expect(() => loadConfig('lookup', LookupConfig, env)).toThrow(new RegExp(`${missing}.*set together`));
    }
    const config = loadConfig('lookup', LookupConfig, {
      HTTPS_CERT_FILE: join(dir, 'nowhere.pem'),
      HTTPS_KEY_FILE: join(dir, 'key.pem'),
    });
    expect(() => lookupService.tls?.(config)).toThrow(
      `HTTPS_CERT_FILE: cannot read ${join(dir, 'nowhere.pem')} (ENOENT)`,
    );
  });

  it('serves HTTP/2 over TLS, and HTTP/1.1 to clients that do not offer h2', async () => {
    const res = await tester.request('GET', `https://id.ocop.test/01/${item.batch.gtin}`, {});
    expect(res.status).toBe(307);
    expect(tester.alpn()).toBe('h2');
    expect(await tester.run('getHTTPversion', 'https://id.ocop.test')).toMatchObject({ result: 'HTTP/1.1' });
    // Fastify's routes answer over HTTP/2 too: an anonymous upload is refused before its body is read.
    const upload = await tester.request(
      'POST',
      'https://id.ocop.test/verify/csv',
      { 'content-type': 'text/csv' },
      `code\n${item.batch.gtin}\n`,
    );
    expect(upload.status).toBe(401);
    expect(upload.headers['content-type']).toMatch(/^application\/problem\+json/);
    const retailer = await t.token({ roles: ['retailer'] });
    const verified = await tester.request(
      'POST',
      'https://id.ocop.test/verify/csv',
      { 'content-type': 'text/csv', authorization: `Bearer ${retailer}` },
      `code\n${item.batch.gtin}\n`,
    );
    expect(JSON.parse(verified.body)).toMatchObject({ results: [{ format: 'gtin', outcome: 'genuine' }] });
  });

  it.each([
    ['GTIN', () => `/01/${item.batch.gtin}`, ['pip', 'verificationService', 'certificationInfo']],
    [
      'lot',
      () => `/01/${item.batch.gtin}/10/${item.batch.lot}`,
      ['pip', 'verificationService', 'recallStatus', 'traceability', 'epcis', 'certificationInfo'],
    ],
    [
      'serial',
      () => `/01/${item.batch.gtin}/10/${item.batch.lot}/21/${item.serials[0]}`,
      ['pip', 'verificationService', 'recallStatus', 'traceability', 'epcis', 'certificationInfo'],
    ],
  ])('passes every test at %s level', async (_level, path, linkTypes) => {
    const verdict = await runSuite(tester, `https://id.ocop.test${path()}`);
    // Every link type was asked for in each language (loFor…0 Vietnamese, loFor…1 English), besides the base tests.
    const expected = [
      'isURL', 'validDL', 'isHttps', 'plausibleDL', 'tlsOK', 'rdFile', 'httpVersion', 'corsCheck', 'linkOnRedirect',
      'legacyLinkHeaders', 'methodsCheck', 'reportWith400', 'noErrorWith200', 'trailingSlash', 'qsPassedOn',
      'ltLinksetNoRedirect', 'ltAcceptHeader', 'validLinkset', 'linksetJsonldCheck', 'declaredContentType',
      'defaultLinkExists', 'singleDefaulLink', 'defaultTarget', 'linkTypesDefined', 'specificLinkTypeNotFound',
      ...linkTypes.flatMap((lt) => [`loForgs1${lt}0`, `loForgs1${lt}1`]),
    ]; // prettier-ignore
    expect(verdict).toEqual(Object.fromEntries(expected.map((id) => [id, 'pass'])));
  });
});
