import {
  canonicalDigitalLinkPath,
  DigitalLinkProblem,
  parseDigitalLink,
  ParsedDigitalLink,
  ParsedProductCodeLink,
  parseProductCodeLink,
} from '@ocop/ocop-domain';

/**
 * The rules of the GS1-Conformant Resolver (standard 1.2.0, January 2026) as lookup applies them: from a request
 * (its target, query, Accept and Accept-Language) and the links of the identified item, to a decision — redirect,
 * linkset, the verification JSON, or a 404 — with the headers GS1 asks for. Pure: no Nest, no cache, no database.
 * The Fastify routes and the scan fast path (fast-path.ts) wrap it; decision 0037 says why each rule is so.
 */

/** GS1 Web Vocabulary namespace of the link relation types lookup publishes. */
export const GS1_VOC = 'https://gs1.org/voc/';
/** The linkset context of GS1-Conformant Resolver 1.2.0 (immutable; unchanged since 1.0.0). */
export const LINKSET_CONTEXT = 'https://ref.gs1.org/standards/resolver/1.2.0/linkset-context';
export const LINKSET_TYPE = 'application/linkset+json';
const JSON_TYPE = 'application/json';

/** The languages lookup's pages and titles are written in, the first the default (Viet Nam's shoppers). */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One link of an item as the read model gives it: a title per language, an English target if it differs. */
export interface ItemLink {
  /** e.g. gs1:pip */
  linkType: string;
  href: string;
  title: { vi: string; en: string };
  /** Media type of the target. */
  type: string;
}

/** One link object of the linkset: one per link and language (RFC 9264 has no per-language title on one object). */
export interface LinkObject {
  linkType: string;
  href: string;
  title: string;
  type: string;
  hreflang: Language;
}

/** The default link type: the consumer page. */
export const DEFAULT_LINK_TYPE = 'gs1:pip';

/**
 * Query parameters that instruct the resolver rather than the target: which link type, which language, which media
 * type. They are acted on here and not passed on to the target (whose URL already says its language), so that a
 * target's own query and fragment arrive intact. Every other key=value pair is passed on.
 */
const RESOLVER_PARAMETERS = new Set(['linkType', 'lang', 'mediaType']);

// ---------------------------------------------------------------------------------------------------------------
// The request target

/**
 * The canonical form of a request target (path from /01/ on, with its query): one trailing slash dropped (GS1
 * resolvers SHOULD tolerate it: the answer is the slash-less URI's), and a GTIN-8, -12 or -13 left-padded to the
 * GTIN-14 every Digital Link carries (URI Syntax 1.6 writes the GTIN as 14 digits; the padding is GS1's own: the
 * same item, the same check digit). Resolved, not redirected: a shopper's phone is spared a round trip, and every
 * link and the linkset's anchor name the canonical URI. The canonical target is then parsed strictly.
 */
export const canonicalTarget = (target: string): string => canonicalDigitalLinkPath(target);

function withoutTrailingSlash(target: string): string {
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  return path.endsWith('/') ? `${path.slice(0, -1)}${q < 0 ? '' : target.slice(q)}` : target;
}

/** Longest request target the resolver reads: GS1 keys and attributes fit in far less. */
export const MAX_URI_LENGTH = 2048;

export type ParseOutcome =
  | { ok: true; link: ParsedDigitalLink | ParsedProductCodeLink; query: string }
  | { ok: false; problem: DigitalLinkProblem };

/**
 * The syntax check GS1 requires before anything is looked up: the canonical target, parsed strictly as a Digital
 * Link on this resolver (`base`); a problem is answered 400 `invalid-digital-link` with the parser's reason, never
 * 200. `year` anchors GS1's two-digit years.
 */
export function readRequestTarget(base: string, target: string, year: number): ParseOutcome {
  if (target.length > MAX_URI_LENGTH) {
    return {
      ok: false,
      problem: {
        code: 'value-too-long',
        field: 'uri',
        vi: `địa chỉ dài quá ${MAX_URI_LENGTH} ký tự`,
        en: `the URI is longer than ${MAX_URI_LENGTH} characters`,
      },
    };
  }
  // A label of a product without GTIN (decision 0048): no GS1 key, so nothing to pad (a lot "01" followed by an
  // all-digit serial is not a GTIN-8/12/13); only the trailing slash is tolerated. The same strictness after.
  const productCode = target.startsWith('/t/');
  const canonical = productCode ? withoutTrailingSlash(target) : canonicalTarget(target);
  const parsed = productCode
    ? parseProductCodeLink(`${base}${canonical}`)
    : parseDigitalLink(`${base}${canonical}`, year);
  if (!parsed.ok) return parsed;
  const q = canonical.indexOf('?');
  return { ok: true, link: parsed.value, query: q < 0 ? '' : canonical.slice(q + 1) };
}

// ---------------------------------------------------------------------------------------------------------------
// Links and linkset

/**
 * Each link as one link object per language. HTML targets are written in the language asked for (`lang` query of
 * lookup's pages), JSON targets carry both languages, so the English object of a JSON target has the same href.
 */
export function linkObjects(links: ItemLink[]): LinkObject[] {
  const objects: LinkObject[] = [];
  for (const l of links) {
    for (const lang of LANGUAGES) {
      objects.push({
        linkType: l.linkType,
        href: lang === 'vi' || l.type !== 'text/html' ? l.href : withQuery(l.href, `lang=${lang}`),
        title: l.title[lang],
        type: l.type,
        hreflang: lang,
      });
    }
  }
  return objects;
}

/** The relation type URI of a gs1: link type. */
const relOf = (linkType: string) => `${GS1_VOC}${linkType.slice(4)}`;

/**
 * The RFC 9264 linkset of the item, valid against GS1's linkset schema (1.2.0): link objects carry href, title,
 * type and hreflang only (the schema forbids `title*`), and gs1:defaultLink is one object with a title and no other
 * attribute.
 */
export function linksetOf(anchor: string, objects: LinkObject[], itemDescription: string): object {
  const entry: Record<string, unknown> = { anchor, itemDescription };
  const fallback = objects.find((o) => o.linkType === DEFAULT_LINK_TYPE && o.hreflang === LANGUAGES[0]);
  if (fallback) {
    const en = objects.find((o) => o.linkType === DEFAULT_LINK_TYPE && o.hreflang === 'en');
    entry[relOf('gs1:defaultLink')] = [
      { href: fallback.href, title: en ? `${fallback.title} / ${en.title}` : fallback.title },
    ];
  }
  for (const o of objects) {
    ((entry[relOf(o.linkType)] ??= []) as object[]).push({
      href: o.href,
      title: o.title,
      type: o.type,
      hreflang: [o.hreflang],
    });
  }
  return { linkset: [entry] };
}

/**
 * The Link header of every answer about an item (redirects, JSON): only the link to its linkset. Listing every link
 * in the header was deprecated by GS1-Conformant Resolver 1.0.0; the linkset carries them.
 */
export function linksetLinkHeader(anchor: string): string {
  return `<${withQuery(anchor, 'linkType=linkset')}>; rel="linkset"; type="${LINKSET_TYPE}"`;
}

/** The Link header of the linkset itself: its JSON-LD context, so that the JSON reads as JSON-LD. */
export function linksetContextHeader(): string {
  return `<${LINKSET_CONTEXT}>; rel="http://www.w3.org/ns/json-ld#context"; type="application/ld+json"`;
}

/**
 * The resolver description file (/.well-known/gs1resolver), per GS1's description-file schema 1.2.0: primary keys as
 * AI codes (lookup resolves GTINs only: "01"), the one link-type namespace it recognises.
 */
export function resolverDescription(resolverRoot: string): object {
  return {
    name: 'OCOP Trace resolver',
    resolverRoot,
    supportedPrimaryKeys: ['01'],
    supportedLinkType: [{ namespace: GS1_VOC, prefix: 'gs1:' }],
    linkTypeDefaultCanBeLinkset: false,
    supportedContextValuesEnumerated: [],
    contact: { fn: 'OCOP Trace' },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The decision

export interface ResolverRequest {
  /** The raw query string (after "?", percent-encoded as received), or "". */
  query: string;
  accept?: string;
  acceptLanguage?: string;
}

export type ResolverDecision =
  /** 200 with the linkset (RFC 9264) and these headers. */
  | { kind: 'linkset'; headers: Record<string, string> }
  /** 200 with the verification result as JSON (lookup's own answer to an API client). */
  | { kind: 'verification'; headers: Record<string, string> }
  /** 307 to a link; `scan` when the shopper lands on the consumer page (the scan is counted). */
  | { kind: 'redirect'; location: string; scan: boolean; headers: Record<string, string> }
  /** 404: the item has no link of the type asked for. */
  | { kind: 'link-type-not-found'; linkType: string; available: string[] };

/** Headers of every answer about an item: it varies by what the client accepts, and CORS names the methods. */
const COMMON_HEADERS = {
  vary: 'Accept, Accept-Language',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
};

/**
 * What to answer, in GS1's order: a linkset when asked for (linkType=linkset — or the deprecated "all" — or Accept:
 * application/linkset+json), lookup's verification JSON for an API client (Accept: application/json, no linkType),
 * else a 307 to the link of the requested type (gs1:pip by default) in the best language, with every other
 * key=value pair of the query passed on, or 404 when the item has no such link.
 */
export function decide(request: ResolverRequest, objects: LinkObject[], anchor: string): ResolverDecision {
  const params = queryParams(request.query);
  const linkType = params.get('linkType');
  const accept = request.accept ?? '';
  const link = linksetLinkHeader(anchor);
  if (linkType === 'linkset' || linkType === 'all' || (!linkType && accept.includes(LINKSET_TYPE))) {
    return {
      kind: 'linkset',
      headers: {
        ...COMMON_HEADERS,
        link: `${link}, ${linksetContextHeader()}`,
        'cache-control': 'public, max-age=60',
      },
    };
  }
  if (!linkType && acceptsVerificationJson(accept)) {
    return { kind: 'verification', headers: { ...COMMON_HEADERS, link, 'cache-control': 'no-store' } };
  }
  const wanted = normaliseLinkType(linkType ?? DEFAULT_LINK_TYPE);
  let candidates = objects.filter((o) => o.linkType === wanted);
  if (!candidates.length) {
    return {
      kind: 'link-type-not-found',
      linkType: wanted,
      available: [...new Set(objects.map((o) => o.linkType))],
    };
  }
  const mediaType = params.get('mediaType');
  if (mediaType && candidates.some((o) => o.type === mediaType)) {
    candidates = candidates.filter((o) => o.type === mediaType);
  }
  const lang = preferredLanguage(params.get('lang'), request.acceptLanguage, candidates);
  const target = candidates.find((o) => o.hreflang === lang) ?? candidates[0];
  return {
    kind: 'redirect',
    location: withQuery(target.href, passedOn(request.query)),
    scan: wanted === DEFAULT_LINK_TYPE,
    headers: { ...COMMON_HEADERS, link, 'cache-control': 'no-store' },
  };
}

/**
 * Whether a client that names no link type wants lookup's verification JSON (an API client: Accept names
 * application/json but not the linkset). The scan fast path asks this before anything else (public-routes.ts hotJson).
 */
export function acceptsVerificationJson(accept: string | undefined): boolean {
  return accept !== undefined && accept.includes(JSON_TYPE) && !accept.includes(LINKSET_TYPE);
}

/** gs1:pip for "gs1:pip" and for the vocabulary URIs of it (gs1.org, www.gs1.org and ref.gs1.org namespaces). */
function normaliseLinkType(linkType: string): string {
  const uri = /^https?:\/\/(?:www\.|ref\.)?gs1\.org\/voc\/(.+)$/.exec(linkType);
  return uri ? `gs1:${uri[1]}` : linkType;
}

/**
 * The language to answer in: the `lang` query parameter, else the first language of Accept-Language (by q-value)
 * that a candidate is written in, else Vietnamese.
 */
export function preferredLanguage(
  lang: string | undefined,
  acceptLanguage: string | undefined,
  candidates: Pick<LinkObject, 'hreflang'>[],
): Language {
  const offered = new Set(candidates.map((c) => c.hreflang));
  const primary = (tag: string) => tag.trim().slice(0, 2).toLowerCase() as Language;
  if (lang && offered.has(primary(lang))) return primary(lang);
  if (acceptLanguage) {
    const ranked = acceptLanguage
      .split(',')
      .map((part, i) => {
        const [tag, ...params] = part.split(';');
        const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
        return { tag: primary(tag), q: q ? Number(q[1]) : 1, i };
      })
      .filter((t) => t.q > 0)
      .sort((a, b) => b.q - a.q || a.i - b.i);
    for (const t of ranked) if (offered.has(t.tag)) return t.tag;
  }
  return LANGUAGES[0];
}

/** The query's key=value pairs but the resolver's own parameters, as received (order and encoding kept). */
function passedOn(query: string): string {
  return query
    .split('&')
    .filter((pair) => pair && !RESOLVER_PARAMETERS.has(safeDecode(pair.split('=')[0])))
    .join('&');
}

function queryParams(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = safeDecode(eq < 0 ? pair : pair.slice(0, eq));
    if (!params.has(key)) params.set(key, safeDecode((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' ')));
  }
  return params;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The URL with a query appended (before its fragment), joined with "&" when it has one already. */
export function withQuery(url: string, query: string): string {
  if (!query) return url;
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const fragment = hash < 0 ? '' : url.slice(hash);
  return `${base}${base.includes('?') ? '&' : '?'}${query}${fragment}`;
}
