import { ParsedDigitalLink, percentEncodeAiValue } from '@ocop/ocop-domain';
import { LookupConfig } from '../config';
import { currentCertificate } from '../verification/verifier';
import { ItemView } from '../verification/item-view';

export const GS1_VOC = 'https://gs1.org/voc/';

export interface ItemLink {
  /** e.g. gs1:pip */
  linkType: string;
  href: string;
  title: { vi: string; en: string };
  type: string;
  hreflang?: string[];
}

/** The item's identifying path, canonical: /01/{gtin}[/22/…][/10/…][/21/…], values percent-encoded. */
export function keyPath(link: Pick<ParsedDigitalLink, 'gtin' | 'cpv' | 'lot' | 'serial'>): string {
  let path = `/01/${link.gtin}`;
  if (link.cpv !== undefined) path += `/22/${percentEncodeAiValue(link.cpv)}`;
  if (link.lot !== undefined) path += `/10/${percentEncodeAiValue(link.lot)}`;
  if (link.serial !== undefined) path += `/21/${percentEncodeAiValue(link.serial)}`;
  return path;
}

/**
 * The links an item has, by GS1 link type. Targets (documented in the README):
 *   gs1:pip                  the consumer page on lookup, /p/01/… (the default link)
 *   gs1:verificationService  the verification result as JSON on lookup, /status/01/…
 *   gs1:recallStatus         the same JSON (it carries the batch's recall state), batches and units only
 *   gs1:traceability         the page's trace timeline, batches and units only
 *   gs1:epcis                traceability's EPCIS query interface for the batch or unit
 *   gs1:certificationInfo    the OCOP certificate page on lookup, /certificates/{number}, when there is one
 */
export function itemLinks(
  config: LookupConfig,
  link: ParsedDigitalLink,
  item: ItemView,
  now: Date,
): ItemLink[] {
  const path = keyPath(link);
  const base = config.LOOKUP_BASE_URL;
  const links: ItemLink[] = [
    {
      linkType: 'gs1:pip',
      href: `${base}/p${path}`,
      title: { vi: 'Thông tin sản phẩm', en: 'Product information' },
      type: 'text/html',
      hreflang: ['vi', 'en'],
    },
    {
      linkType: 'gs1:verificationService',
      href: `${base}/status${path}`,
      title: { vi: 'Kết quả xác thực', en: 'Verification result' },
      type: 'application/json',
    },
  ];
  if (link.lot !== undefined || link.serial !== undefined) {
    links.push(
      {
        linkType: 'gs1:recallStatus',
        href: `${base}/status${path}`,
        title: { vi: 'Tình trạng thu hồi', en: 'Recall status' },
        type: 'application/json',
      },
      {
        linkType: 'gs1:traceability',
        href: `${base}/p${path}#timeline`,
        title: { vi: 'Nhật ký truy xuất', en: 'Traceability timeline' },
        type: 'text/html',
        hreflang: ['vi', 'en'],
      },
    );
    if (item.batch) {
      const epc = `${base}${keyPath({ gtin: link.gtin, ...(link.serial !== undefined ? { serial: link.serial } : { lot: item.batch.lot }) })}`;
      const param = link.serial !== undefined ? 'MATCH_epc' : 'MATCH_anyEPCClass';
      links.push({
        linkType: 'gs1:epcis',
        href: `${config.TRACEABILITY_PUBLIC_URL}/events?${param}=${encodeURIComponent(epc)}`,
        title: { vi: 'Sự kiện EPCIS', en: 'EPCIS events' },
        type: 'application/json',
      });
    }
  }
  const certificate = currentCertificate(item.certificates, now);
  if (certificate) {
    links.push({
      linkType: 'gs1:certificationInfo',
      href: `${base}/certificates/${encodeURIComponent(certificate.number)}`,
      title: { vi: 'Giấy chứng nhận OCOP', en: 'OCOP certificate' },
      type: 'text/html',
      hreflang: ['vi', 'en'],
    });
  }
  return links;
}

export const SUPPORTED_LINK_TYPES = [
  'gs1:pip',
  'gs1:verificationService',
  'gs1:recallStatus',
  'gs1:traceability',
  'gs1:epcis',
  'gs1:certificationInfo',
];

/** RFC 9264 linkset of the item, relation types as GS1 vocabulary URIs. */
export function linkset(anchor: string, links: ItemLink[], itemDescription: string): object {
  const entry: Record<string, unknown> = { anchor, itemDescription };
  const pip = links.find((l) => l.linkType === 'gs1:pip');
  if (pip) entry[`${GS1_VOC}defaultLink`] = [linkTarget(pip)];
  for (const l of links) {
    const rel = `${GS1_VOC}${l.linkType.slice(4)}`;
    ((entry[rel] ??= []) as object[]).push(linkTarget(l));
  }
  return { linkset: [entry] };
}

const linkTarget = (l: ItemLink) => ({
  href: l.href,
  title: l.title.en,
  'title*': [
    { value: l.title.vi, language: 'vi' },
    { value: l.title.en, language: 'en' },
  ],
  type: l.type,
  ...(l.hreflang ? { hreflang: l.hreflang } : {}),
});

/** The same links as an HTTP Link header (RFC 8288). */
export function linkHeader(links: ItemLink[]): string {
  return links
    .map(
      (l) => `<${l.href}>; rel="${GS1_VOC}${l.linkType.slice(4)}"; type="${l.type}"; title="${l.title.en}"`,
    )
    .join(', ');
}
