const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Every interpolated string goes through this: text and attribute values alike (quotes are escaped too). */
export function esc(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[&<>"'`]/g, (c) => ESCAPES[c]);
}

/** Only http(s) URLs become links or images: `javascript:` and `data:` from an event never reach an href. */
export function safeUrl(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

export type Lang = 'vi' | 'en';

/** ?lang= wins, then the first language of Accept-Language we speak; Vietnamese by default. */
export function pickLanguage(query: string | undefined, acceptLanguage: string | undefined): Lang {
  if (query === 'en' || query === 'vi') return query;
  if (acceptLanguage) {
    for (const part of acceptLanguage.split(',')) {
      const tag = part.trim().slice(0, 2).toLowerCase();
      if (tag === 'vi' || tag === 'en') return tag;
    }
  }
  return 'vi';
}

/**
 * Whether a client should get an HTML page rather than JSON (decision 0042): a browser lists text/html in Accept
 * at a weight no lower than any JSON type; API clients ask for JSON or send a bare `*\/*` (curl, fetch), which
 * gets `htmlByDefault` — true only on routes that are pages in the first place (/p/…, /certificates/…).
 */
export function wantsHtml(accept: string | undefined, htmlByDefault: boolean): boolean {
  if (!accept) return htmlByDefault;
  let html = -1;
  let json = -1;
  for (const part of accept.split(',')) {
    const [type, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const weight = Number.isFinite(q) ? q : 0;
    const mediaType = type.trim();
    if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') html = Math.max(html, weight);
    else if (mediaType === 'application/json' || mediaType.endsWith('+json')) json = Math.max(json, weight);
  }
  if (html >= 0) return html > 0 && html >= json;
  return json > 0 ? false : htmlByDefault;
}

/**
 * The same address in the other language: the path and query as requested, with `lang` (and the one-off `reported`)
 * replaced. Undefined for a request other than GET, whose address cannot simply be opened again.
 */
export function otherLanguageHref(url: string, method: string, lang: Lang): string | undefined {
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const kept = (q < 0 ? '' : url.slice(q + 1))
    .split('&')
    .filter((p) => p && !/^(lang|reported)(=|$)/.test(p));
  return `${path}?${[...kept, `lang=${lang === 'vi' ? 'en' : 'vi'}`].join('&')}`;
}

/** Who to call: the authority's consumer hotline (CONSUMER_HOTLINE_*), on every page and in every warning. */
export interface Hotline {
  phone: string;
  name: { vi: string; en: string };
}

/** The hotline as configured (LookupConfig's CONSUMER_HOTLINE_* variables). */
export function hotlineOf(config: {
  CONSUMER_HOTLINE_PHONE: string;
  CONSUMER_HOTLINE_NAME_VI: string;
  CONSUMER_HOTLINE_NAME_EN: string;
}): Hotline {
  return {
    phone: config.CONSUMER_HOTLINE_PHONE,
    name: { vi: config.CONSUMER_HOTLINE_NAME_VI, en: config.CONSUMER_HOTLINE_NAME_EN },
  };
}

/** The hotline as a tap-to-call link: the tel: target keeps digits and a leading + only. */
export function hotlineLink(h: Hotline, lang: Lang): string {
  const tel = h.phone.replace(/[^\d+]/g, '');
  return `<a href="tel:${esc(tel)}" class="tel">${esc(h.phone)}</a> (${esc(h.name[lang])})`;
}

/**
 * One stylesheet for every page lookup serves: phone first (320 px and up, no column narrower than a word),
 * no web font, no script. Verdict colours are solid so that the state reads before any word: green with white text,
 * amber with black, red with white (each above 4.5:1 contrast).
 */
export const PAGE_CSS = `*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f4f4f1;overflow-wrap:break-word}
header,main,footer{max-width:40rem;margin:0 auto;padding:0 .75rem}header{display:flex;flex-wrap:wrap;gap:.5rem;justify-content:space-between;align-items:center;padding-top:.25rem}
a{color:#0b57a4}.lang{display:inline-block;padding:.6rem .25rem;font-weight:600}
.verdict{padding:1rem;border-radius:.5rem;margin:.5rem 0 1rem}.verdict h1{display:flex;gap:.6rem;align-items:center;margin:0 0 .5rem;font-size:1.6rem;line-height:1.2}
.sym{flex:none;display:inline-flex;align-items:center;justify-content:center;width:2.5rem;height:2.5rem;border-radius:50%;font-size:1.5rem;background:#fff}
.ok{background:#17692f;color:#fff}.ok .sym{color:#17692f}.warn{background:#f5b100;color:#1a1a1a}.warn .sym{background:#1a1a1a;color:#f5b100}
.bad{background:#b3261e;color:#fff}.bad .sym{color:#b3261e}.verdict p{margin:.25rem 0}.verdict ol{margin:.5rem 0 0;padding-left:1.4rem}.verdict a{color:inherit;font-weight:700}
section{background:#fff;border-radius:.5rem;padding:1rem;margin:1rem 0}h2{font-size:1.2rem;margin:0 0 .5rem;line-height:1.3}h3{font-size:1rem;margin:.75rem 0 .25rem}
img{display:block;max-width:100%;height:auto;border-radius:.5rem;margin:.5rem 0}dl{margin:0}dt{font-weight:600;margin-top:.5rem}dd{margin:0}
@media (min-width:34rem){dl{display:grid;grid-template-columns:minmax(9rem,max-content) 1fr;gap:.25rem 1rem}dt{margin:0}}
ol,ul{padding-left:1.4rem;margin:.25rem 0}li{margin:.25rem 0}.struck{text-decoration:line-through}.when{font-variant-numeric:tabular-nums;font-weight:600}
.stars{display:inline-block;background:#fdf3d7;border:1px solid #b98900;color:#6b4a00;border-radius:1rem;padding:.1rem .75rem;font-size:1.2rem;margin:0 0 .5rem}
.claim{border:2px dashed #888}.muted{color:#555;font-size:.9rem}.code{font-family:ui-monospace,monospace;word-break:break-all}
label{display:block;margin-top:.75rem;font-weight:600}select,textarea,input{width:100%;font:inherit;padding:.5rem;border:1px solid #767676;border-radius:.25rem}
button{margin-top:.75rem;font:inherit;padding:.6rem 1.2rem;background:#0b57a4;color:#fff;border:0;border-radius:.25rem}
:focus-visible{outline:3px solid #0b57a4;outline-offset:2px}#reported{background:#e6f4ea;border:2px solid #17692f;border-radius:.5rem;padding:.75rem}#reported:target{outline:3px solid #17692f}`;

/** The frame of every page: language, viewport, title, the language switch and the footer with the hotline. */
export function pageDocument(o: {
  lang: Lang;
  title: string;
  /** The same page in the other language; none on pages without one. */
  switchHref?: string;
  main: string;
  hotline: Hotline;
}): string {
  const other: Lang = o.lang === 'vi' ? 'en' : 'vi';
  const nav = o.switchHref
    ? `<nav aria-label="${o.lang === 'vi' ? 'Ngôn ngữ' : 'Language'}"><a class="lang" href="${esc(o.switchHref)}" hreflang="${other}" lang="${other}">${other === 'en' ? 'English' : 'Tiếng Việt'}</a></nav>`
    : '';
  const footer =
    o.lang === 'vi'
      ? `Tra cứu nguồn gốc sản phẩm OCOP. Đường dây nóng: ${hotlineLink(o.hotline, 'vi')}`
      : `OCOP product traceability. Hotline: ${hotlineLink(o.hotline, 'en')}`;
  return `<!doctype html><html lang="${o.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(
    o.title,
  )}</title><style>${PAGE_CSS}</style></head><body><header><span>OCOP Trace</span>${nav}</header><main>${o.main}</main><footer><p class="muted">${footer}</p></footer></body></html>`;
}
