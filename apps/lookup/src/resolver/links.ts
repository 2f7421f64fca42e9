import { ParsedDigitalLink, percentEncodeAiValue, productCodePath } from '@ocop/ocop-domain';
import { LookupConfig } from '../config';
import { currentCertificate } from '../verification/verifier';
import { ItemView } from '../verification/item-view';
import { ItemLink } from './resolver-rules';
import { isProductCodeLink, ScannedLink, scannedKeyPath } from './scanned-link';

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
export function itemLinks(config: LookupConfig, link: ScannedLink, item: ItemView, now: Date): ItemLink[] {
  const path = scannedKeyPath(link);
  const base = config.LOOKUP_BASE_URL;
  const links: ItemLink[] = [
    {
      linkType: 'gs1:pip',
      href: `${base}/p${path}`,
      title: { vi: 'Thông tin sản phẩm', en: 'Product information' },
      type: 'text/html',
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
      },
    );
    if (item.batch) {
      // The EPC as traceability records it: the SGTIN or LGTIN, or a /t/ unit or lot (decision 0048).
      const epc = isProductCodeLink(link)
        ? `${base}${productCodePath({ code: link.code, lot: item.batch.lot, serial: link.serial })}`
        : `${base}${keyPath({ gtin: link.gtin, ...(link.serial !== undefined ? { serial: link.serial } : { lot: item.batch.lot }) })}`;
      const param = link.serial !== undefined ? 'MATCH_epc' : 'MATCH_anyEPCClass';
      links.push({
        linkType: 'gs1:epcis',
        href: `${config.TRACEABILITY_PUBLIC_URL}/events?${param}=${encodeURIComponent(epc)}`,
        title: { vi: 'Sự kiện EPCIS', en: 'EPCIS events' },
        // What traceability's query answers (EPCIS 2.0 query documents are JSON-LD).
        type: 'application/ld+json',
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
    });
  }
  return links;
}
