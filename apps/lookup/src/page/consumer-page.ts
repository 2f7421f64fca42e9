import {
  adminUnits,
  certificateValidThrough,
  formatVietnameseDate,
  isIsoDate,
  vietnamDateOf,
} from '@ocop/ocop-domain';
import { Resolved } from '../resolver/resolution';
import { currentCertificate } from '../verification/verifier';
import { ProducerRow, TraceEventRow } from '../verification/item-view';
import { Outcome } from '../verification/verification';
import { esc, Lang, safeUrl } from './html';

const T = {
  vi: {
    title: 'Truy xuất nguồn gốc sản phẩm OCOP',
    product: 'Sản phẩm',
    producer: 'Chủ thể sản xuất',
    origin: 'Nguồn gốc',
    address: 'Địa chỉ',
    commune: 'Xã',
    district: 'Huyện',
    commune2025: 'Xã (từ 01/7/2025)',
    ocop: 'Chứng nhận OCOP',
    stars: 'sao',
    certificate: 'Giấy chứng nhận số',
    validUntil: 'hiệu lực đến hết ngày',
    noOcop: 'Sản phẩm chưa có chứng nhận OCOP còn hiệu lực.',
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
    noEvents: 'Chưa có sự kiện truy xuất nào.',
    corrected: 'đã được đính chính (sai sót)',
    buy: 'Nơi mua',
    phone: 'Điện thoại',
    website: 'Trang web',
    report: 'Báo cáo vấn đề',
    reportIntro: 'Thấy điều gì bất thường? Hãy cho chúng tôi biết.',
    category: 'Loại vấn đề',
    categories: {
      counterfeit: 'Nghi hàng giả',
      quality: 'Chất lượng',
      label: 'Tem nhãn',
      other: 'Khác',
    },
    message: 'Nội dung',
    contact: 'Liên hệ (không bắt buộc)',
    send: 'Gửi báo cáo',
    reported: 'Cảm ơn bạn! Báo cáo đã được ghi nhận.',
    scans: 'Lần quét đầu tiên',
    suspicious:
      'Cảnh báo: mã này đã được quét từ nhiều mạng, nhiều nơi khác nhau; có thể là tem bị sao chép.',
    switchTo: 'English',
    photo: 'Ảnh sản phẩm',
    verification: 'Kết quả xác thực',
  },
  en: {
    title: 'OCOP product traceability',
    product: 'Product',
    producer: 'Producer',
    origin: 'Origin',
    address: 'Address',
    commune: 'Commune',
    district: 'District',
    commune2025: 'Commune (from 1 July 2025)',
    ocop: 'OCOP certification',
    stars: 'stars',
    certificate: 'Certificate no.',
    validUntil: 'valid through',
    noOcop: 'The product has no OCOP certificate in force.',
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
    noEvents: 'No trace events yet.',
    corrected: 'declared erroneous',
    buy: 'Where to buy',
    phone: 'Phone',
    website: 'Website',
    report: 'Report a problem',
    reportIntro: 'Something wrong? Tell us.',
    category: 'Kind of problem',
    categories: {
      counterfeit: 'Suspected counterfeit',
      quality: 'Quality',
      label: 'Label',
      other: 'Other',
    },
    message: 'Message',
    contact: 'Contact (optional)',
    send: 'Send report',
    reported: 'Thank you! Your report was received.',
    scans: 'First scanned',
    suspicious:
      'Warning: this code has been scanned from many different networks and places; the label may have been copied.',
    switchTo: 'Tiếng Việt',
    photo: 'Product photo',
    verification: 'Verification result',
  },
};

const BANNER: Record<Outcome, { cls: string; vi: string; en: string }> = {
  genuine: { cls: 'ok', vi: 'Chính hãng', en: 'Genuine' },
  unknown: { cls: 'bad', vi: 'Không xác định', en: 'Unknown' },
  forged: { cls: 'bad', vi: 'Nghi giả mạo', en: 'Possibly forged' },
  recalled: { cls: 'bad', vi: 'Đã thu hồi', en: 'Recalled' },
  'producer-suspended': { cls: 'bad', vi: 'Chủ thể bị tạm ngưng', en: 'Producer suspended' },
  'not-released': { cls: 'warn', vi: 'Lô hàng chưa phát hành', en: 'Batch not released' },
  expired: { cls: 'warn', vi: 'Hết hạn sử dụng', en: 'Expired' },
  'certificate-revoked': { cls: 'warn', vi: 'Chứng nhận OCOP bị thu hồi', en: 'OCOP certificate revoked' },
  'certificate-expired': { cls: 'warn', vi: 'Chứng nhận OCOP hết hạn', en: 'OCOP certificate expired' },
};

const BATCH_BANNER = { vi: 'Lô hàng đã đăng ký', en: 'Registered batch' };

const BIZ_STEPS: Record<string, { vi: string; en: string }> = {
  commissioning: { vi: 'Thu hoạch / sản xuất', en: 'Harvested / produced' },
  packing: { vi: 'Đóng gói', en: 'Packed' },
  shipping: { vi: 'Xuất hàng', en: 'Shipped' },
  receiving: { vi: 'Nhận hàng', en: 'Received' },
  inspecting: { vi: 'Kiểm tra', en: 'Inspected' },
  storing: { vi: 'Lưu kho', en: 'Stored' },
  transforming: { vi: 'Chế biến', en: 'Processed' },
  recalled: { vi: 'Thu hồi', en: 'Recalled' },
};

const CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f6f6f3}
header,main,footer{max-width:40rem;margin:0 auto;padding:0 1rem}header{display:flex;justify-content:space-between;align-items:center;padding-top:.5rem}
a{color:#0b57a4}.lang{font-weight:600}.banner{padding:1rem;border-radius:.5rem;margin:1rem 0;border:2px solid}
.ok{background:#e6f4ea;border-color:#1e7b34;color:#0f3d1a}.warn{background:#fff4e0;border-color:#a35a00;color:#4a2900}
.bad{background:#fde8e8;border-color:#b3261e;color:#5c0b07}.banner h2{margin:0 0 .25rem;font-size:1.25rem}
section{background:#fff;border-radius:.5rem;padding:1rem;margin:1rem 0}h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:0 0 .5rem}
img{max-width:100%;height:auto;border-radius:.5rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}dt{font-weight:600}dd{margin:0}
ol{padding-left:1.25rem}.struck{text-decoration:line-through}.stars{color:#8a5a00;font-size:1.25rem}
label{display:block;margin-top:.5rem;font-weight:600}select,textarea,input{width:100%;font:inherit;padding:.4rem}button{margin-top:.75rem;font:inherit;padding:.5rem 1rem;background:#0b57a4;color:#fff;border:0;border-radius:.25rem}`;

function unitName(map: 'bt-2022' | 'vl-2025-07', code: string | undefined): string | undefined {
  return code ? adminUnits().unit(map, code)?.name : undefined;
}

/** Where a producer is: 2022 commune and district, and the commune after the July 2025 reorganisation. */
function placeNames(places: ProducerRow['places'] | undefined) {
  const old = places?.['bt-2022'];
  const current = places?.['vl-2025-07'];
  let commune2025 = unitName('vl-2025-07', current?.communeCode);
  if (!commune2025 && old?.communeCode) {
    const successors = adminUnits().successorsOf(old.communeCode);
    if (successors.length === 1) commune2025 = unitName('vl-2025-07', successors[0]);
  }
  return {
    commune: unitName('bt-2022', old?.communeCode),
    district: unitName('bt-2022', old?.districtCode),
    commune2025,
  };
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

function timeline(events: TraceEventRow[], lang: Lang): string {
  const t = T[lang];
  if (!events.length) return `<p>${esc(t.noEvents)}</p>`;
  // An errorDeclaration names an earlier event with the same eventID as erroneous: the original is shown struck
  // through with a note, the declaration itself is not a step of the journey.
  const corrected = new Set(events.filter((e) => e.error_declaration).map((e) => e.event_id));
  const items = events
    .filter((e) => !e.error_declaration)
    .map((e) => {
      const step = e.biz_step ? (BIZ_STEPS[e.biz_step]?.[lang] ?? e.biz_step) : e.type;
      const when = `${e.event_time.slice(0, 16).replace('T', ' ')} (UTC)`;
      const wrong = corrected.has(e.event_id);
      return `<li${wrong ? ' class="struck"' : ''}><time datetime="${esc(e.event_time)}">${esc(when)}</time> — ${esc(step)}${
        e.disposition ? ` (${esc(e.disposition)})` : ''
      }${wrong ? ` <em>${esc(t.corrected)}</em>` : ''}</li>`;
    });
  return `<ol>${items.join('')}</ol>`;
}

export interface PageOptions {
  lang: Lang;
  /** The page's own path and query without lang, for the language switch. */
  selfPath: string;
  selfQuery: string;
  code: string;
  reported: boolean;
}

/** The consumer page: server-rendered, no script, inline CSS, every interpolated value escaped. */
export function renderConsumerPage(resolved: Resolved, o: PageOptions): string {
  const { item, verification, history, link } = resolved;
  const lang = o.lang;
  const t = T[lang];
  const banner =
    verification.outcome === 'genuine' && verification.level !== 'unit'
      ? { cls: 'ok', ...BATCH_BANNER }
      : BANNER[verification.outcome];
  const other: Lang = lang === 'vi' ? 'en' : 'vi';
  const switchQuery = [o.selfQuery, `lang=${other}`].filter(Boolean).join('&');
  const parts: string[] = [];
  parts.push(
    `<section class="banner ${banner.cls}" role="status" aria-labelledby="verdict"><h2 id="verdict">${esc(banner[lang])}</h2><p>${esc(verification.reason[lang])}</p>`,
  );
  if (history?.suspicious) parts.push(`<p><strong>${esc(t.suspicious)}</strong></p>`);
  if (history?.firstScannedAt) {
    parts.push(`<p>${esc(t.scans)}: ${esc(date(history.firstScannedAt, lang))}</p>`);
  }
  parts.push('</section>');

  if (item) {
    const p = item.product;
    const name = lang === 'en' && p.name_en ? p.name_en : p.name_vi;
    const description = lang === 'en' ? (p.description_en ?? p.description_vi) : p.description_vi;
    const photo = safeUrl(p.image_url);
    parts.push(`<section aria-labelledby="product"><h1 id="product">${esc(name)}</h1>`);
    if (photo) {
      parts.push(
        `<img src="${esc(photo)}" alt="${esc(p.image_caption || `${t.photo}: ${name}`)}" width="640" height="480" loading="lazy">`,
      );
    }
    if (description) parts.push(`<p>${esc(description)}</p>`);
    parts.push('</section>');

    const cert = currentCertificate(item.certificates, resolved.now);
    parts.push(`<section aria-labelledby="ocop"><h2 id="ocop">${esc(t.ocop)}</h2>`);
    if (cert && !cert.revoked_at && new Date(cert.expires_at) > resolved.now) {
      parts.push(
        `<p class="stars" aria-label="${cert.stars} ${esc(t.stars)}">${'★'.repeat(cert.stars)} <span>${cert.stars} ${esc(t.stars)}</span></p><p>${esc(t.certificate)} <a href="/certificates/${encodeURIComponent(cert.number)}?lang=${lang}">${esc(cert.number)}</a>, ${esc(t.validUntil)} ${esc(date(certificateValidThrough(cert.expires_at), lang))}</p>`,
      );
    } else {
      parts.push(`<p>${esc(t.noOcop)}</p>`);
    }
    parts.push('</section>');

    if (item.producer) {
      const r = item.producer;
      const names = placeNames(r.places);
      const producerName = lang === 'en' && r.name_en ? r.name_en : r.name;
      parts.push(
        `<section aria-labelledby="producer"><h2 id="producer">${esc(t.producer)}</h2><p><strong>${esc(producerName)}</strong></p><dl>${row(t.address, r.street)}${row(t.commune, names.commune)}${row(t.district, names.district)}${row(t.commune2025, names.commune2025)}</dl></section>`,
      );
    }

    const b = verification.outcome === 'unknown' ? null : item.batch;
    if (b) {
      const codes = item.growingAreas.length
        ? item.growingAreas.map((g) => `${g.code ?? ''} ${g.crop ? `(${g.crop})` : ''}`.trim()).join(', ')
        : b.growing_areas.map((g) => g.code).join(', ');
      parts.push(
        `<section aria-labelledby="batch"><h2 id="batch">${esc(t.batch)}</h2><dl>${row(t.lot, b.lot)}${row(
          t.serial,
          link.serial,
        )}${row(t.harvest, date(b.harvest_date, lang))}${row(t.production, date(b.production_date, lang))}${row(
          t.packing,
          date(b.packing_date, lang),
        )}${row(t.expiry, date(b.expiry_date, lang))}${row(t.bestBefore, date(b.best_before_date, lang))}${row(
          t.growingAreas,
          codes,
        )}</dl></section>`,
      );
      parts.push(
        `<section id="timeline" aria-labelledby="journey"><h2 id="journey">${esc(t.timeline)}</h2>${timeline(item.traceEvents, lang)}</section>`,
      );
    }

    const links = p.sales_links
      .map((s) => ({ ...s, url: safeUrl(s.url) }))
      .filter((s) => s.url)
      .map((s) => `<li><a href="${esc(s.url)}" rel="nofollow noopener">${esc(s.channel)}</a></li>`);
    const contact = item.producer
      ? `${row(t.phone, item.producer.phone)}${
          safeUrl(item.producer.website)
            ? `<dt>${esc(t.website)}</dt><dd><a href="${esc(safeUrl(item.producer.website))}" rel="nofollow noopener">${esc(item.producer.website)}</a></dd>`
            : ''
        }`
      : '';
    if (links.length || contact) {
      parts.push(
        `<section aria-labelledby="buy"><h2 id="buy">${esc(t.buy)}</h2>${links.length ? `<ul>${links.join('')}</ul>` : ''}${contact ? `<dl>${contact}</dl>` : ''}</section>`,
      );
    }
  }

  parts.push(
    `<section aria-labelledby="report"><h2 id="report">${esc(t.report)}</h2>${
      o.reported ? `<p role="status"><strong>${esc(t.reported)}</strong></p>` : `<p>${esc(t.reportIntro)}</p>`
    }<form method="post" action="/reports"><input type="hidden" name="code" value="${esc(o.code)}"><input type="hidden" name="lang" value="${lang}"><label for="category">${esc(
      t.category,
    )}</label><select id="category" name="category">${Object.entries(t.categories)
      .map(([k, v]) => `<option value="${k}">${esc(v)}</option>`)
      .join(
        '',
      )}</select><label for="message">${esc(t.message)}</label><textarea id="message" name="message" rows="3" maxlength="1000" required></textarea><label for="contact">${esc(
      t.contact,
    )}</label><input id="contact" name="contact" maxlength="200" autocomplete="email"><button type="submit">${esc(t.send)}</button></form></section>`,
  );

  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(
    item
      ? `${lang === 'en' && item.product.name_en ? item.product.name_en : item.product.name_vi} — ${t.title}`
      : t.title,
  )}</title><style>${CSS}</style></head><body><header><span>OCOP Trace</span><nav aria-label="${lang === 'vi' ? 'Ngôn ngữ' : 'Language'}"><a class="lang" href="${esc(
    `${o.selfPath}?${switchQuery}`,
  )}" hreflang="${other}" lang="${other}">${esc(t.switchTo)}</a></nav></header><main aria-label="${esc(t.verification)}">${parts.join(
    '',
  )}</main><footer><p><small>OCOP Trace — ${esc(t.title)}</small></p></footer></body></html>`;
}
