import {
  adminUnits,
  CERTIFICATION_SCHEMES,
  certificateValidThrough,
  formatVietnameseDate,
  isIsoDate,
  vietnamDateOf,
} from '@ocop/ocop-domain';
import { Resolved } from '../resolver/resolution';
import { isProductCodeLink } from '../resolver/scanned-link';
import { currentCertificate } from '../verification/verifier';
import { ProducerRow, ProductRow } from '../verification/item-view';
import { esc, Hotline, hotlineLink, Lang, pageDocument, safeUrl } from './html';
import { journeyOf, whenOf } from './journey';
import { Verdict, verdictOf } from './verdict';

const T = {
  vi: {
    title: 'Truy xuất nguồn gốc sản phẩm OCOP',
    whatToDo: 'Bạn nên làm gì',
    callHotline: 'Gọi đường dây nóng',
    claims: 'Mã này tự nhận là',
    claimsNote:
      'Hệ thống không xác nhận được những thông tin này. Đừng tin sao OCOP hay tên chủ thể in trên bao bì.',
    claimedProduct: 'Sản phẩm',
    productCode: 'Mã sản phẩm',
    claimedSerial: 'Số sê-ri ghi trong mã',
    gtinNotOurs: 'Không có sản phẩm nào được đăng ký với mã này trên OCOP Trace.',
    producer: 'Chủ thể sản xuất',
    address: 'Địa chỉ',
    before2025: 'Địa chỉ trước 01/7/2025',
    ocop: 'Chứng nhận OCOP',
    stars: 'sao',
    certificate: 'Giấy chứng nhận số',
    validUntil: 'hiệu lực đến hết ngày',
    noOcop: 'Sản phẩm chưa có chứng nhận OCOP còn hiệu lực.',
    otherCertifications: 'Chứng nhận khác',
    number: 'số',
    issuedBy: 'cấp bởi',
    expiredOn: 'đã hết hạn ngày',
    batch: 'Lô hàng',
    lot: 'Số lô',
    serial: 'Số sê-ri',
    harvest: 'Ngày thu hoạch',
    production: 'Ngày sản xuất',
    packing: 'Ngày đóng gói',
    expiry: 'Hạn sử dụng',
    bestBefore: 'Sử dụng tốt nhất trước',
    growingAreas: 'Mã số vùng trồng',
    timeline: 'Hành trình sản phẩm',
    vietnamTime: 'Giờ Việt Nam (UTC+7).',
    noEvents: 'Chưa có sự kiện truy xuất nào.',
    corrected: 'đã được đính chính (sai sót)',
    buy: 'Nơi mua, liên hệ',
    phone: 'Điện thoại',
    website: 'Trang web',
    report: 'Báo cáo vấn đề',
    reportIntro: 'Thấy điều gì bất thường? Hãy cho chúng tôi biết.',
    category: 'Loại vấn đề',
    categories: { counterfeit: 'Nghi hàng giả', quality: 'Chất lượng', label: 'Tem nhãn', other: 'Khác' },
    message: 'Nội dung',
    contact: 'Liên hệ của bạn (không bắt buộc)',
    send: 'Gửi báo cáo',
    reported: 'Cảm ơn bạn! Báo cáo đã được ghi nhận.',
    scans: 'Lần quét đầu tiên',
    photo: 'Ảnh sản phẩm',
  },
  en: {
    title: 'OCOP product traceability',
    whatToDo: 'What to do',
    callHotline: 'Call the hotline',
    claims: 'This code claims to be',
    claimsNote:
      'None of this could be confirmed. Do not trust OCOP stars or a producer’s name printed on the pack.',
    claimedProduct: 'Product',
    productCode: 'Product code',
    claimedSerial: 'Serial written in the code',
    gtinNotOurs: 'No product is registered under this code on OCOP Trace.',
    producer: 'Producer',
    address: 'Address',
    before2025: 'Address before 1 July 2025',
    ocop: 'OCOP certification',
    stars: 'stars',
    certificate: 'Certificate no.',
    validUntil: 'valid through',
    noOcop: 'The product has no OCOP certificate in force.',
    otherCertifications: 'Other certifications',
    number: 'no.',
    issuedBy: 'issued by',
    expiredOn: 'expired on',
    batch: 'Batch',
    lot: 'Lot',
    serial: 'Serial',
    harvest: 'Harvest date',
    production: 'Production date',
    packing: 'Packing date',
    expiry: 'Expiry date',
    bestBefore: 'Best before',
    growingAreas: 'Growing-area codes',
    timeline: 'Product journey',
    vietnamTime: 'Vietnam time (UTC+7).',
    noEvents: 'No trace events yet.',
    corrected: 'declared erroneous',
    buy: 'Where to buy, contact',
    phone: 'Phone',
    website: 'Website',
    report: 'Report a problem',
    reportIntro: 'Something wrong? Tell us.',
    category: 'Kind of problem',
    categories: { counterfeit: 'Suspected counterfeit', quality: 'Quality', label: 'Label', other: 'Other' },
    message: 'Message',
    contact: 'Your contact (optional)',
    send: 'Send report',
    reported: 'Thank you! Your report was received.',
    scans: 'First scanned',
    photo: 'Product photo',
  },
};

const SYMBOL: Record<Verdict['tone'], string> = { ok: '✓', warn: '!', bad: '✕' };

/** Farming standards of growing areas (traceability's FarmingStandard), as the page names them. */
const FARMING_STANDARDS: Record<string, { vi: string; en: string }> = {
  vietgap: { vi: 'VietGAP', en: 'VietGAP' },
  globalgap: { vi: 'GlobalG.A.P.', en: 'GlobalG.A.P.' },
  organic: { vi: 'Hữu cơ', en: 'Organic' },
  'basic-gap': { vi: 'GAP cơ bản', en: 'Basic GAP' },
};

const unitName = (map: 'bt-2022' | 'vl-2025-07', code: string | undefined) =>
  code ? adminUnits().unit(map, code)?.name : undefined;

/**
 * Where a producer is, as one line per map: today's commune and province (the July 2025 map; a 2022 commune with a
 * single successor is carried over), and the 2022 commune, district and province that older labels and papers name.
 */
function addressLines(r: ProducerRow): { current?: string; before?: string } {
  const old = r.places?.['bt-2022'];
  const now = r.places?.['vl-2025-07'];
  let commune = unitName('vl-2025-07', now?.communeCode);
  if (!commune && old?.communeCode) {
    const successors = adminUnits().successorsOf(old.communeCode);
    if (successors.length === 1) commune = unitName('vl-2025-07', successors[0]);
  }
  const province =
    unitName('vl-2025-07', now?.provinceCode) ??
    (commune ? unitName('vl-2025-07', adminUnits().map('vl-2025-07').provinceCode) : undefined);
  const join = (parts: (string | null | undefined)[]) => parts.filter(Boolean).join(', ') || undefined;
  const before = join([
    unitName('bt-2022', old?.communeCode),
    unitName('bt-2022', old?.districtCode),
    unitName('bt-2022', old?.provinceCode),
  ]);
  return { current: join([r.street, commune, province]), before: before && join([r.street, before]) };
}

/**
 * A photo uploaded to the catalogue (…/photos/{hash}.webp, 640×480) has 320 and 1280 wide siblings: the phone picks
 * the one its screen needs. Other image addresses are shown as they are.
 */
function photoSizes(url: string): string {
  const m = /^(.+\/photos\/[0-9a-f]{32})\.webp$/.exec(url);
  return m
    ? ` srcset="${esc(`${m[1]}-320.webp`)} 320w, ${esc(url)} 640w, ${esc(`${m[1]}-1280.webp`)} 1280w" sizes="(max-width: 40rem) 100vw, 38rem"`
    : '';
}

function row(label: string, value: string | null | undefined): string {
  return value ? `<dt>${esc(label)}</dt><dd>${esc(value)}</dd>` : '';
}

/**
 * A calendar date (YYYY-MM-DD) or an instant, as its date in Viet Nam: dd/mm/yyyy as Vietnamese read dates, ISO for
 * English.
 */
function date(value: string | null | undefined, lang: Lang): string | undefined {
  if (!value) return undefined;
  const day = isIsoDate(value) ? value : vietnamDateOf(new Date(value));
  return lang === 'vi' ? formatVietnameseDate(day) : day;
}

/** The producer's English text where they gave one; the Vietnamese one, marked as such, where they did not. */
function inLanguage(
  vi: string | null,
  en: string | null,
  lang: Lang,
): { text: string; lang: Lang } | undefined {
  if (lang === 'en' && en) return { text: en, lang: 'en' };
  return vi ? { text: vi, lang: 'vi' } : undefined;
}

const langAttr = (text: { lang: Lang }, page: Lang) => (text.lang === page ? '' : ` lang="${text.lang}"`);

function verdictSection(verdict: Verdict, o: PageOptions, reason: string, firstScan?: string): string {
  const t = T[o.lang];
  const advice = verdict.advice.map((a) => `<li>${esc(a[o.lang])}</li>`);
  if (verdict.hotline) advice.push(`<li>${esc(t.callHotline)}: ${hotlineLink(o.hotline, o.lang)}</li>`);
  return `<section class="verdict ${verdict.tone}" aria-labelledby="verdict" data-state="${verdict.state}"><h1 id="verdict"><span class="sym" aria-hidden="true">${
    SYMBOL[verdict.tone]
  }</span><span>${esc(verdict.headline[o.lang])}</span></h1><p>${esc(reason)}</p>${
    advice.length ? `<h2>${esc(t.whatToDo)}</h2><ol>${advice.join('')}</ol>` : ''
  }${firstScan ? `<p>${esc(t.scans)}: ${esc(firstScan)}</p>` : ''}</section>`;
}

/** Forged and unknown codes: what the code says it is, plainly, with nothing styled as a genuine item's page. */
function claimsSection(resolved: Resolved, lang: Lang): string {
  const t = T[lang];
  const { item, link, verification } = resolved;
  const product = item ? inLanguage(item.product.name_vi, item.product.name_en, lang) : undefined;
  const claimed = product
    ? `<dt>${esc(t.claimedProduct)}</dt><dd${langAttr(product, lang)}>${esc(product.text)}</dd>`
    : '';
  // A forged label copies a real unit's lot and serial, and an unknown serial may sit on a real lot: neither is
  // repeated back as if it meant something. A serial never issued is no one's, and helps a report.
  const written = verification.outcome === 'unknown' && !item?.unit ? row(t.claimedSerial, link.serial) : '';
  // A /t/ label names its product by its code, not a GTIN (decision 0048).
  const key = isProductCodeLink(link)
    ? `<dt>${esc(t.productCode)}</dt><dd class="code">${esc(link.code)}</dd>`
    : `<dt>GTIN</dt><dd class="code">${esc(link.gtin)}</dd>`;
  return `<section class="claim" aria-labelledby="claims"><h2 id="claims">${esc(t.claims)}</h2><dl>${key}${claimed}${written}</dl><p>${esc(item ? t.claimsNote : t.gtinNotOurs)}</p></section>`;
}

function certificationsOf(p: ProductRow, lang: Lang, today: string): string[] {
  return (p.certifications ?? []).map((c) => {
    const scheme = CERTIFICATION_SCHEMES.find((s) => s.code === c.scheme);
    const name =
      c.scheme === 'other' || !scheme
        ? (c.name ?? scheme?.[lang === 'vi' ? 'nameVi' : 'nameEn'])
        : scheme[lang === 'vi' ? 'nameVi' : 'nameEn'];
    const t = T[lang];
    const parts = [`<strong>${esc(name)}</strong>`];
    if (c.certificateNumber)
      parts.push(`${esc(t.number)} <span class="code">${esc(c.certificateNumber)}</span>`);
    if (c.issuer) parts.push(`${esc(t.issuedBy)} ${esc(c.issuer)}`);
    if (c.validUntil) {
      parts.push(
        `${esc(c.validUntil < today ? t.expiredOn : t.validUntil)} ${esc(date(c.validUntil, lang))}`,
      );
    }
    return `<li>${parts.join(', ')}</li>`;
  });
}

export interface PageOptions {
  lang: Lang;
  /** The page's own path and query without lang, for the language switch. */
  selfPath: string;
  selfQuery: string;
  code: string;
  reported: boolean;
  hotline: Hotline;
}

/** The consumer page: server-rendered, no script, inline CSS, every interpolated value escaped. */
export function renderConsumerPage(resolved: Resolved, o: PageOptions): string {
  const { item, verification, history, link } = resolved;
  const lang = o.lang;
  const t = T[lang];
  const verdict = verdictOf(verification, !!history?.suspicious);
  const today = vietnamDateOf(resolved.now);
  const parts: string[] = [
    verdictSection(
      verdict,
      o,
      (verdict.reason ?? verification.reason)[lang],
      verdict.trusted && history?.firstScannedAt ? date(history.firstScannedAt, lang) : undefined,
    ),
  ];

  if (!verdict.trusted || !item) {
    parts.push(claimsSection(resolved, lang));
  } else {
    const p = item.product;
    const name = inLanguage(p.name_vi, p.name_en, lang) as { text: string; lang: Lang };
    const description = inLanguage(p.description_vi, p.description_en, lang);
    const photo = safeUrl(p.image_url);
    // The catalogue keeps one caption, in Vietnamese: an English reader hears the product's name instead.
    parts.push(
      `<section aria-labelledby="product"><h2 id="product"${langAttr(name, lang)}>${esc(name.text)}</h2>`,
    );
    if (photo) {
      parts.push(
        `<img src="${esc(photo)}"${photoSizes(photo)} alt="${esc((lang === 'vi' && p.image_caption) || `${t.photo}: ${name.text}`)}" width="640" height="480" loading="lazy" decoding="async">`,
      );
    }
    if (description) parts.push(`<p${langAttr(description, lang)}>${esc(description.text)}</p>`);
    parts.push('</section>');

    const cert = currentCertificate(item.certificates, resolved.now);
    const others = certificationsOf(p, lang, today);
    parts.push(`<section aria-labelledby="ocop"><h2 id="ocop">${esc(t.ocop)}</h2>`);
    if (cert && !cert.revoked_at && new Date(cert.expires_at) > resolved.now) {
      // The badge only where the verdict lets the item look its best; the certificate itself is a fact either way.
      if (verdict.stars) {
        parts.push(
          `<p class="stars" role="img" aria-label="${cert.stars} ${esc(t.stars)}">${'★'.repeat(cert.stars)} ${cert.stars} ${esc(t.stars)}</p>`,
        );
      }
      parts.push(
        `<p>${esc(t.certificate)} <a href="/certificates/${encodeURIComponent(cert.number)}?lang=${lang}">${esc(cert.number)}</a>, ${esc(t.validUntil)} ${esc(date(certificateValidThrough(cert.expires_at), lang))}</p>`,
      );
    } else {
      parts.push(`<p>${esc(t.noOcop)}</p>`);
    }
    if (others.length) parts.push(`<h3>${esc(t.otherCertifications)}</h3><ul>${others.join('')}</ul>`);
    parts.push('</section>');

    if (item.producer) {
      const r = item.producer;
      const lines = addressLines(r);
      const producerName = lang === 'en' && r.name_en ? r.name_en : r.name;
      parts.push(
        `<section id="producer-card" aria-labelledby="producer"><h2 id="producer">${esc(t.producer)}</h2><p><strong>${esc(producerName)}</strong></p><dl>${row(
          t.address,
          lines.current,
        )}${row(t.before2025, lines.before)}</dl></section>`,
      );
    }

    const b = verification.outcome === 'unknown' ? null : item.batch;
    if (b) {
      const areas = item.growingAreas.length
        ? item.growingAreas.map((g) => {
            const standard = FARMING_STANDARDS[g.standard]?.[lang];
            return [g.code, g.crop && `(${g.crop})`, standard && `— ${standard}`].filter(Boolean).join(' ');
          })
        : b.growing_areas.map((g) => g.code);
      parts.push(
        `<section aria-labelledby="batch"><h2 id="batch">${esc(t.batch)}</h2><dl>${row(t.lot, b.lot)}${row(
          t.serial,
          link.serial,
        )}${row(t.harvest, date(b.harvest_date, lang))}${row(t.production, date(b.production_date, lang))}${row(
          t.packing,
          date(b.packing_date, lang),
        )}${row(t.expiry, date(b.expiry_date, lang))}${row(t.bestBefore, date(b.best_before_date, lang))}${row(
          t.growingAreas,
          areas.join('; '),
        )}</dl></section>`,
      );
      const steps = journeyOf(item.traceEvents, b);
      const list = steps.length
        ? `<p class="muted">${esc(t.vietnamTime)}</p><ol>${steps
            .map(
              (s) =>
                `<li${s.corrected ? ' class="struck"' : ''}><time class="when" datetime="${esc(s.at)}">${esc(
                  whenOf(s, lang),
                )}</time> — ${esc(s.label[lang])}${s.note ? ` (${esc(s.note[lang])})` : ''}${
                  s.corrected ? ` <em>${esc(t.corrected)}</em>` : ''
                }</li>`,
            )
            .join('')}</ol>`
        : `<p>${esc(t.noEvents)}</p>`;
      parts.push(
        `<section id="timeline" aria-labelledby="journey"><h2 id="journey">${esc(t.timeline)}</h2>${list}</section>`,
      );
    }

    const links = p.sales_links
      .map((s) => ({ ...s, url: safeUrl(s.url) }))
      .filter((s) => s.url)
      .map((s) => `<li><a href="${esc(s.url)}" rel="nofollow noopener">${esc(s.channel)}</a></li>`);
    const website = item.producer ? safeUrl(item.producer.website) : undefined;
    const contact = item.producer
      ? `${
          item.producer.phone
            ? `<dt>${esc(t.phone)}</dt><dd><a href="tel:${esc(item.producer.phone.replace(/[^\d+]/g, ''))}">${esc(item.producer.phone)}</a></dd>`
            : ''
        }${website ? `<dt>${esc(t.website)}</dt><dd><a href="${esc(website)}" rel="nofollow noopener">${esc(item.producer.website)}</a></dd>` : ''}`
      : '';
    if (links.length || contact) {
      parts.push(
        `<section aria-labelledby="buy"><h2 id="buy">${esc(t.buy)}</h2>${links.length ? `<ul>${links.join('')}</ul>` : ''}${contact ? `<dl>${contact}</dl>` : ''}</section>`,
      );
    }
  }

  // After a report the browser lands on #reported (the 303 carries the fragment): the thanks is where the eye is.
  parts.push(
    `<section aria-labelledby="report"><h2 id="report">${esc(t.report)}</h2>${
      o.reported
        ? `<p id="reported" role="status" tabindex="-1"><strong>${esc(t.reported)}</strong></p>`
        : `<p>${esc(t.reportIntro)}</p>`
    }<form method="post" action="/reports"><input type="hidden" name="code" value="${esc(o.code)}"><input type="hidden" name="lang" value="${lang}"><label for="category">${esc(
      t.category,
    )}</label><select id="category" name="category">${Object.entries(t.categories)
      .map(([k, v]) => `<option value="${k}">${esc(v)}</option>`)
      .join(
        '',
      )}</select><label for="message">${esc(t.message)}</label><textarea id="message" name="message" rows="3" minlength="3" maxlength="1000" required></textarea><label for="contact">${esc(
      t.contact,
    )}</label><input id="contact" name="contact" maxlength="200" autocomplete="email"><button type="submit">${esc(t.send)}</button></form></section>`,
  );

  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const productName =
    verdict.trusted && item ? (inLanguage(item.product.name_vi, item.product.name_en, lang)?.text ?? '') : '';
  return pageDocument({
    lang,
    title: `${verdict.headline[lang]}${productName ? ` — ${productName}` : ''} — ${t.title}`,
    switchHref: `${o.selfPath}?${[o.selfQuery, `lang=${other}`].filter(Boolean).join('&')}`,
    main: parts.join(''),
    hotline: o.hotline,
  });
}
