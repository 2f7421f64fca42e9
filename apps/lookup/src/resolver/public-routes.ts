import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, Problems } from '@ocop/contracts';
import { certificateValidThrough } from '@ocop/ocop-domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { problem } from '../common/bilingual';
import { Clock } from '../common/clock';
import { TaggedCache, tags } from '../common/tagged-cache';
import { certificateState, CertificateView, renderCertificatePage } from '../certificates/certificate-page';
import { LookupConfig } from '../config';
import { renderConsumerPage } from '../page/consumer-page';
import { renderErrorPage, renderHomePage } from '../page/error-page';
import { Hotline, hotlineOf, Lang, otherLanguageHref, pickLanguage, wantsHtml } from '../page/html';
import { scanNetworkHash } from '../scans/scan-network';
import {
  acceptsVerificationJson,
  decide,
  LINKSET_TYPE,
  linksetOf,
  resolverDescription,
} from './resolver-rules';
import { ScanTarget } from '../scans/scan-recorder';
import { invalidLink, Resolution, Resolved, verificationJson } from './resolution';
import { isProductCodeLink, itemKeyOf, ScannedLink } from './scanned-link';

export const PAGE_CSP =
  "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** What the handlers need of a request: Fastify's request, or the raw fast path's (see fast-path.ts). */
export interface HttpIn {
  url: string;
  method: string;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
}

/** What the handlers need of a reply: Fastify's reply, or the raw fast path's. */
export interface HttpOut {
  code(status: number): HttpOut;
  header(name: string, value: string): HttpOut;
  type(contentType: string): HttpOut;
  send(body?: string | Buffer | object): unknown;
}

const header = (req: HttpIn, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

type HotHandler = (req: HttpIn, reply: HttpOut) => Promise<void>;

interface Rendered {
  /** A kept page is kept as UTF-8 bytes: encoding ~20 KB of Vietnamese text on every send cost a tenth of its CPU. */
  body: string | Buffer;
  etag: string;
  /** For a cached page: the instant it may change with time alone (Resolution.validUntil). */
  validUntil?: number;
}

const itemNotFound = (link: ScannedLink) =>
  isProductCodeLink(link)
    ? problem(
        'not-found',
        404,
        'Mã sản phẩm này không có trên hệ thống OCOP Trace',
        'This product code is not known to OCOP Trace',
        { productCode: link.code },
      )
    : problem(
        'not-found',
        404,
        'Mã GTIN này không có trên hệ thống OCOP Trace',
        'This GTIN is not known to OCOP Trace',
        { gtin: link.gtin },
      );

const etagOf = (body: string) => `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;

export function sendProblem(reply: HttpOut, err: DomainError, instance: string): void {
  const body = err.toProblem(instance);
  const retry = err.extensions['retryAfterSeconds'];
  if (typeof retry === 'number') void reply.header('retry-after', String(retry));
  void reply.code(err.status).type('application/problem+json').send(body);
}

/** Removes one query parameter (lang, reported) from a raw query string. */
function withoutParam(query: string, name: string): string {
  return query
    .split('&')
    .filter((p) => p && !p.startsWith(`${name}=`) && p !== name)
    .join('&');
}

function queryParam(query: string, name: string): string | undefined {
  for (const pair of query.split('&')) {
    if (pair.startsWith(`${name}=`)) {
      try {
        return decodeURIComponent(pair.slice(name.length + 1).replace(/\+/g, ' '));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/**
 * The public hot path as plain Fastify routes (no Nest pipes, guards or interceptors per request):
 *
 *   GET|HEAD /01/…                GS1 resolver: 307 to the default link (or ?linkType=…), linkset, or JSON
 *   GET|HEAD /p/01/…              the consumer page (gs1:pip)
 *   GET|HEAD /status/01/…         the verification result as JSON (gs1:verificationService, gs1:recallStatus)
 *   GET|HEAD /t/…, /p/t/…, /status/t/…  the same for labels of products without GTIN (decision 0048)
 *   GET|HEAD /certificates/{no}   OCOP certificate check (HTML, or JSON on Accept: application/json)
 *   GET /.well-known/gs1resolver  the resolver description
 *
 * OPTIONS and CORS come from @fastify/cors (service.ts), rate limits from service-kit's per-client budget.
 */
/** A URL's JSON answer as a first scan rendered it, without the scan history (see hotJson). */
interface HotJson {
  /** The instant the answer may change with time alone (Resolution.validUntil). */
  validUntil: number;
  /** The answer without its closing brace: the unit's history is appended. */
  head: string;
  link: string;
  /** Where a GET of the URL is counted. */
  target?: ScanTarget;
  /** Set for a known unit, whose answer carries its scan history. */
  unitKey?: string;
}

/** A JSON answer ready to send: the body and its Link header. */
export interface HotAnswer {
  body: string;
  link: string;
}

/** URLs remembered as answered once, before their answer is kept (forgotten wholesale when full). */
const SEEN_MAX = 100_000;

@Injectable()
export class PublicRoutes {
  private readonly logger = new Logger(PublicRoutes.name);

  constructor(
    private readonly config: LookupConfig,
    private readonly resolution: Resolution,
    private readonly cache: TaggedCache,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  register(fastify: FastifyInstance): void {
    // The fast path (fast-path.ts) serves these on the listening server; Fastify's routes serve the rest, and
    // these too when the app is driven through inject (tests) or the fast path is off.
    for (const url of ['/01/*', '/p/01/*', '/status/01/*', '/t/*', '/p/t/*', '/status/t/*']) {
      fastify.get(url, (req, reply) => (this.hotRoute(req.url) as HotHandler)(req, reply));
    }
    fastify.get('/certificates/:number', (req, reply) =>
      this.guard(req, reply, () => this.certificate(req, reply), true),
    );
    // The site root: a browser that opens the bare domain gets a page saying what it is; API clients get the 404
    // problem as before.
    fastify.get('/', (req, reply) => {
      if (!wantsHtml(header(req, 'accept'), false)) return reply.callNotFound();
      const lang = pickLanguage(
        queryParam(req.url.split('?')[1] ?? '', 'lang'),
        header(req, 'accept-language'),
      );
      void reply
        .header('content-language', lang)
        .header('vary', 'Accept, Accept-Language')
        .header('content-security-policy', PAGE_CSP)
        .header('cache-control', 'public, max-age=300')
        .type('text/html; charset=utf-8')
        .send(renderHomePage({ lang, hotline: this.hotline }));
    });
    fastify.get('/.well-known/gs1resolver', (_req, reply) => {
      void reply.header('cache-control', 'public, max-age=3600').send(this.description());
    });
  }

  /** The hot routes by path prefix, for the fast path: undefined when the path is not one of them. */
  hotRoute(url: string): ((req: HttpIn, reply: HttpOut) => Promise<void>) | undefined {
    // /t/… are the labels of products without GTIN (decision 0048): the same handlers, verdicts and pages.
    if (url.startsWith('/01/') || url.startsWith('/t/'))
      return (req, reply) => this.guard(req, reply, () => this.resolve(req, reply));
    if (url.startsWith('/p/01/') || url.startsWith('/p/t/'))
      return (req, reply) => this.guard(req, reply, () => this.page(req, reply), true);
    if (url.startsWith('/status/01/') || url.startsWith('/status/t/'))
      return (req, reply) => this.guard(req, reply, () => this.status(req, reply));
    return undefined;
  }

  /**
   * Runs a handler and answers its failure: problem+json for API clients, the same status as an HTML page for a
   * browser (decision 0042). `htmlByDefault` marks routes that are pages themselves, where a bare Accept means HTML.
   */
  private async guard(
    req: HttpIn,
    reply: HttpOut,
    fn: () => Promise<unknown>,
    htmlByDefault = false,
  ): Promise<void> {
    try {
      await fn();
    } catch (caught) {
      const path = req.url.split('?')[0];
      let err = caught;
      if (!(err instanceof DomainError)) {
        this.logger.error({ err, url: req.url }, 'resolver failure');
        err = new DomainError('internal-error', 500, 'Internal error', 'Something went wrong on our side.');
      }
      const problem = err as DomainError;
      if (!wantsHtml(header(req, 'accept'), htmlByDefault)) return sendProblem(reply, problem, path);
      const retry = problem.extensions['retryAfterSeconds'];
      if (typeof retry === 'number') void reply.header('retry-after', String(retry));
      this.sendHtml(
        req,
        reply,
        problem.status,
        renderErrorPage(problem.toProblem(path), this.pageOptions(req)),
      );
    }
  }

  /** The hotline every page and warning names (CONSUMER_HOTLINE_*). */
  private get hotline(): Hotline {
    return hotlineOf(this.config);
  }

  /** The page language of a request (?lang=, then Accept-Language) and the hotline. */
  private pageOptions(req: HttpIn): { lang: Lang; hotline: Hotline; switchHref?: string } {
    const q = req.url.indexOf('?');
    const lang = pickLanguage(
      q < 0 ? undefined : queryParam(req.url.slice(q + 1), 'lang'),
      header(req, 'accept-language'),
    );
    return { lang, hotline: this.hotline, switchHref: otherLanguageHref(req.url, req.method, lang) };
  }

  /** An HTML answer that is not cached: error pages and unknown codes. */
  private sendHtml(req: HttpIn, reply: HttpOut, status: number, body: string): void {
    void reply
      .code(status)
      .header('content-language', this.pageOptions(req).lang)
      .header('vary', 'Accept, Accept-Language')
      .header('content-security-policy', PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(body);
  }

  /**
   * The hash of the network a scan comes from (scanNetworkHash; never the user agent, which any caller can make
   * up: decision 0029), remembered by address for the current minute: a phone scanning a shelf of labels is one
   * network, and an HMAC per request was 4% of the resolver's CPU.
   */
  private network(ip: string): string {
    const minute = Math.floor(Date.now() / 60_000);
    if (minute !== this.networksMinute || this.networks.size > 10_000) {
      this.networks.clear();
      this.networksMinute = minute;
    }
    let hash = this.networks.get(ip);
    if (hash === undefined) {
      hash = scanNetworkHash(this.config.SCAN_CLIENT_SECRET, ip);
      this.networks.set(ip, hash);
    }
    return hash;
  }

  private readonly networks = new Map<string, string>();
  private networksMinute = 0;

  /** Whether the URL was answered as JSON before (within the last SEEN_MAX URLs); notes it if not. */
  private seenOnce(url: string): boolean {
    if (this.seen.has(url)) return true;
    if (this.seen.size >= SEEN_MAX) this.seen.clear();
    this.seen.add(url);
    return false;
  }

  private readonly seen = new Set<string>();

  /** `unknownGtin: 'answer'` returns a resolution without an item rather than throwing the 404 problem. */
  private async parseAndResolve(
    target: string,
    unknownGtin: 'throw' | 'answer' = 'throw',
  ): Promise<{ resolved: Resolved; query: string; version: number }> {
    const version = this.cache.version;
    const parsed = this.resolution.parse(target);
    if (!parsed.ok) throw invalidLink(parsed.problem);
    const resolved = await this.resolution.resolve(parsed.link);
    if (!resolved.item && unknownGtin === 'throw') throw itemNotFound(parsed.link);
    return { resolved, query: parsed.query, version };
  }

  /**
   * A GTIN never registered here, asked for by a browser: the consumer page's "unknown" verdict (what the code
   * claims, what to do), still with the 404 status API clients get as a problem.
   */
  private unknownGtinPage(
    req: HttpIn,
    reply: HttpOut,
    resolved: Resolved,
    path: string,
    query: string,
  ): void {
    const { lang } = this.pageOptions(req);
    const body = renderConsumerPage(resolved, {
      lang,
      selfPath: `/p${path}`,
      selfQuery: query,
      code: `${this.resolution.anchor(resolved.link)}${query ? `?${query}` : ''}`,
      reported: queryParam(req.url.split('?')[1] ?? '', 'reported') === '1',
      hotline: this.hotline,
    });
    this.sendHtml(req, reply, 404, body);
  }

  /**
   * A repeat scan answered as JSON (a retailer's app, a shop's scanner): the answer without its
   * scan history was rendered by the first scan of the URL and is dropped by any event about the item, so the
   * repeat only counts the scan and appends the unit's history: no parse, no read-model lookup, no verification,
   * no promise. Undefined when the full path must answer (another Accept or a linkType, or nothing rendered yet).
   * The fast path (fast-path.ts) calls it before anything else.
   */
  hotJson(url: string, method: string, accept: string | undefined, ip: string): HotAnswer | undefined {
    if (!acceptsVerificationJson(accept)) return undefined;
    // Any linkType (even a misspelt parameter that merely contains it) goes the full way.
    if (url.includes('linkType')) return undefined;
    const hot = this.cache.get<HotJson>(url);
    if (!hot) return undefined;
    const now = this.clock.nowMs();
    if (now >= hot.validUntil) return undefined;
    if (method === 'GET' && hot.target) this.resolution.count(hot.target, this.network(ip), now);
    return this.answer(hot, now);
  }

  /** A rendered JSON answer with the unit's scan history (as of the last flush) appended. */
  private answer(hot: HotJson, now: number): HotAnswer {
    const body =
      hot.unitKey !== undefined
        ? `${hot.head},"scans":${this.resolution.historyJson(hot.unitKey, now)}}`
        : `${hot.head}}`;
    return { body, link: hot.link };
  }

  private sendJsonAnswer(reply: HttpOut, answer: HotAnswer): void {
    void reply
      .header('vary', 'Accept, Accept-Language')
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('link', answer.link)
      .header('cache-control', 'no-store')
      .type('application/json')
      .send(answer.body);
  }

  /** The resolver: the pure rules (resolver-rules.ts) decide, this answers and counts the scan. */
  private async resolve(req: HttpIn, reply: HttpOut): Promise<void> {
    const hot = this.hotJson(req.url, req.method, header(req, 'accept'), req.ip);
    if (hot) return this.sendJsonAnswer(reply, hot);
    const browser = wantsHtml(header(req, 'accept'), false);
    const { resolved, query, version } = await this.parseAndResolve(req.url, browser ? 'answer' : 'throw');
    if (!resolved.item) {
      const path = req.url.split('?')[0];
      const pageQuery = withoutParam(withoutParam(query, 'lang'), 'reported');
      return this.unknownGtinPage(req, reply, resolved, path, pageQuery);
    }
    const anchor = this.resolution.anchor(resolved.link);
    const links = this.resolution.links(resolved);
    const decision = decide(
      { query, accept: header(req, 'accept'), acceptLanguage: header(req, 'accept-language') },
      links,
      anchor,
    );
    switch (decision.kind) {
      case 'linkset': {
        for (const [name, value] of Object.entries(decision.headers)) void reply.header(name, value);
        const name = resolved.item?.product.name_vi ?? '';
        // A Buffer, so that the media type goes without a charset parameter (RFC 9264 defines none; GS1's suite
        // compares the type exactly).
        void reply.type(LINKSET_TYPE).send(Buffer.from(JSON.stringify(linksetOf(anchor, links, name))));
        return;
      }
      case 'verification': {
        const target = this.resolution.scanTarget(resolved);
        const now = resolved.now.getTime();
        if (req.method === 'GET' && target) this.resolution.count(target, this.network(req.ip), now);
        // Rendered once for this URL until it may change with time (a certificate's validity is to the instant, an
        // expiry date to the day): repeats are answered by hotJson with the history appended.
        const { scans: _scans, ...rest } = verificationJson(resolved, anchor);
        const hot: HotJson = {
          validUntil: this.resolution.validUntil(resolved),
          head: JSON.stringify(rest).slice(0, -1),
          link: decision.headers['link'],
          target,
          unitKey: resolved.history !== null ? target?.unitKey : undefined,
        };
        // Kept from the URL's second scan on: most labels are scanned once, and keeping every first answer (about
        // 2 KB each) was the larger part of what a stream of first scans left for the old-generation GC. Keyed by the
        // URL itself: every other key of the cache starts with a word, a URL with a slash.
        if (this.seenOnce(req.url)) this.cache.set(req.url, hot, this.itemTags(resolved), version);
        return this.sendJsonAnswer(reply, this.answer(hot, now));
      }
      case 'link-type-not-found':
        throw problem(
          'link-type-not-found',
          404,
          `Sản phẩm này không có liên kết loại "${decision.linkType}"`,
          `This item has no link of type "${decision.linkType}"`,
          { linkType: decision.linkType, available: decision.available },
        );
      case 'redirect': {
        // The scan is counted where the consumer lands: the default link, not HEAD probes or other link types.
        if (decision.scan && req.method === 'GET') {
          const target = this.resolution.scanTarget(resolved);
          if (target) this.resolution.count(target, this.network(req.ip), resolved.now.getTime());
        }
        for (const [name, value] of Object.entries(decision.headers)) void reply.header(name, value);
        void reply.code(307).header('location', decision.location).send();
        return;
      }
    }
  }

  private async status(req: HttpIn, reply: HttpOut): Promise<void> {
    const { resolved } = await this.parseAndResolve(req.url.slice('/status'.length));
    const body = JSON.stringify(verificationJson(resolved, this.resolution.anchor(resolved.link)));
    this.sendCached(req, reply, { body, etag: etagOf(body) }, 'application/json');
  }

  private async page(req: HttpIn, reply: HttpOut): Promise<void> {
    const target = req.url.slice(2);
    const q = target.indexOf('?');
    const rawQuery = q < 0 ? '' : target.slice(q + 1);
    const lang = pickLanguage(queryParam(rawQuery, 'lang'), header(req, 'accept-language'));
    const reported = queryParam(rawQuery, 'reported') === '1';
    // lang and reported are the page's own parameters, not GS1 attributes: the parser must not see them.
    const gs1Query = withoutParam(withoutParam(rawQuery, 'lang'), 'reported');
    const path = q < 0 ? target : target.slice(0, q);
    const { resolved, version } = await this.parseAndResolve(
      gs1Query ? `${path}?${gs1Query}` : path,
      wantsHtml(header(req, 'accept'), true) ? 'answer' : 'throw',
    );
    if (!resolved.item) return this.unknownGtinPage(req, reply, resolved, path, gs1Query);
    const history = resolved.history;
    const key = `page|${lang}|${reported ? 1 : 0}|${history?.suspicious ? 1 : 0}|${history?.firstScannedAt ?? ''}|${path}?${gs1Query}`;
    let rendered = this.cache.get<Rendered>(key);
    if (!rendered || resolved.now.getTime() >= (rendered.validUntil ?? 0)) {
      const body = renderConsumerPage(resolved, {
        lang,
        selfPath: `/p${path}`,
        selfQuery: gs1Query,
        code: `${this.resolution.anchor(resolved.link)}${gs1Query ? `?${gs1Query}` : ''}`,
        reported,
        hotline: this.hotline,
      });
      rendered = {
        body: Buffer.from(body),
        etag: etagOf(body),
        validUntil: this.resolution.validUntil(resolved),
      };
      this.cache.set(key, rendered, this.itemTags(resolved), version);
    }
    void reply
      .header('content-language', lang)
      .header('vary', 'Accept, Accept-Language')
      .header('content-security-policy', PAGE_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');
    this.sendCached(req, reply, rendered, 'text/html; charset=utf-8');
  }

  private itemTags(resolved: Resolved): string[] {
    const item = resolved.item as NonNullable<Resolved['item']>;
    return [
      tags.product(item.product.id),
      tags.producer(item.product.producer_id),
      tags.gtin(itemKeyOf(resolved.link)),
      ...(item.batch ? [tags.batch(item.batch.id)] : []),
    ];
  }

  /** ETag + no-cache: phones revalidate every time (a recall must show at once) and get 304 when unchanged. */
  private sendCached(req: HttpIn, reply: HttpOut, rendered: Rendered, type: string): void {
    void reply.header('etag', rendered.etag).header('cache-control', 'no-cache');
    if (header(req, 'if-none-match') === rendered.etag) {
      void reply.code(304).send();
      return;
    }
    void reply.type(type).send(rendered.body);
  }

  private async certificate(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    const number = (req.params as { number: string }).number;
    const [c] = (await this.dataSource.query(
      `SELECT c.number, c.stars, c.issued_at, c.expires_at, c.decision_ref, c.revoked_at, c.revoke_reason,
              c.superseded_at, p.name_vi AS product_name_vi, p.name_en AS product_name_en, r.name AS producer_name
         FROM rm_certificates c LEFT JOIN rm_products p ON p.id = c.product_id
         LEFT JOIN rm_producers r ON r.id = c.producer_id
        WHERE c.number = $1 ORDER BY c.issued_at DESC LIMIT 1`,
      [number],
    )) as CertificateView[];
    const json = (req.headers.accept ?? '').includes('application/json');
    if (!c) {
      if (json) throw Problems.notFound('Certificate');
      // A browser (the certificate's QR code, a number typed in): the page says plainly that no such certificate
      // exists, which is itself the answer to "is this certificate real?".
      const problem = Problems.notFound('Certificate').toProblem(req.url.split('?')[0]);
      this.sendHtml(
        req,
        reply,
        404,
        renderErrorPage(problem, { ...this.pageOptions(req), kind: 'certificate-not-found' }),
      );
      return;
    }
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string));
    const view: CertificateView = {
      ...c,
      issued_at: iso(c.issued_at),
      expires_at: iso(c.expires_at),
      revoked_at: c.revoked_at ? iso(c.revoked_at) : null,
      superseded_at: c.superseded_at ? iso(c.superseded_at) : null,
    };
    const state = certificateState(view, this.clock.now());
    if (json) {
      const body = JSON.stringify({
        certificateNumber: view.number,
        state,
        stars: view.stars,
        issuedAt: view.issued_at,
        expiresAt: view.expires_at,
        // The last valid day in Viet Nam, as the certificate's PDF and e-mails print it (decision 0035).
        validThrough: certificateValidThrough(view.expires_at),
        decisionRef: view.decision_ref,
        product: { nameVi: view.product_name_vi, nameEn: view.product_name_en },
        producer: { name: view.producer_name },
        ...(view.revoked_at ? { revokedAt: view.revoked_at, revokeReason: view.revoke_reason } : {}),
        ratingUrl: `${this.config.RATING_PUBLIC_URL}/certificates`,
      });
      this.sendCached(req, reply, { body, etag: etagOf(body) }, 'application/json');
      return;
    }
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
    const lang = pickLanguage(queryParam(query, 'lang'), req.headers['accept-language']);
    const body = renderCertificatePage(view, state, lang);
    void reply.header('content-security-policy', PAGE_CSP).header('content-language', lang);
    this.sendCached(req, reply, { body, etag: etagOf(body) }, 'text/html; charset=utf-8');
  }

  /** GS1-Conformant Resolver 1.2 description document (resolver-rules.ts). */
  description(): object {
    return resolverDescription(this.config.LOOKUP_BASE_URL);
  }
}
