import { certificateValidThrough, formatVietnameseDate, vietnamDateOf } from '@ocop/ocop-domain';
import { esc, Lang } from '../page/html';

export interface CertificateView {
  number: string;
  stars: number;
  issued_at: string;
  expires_at: string;
  decision_ref: string;
  revoked_at: string | null;
  revoke_reason: string | null;
  superseded_at: string | null;
  product_name_vi: string | null;
  product_name_en: string | null;
  producer_name: string | null;
}

export type CertificateState = 'valid' | 'expired' | 'revoked' | 'superseded';

export function certificateState(c: CertificateView, now: Date): CertificateState {
  if (c.revoked_at) return 'revoked';
  if (c.superseded_at) return 'superseded';
  return new Date(c.expires_at) <= now ? 'expired' : 'valid';
}

const STATE_TEXT: Record<CertificateState, { cls: string; vi: string; en: string }> = {
  valid: { cls: 'ok', vi: 'Giấy chứng nhận còn hiệu lực', en: 'The certificate is valid' },
  expired: { cls: 'warn', vi: 'Giấy chứng nhận đã hết hiệu lực', en: 'The certificate has expired' },
  revoked: { cls: 'bad', vi: 'Giấy chứng nhận đã bị thu hồi', en: 'The certificate has been revoked' },
  superseded: {
    cls: 'warn',
    vi: 'Giấy chứng nhận đã được thay bằng giấy mới',
    en: 'The certificate was replaced by a newer one',
  },
};

/** What rating's certificate QR code opens: is this OCOP certificate genuine and in force? */
export function renderCertificatePage(c: CertificateView, state: CertificateState, lang: Lang): string {
  const s = STATE_TEXT[state];
  const vi = lang === 'vi';
  // Dates in Viet Nam: dd/mm/yyyy for Vietnamese readers, ISO for English ones (decision 0035).
  const d = (day: string) => (vi ? formatVietnameseDate(day) : day);
  const product = (!vi && c.product_name_en) || c.product_name_vi || '';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(
    `${vi ? 'Giấy chứng nhận OCOP' : 'OCOP certificate'} ${c.number}`,
  )}</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:1rem;color:#1a1a1a}.ok{background:#e6f4ea;border:2px solid #1e7b34}.warn{background:#fff4e0;border:2px solid #a35a00}.bad{background:#fde8e8;border:2px solid #b3261e}.banner{padding:1rem;border-radius:.5rem}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}</style></head><body><main><h1>${esc(
    vi ? 'Giấy chứng nhận OCOP' : 'OCOP certificate',
  )} ${esc(c.number)}</h1><section class="banner ${s.cls}" role="status"><h2>${esc(s[lang])}</h2>${
    c.revoke_reason ? `<p>${esc(c.revoke_reason)}</p>` : ''
  }</section><dl><dt>${vi ? 'Sản phẩm' : 'Product'}</dt><dd>${esc(product)}</dd><dt>${vi ? 'Chủ thể' : 'Producer'}</dt><dd>${esc(
    c.producer_name,
  )}</dd><dt>${vi ? 'Hạng' : 'Rating'}</dt><dd>${'★'.repeat(c.stars)} ${c.stars} ${vi ? 'sao' : 'stars'}</dd><dt>${
    vi ? 'Ngày cấp' : 'Issued'
  }</dt><dd>${esc(d(vietnamDateOf(new Date(c.issued_at))))}</dd><dt>${vi ? 'Hiệu lực đến hết ngày' : 'Valid through'}</dt><dd>${esc(d(certificateValidThrough(c.expires_at)))}</dd><dt>${
    vi ? 'Quyết định' : 'Decision'
  }</dt><dd>${esc(c.decision_ref)}</dd></dl><p><a href="?lang=${vi ? 'en' : 'vi'}" hreflang="${vi ? 'en' : 'vi'}">${
    vi ? 'English' : 'Tiếng Việt'
  }</a></p></main></body></html>`;
}
