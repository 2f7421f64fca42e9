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
