import { Bilingual } from '../common/bilingual';
import { esc, Hotline, hotlineLink, Lang, pageDocument } from './html';

/** What the HTML error pages need of a problem (RFC 9457 body as lookup sends it). */
export interface ProblemLike {
  status: number;
  code: string;
  title?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}

const b = (vi: string, en: string): Bilingual => ({ vi, en });

interface ErrorText {
  headline: Bilingual;
  body: Bilingual;
  hotline: boolean;
}

const SCAN_AGAIN = b(
  'Hãy quét lại mã QR trên tem sản phẩm bằng camera điện thoại.',
  'Scan the QR code on the product label again with your phone camera.',
);

/** Errors a browser can meet, in words; the problem's own text follows where it helps. */
const TEXTS: Record<string, ErrorText> = {
  'invalid-digital-link': {
    headline: b('Mã này không đọc được', 'This code cannot be read'),
    body: b(
      'Địa chỉ trong mã QR không đúng chuẩn GS1 Digital Link. Nếu tem in sẵn như vậy, sản phẩm có thể không chính gốc: đừng sử dụng và hãy gọi đường dây nóng.',
      'The address in the QR code is not a valid GS1 Digital Link. If the label was printed like this, the product may not be what it claims: do not use it and call the hotline.',
    ),
    hotline: true,
  },
  'malformed-url': {
    headline: b('Địa chỉ không hợp lệ', 'Malformed address'),
    body: SCAN_AGAIN,
    hotline: false,
  },
  'certificate-not-found': {
    headline: b('Không có giấy chứng nhận OCOP số này', 'No OCOP certificate has this number'),
    body: b(
      'Số giấy chứng nhận không có trong hệ thống. Nếu số này in trên sản phẩm hay giấy tờ, chứng nhận có thể là giả: hãy báo cho đường dây nóng.',
      'The certificate number is not on record. If it is printed on a product or a document, the certificate may be fake: tell the hotline.',
    ),
    hotline: true,
  },
  'not-found': {
    headline: b('Không tìm thấy trang này', 'This page does not exist'),
    body: SCAN_AGAIN,
    hotline: false,
  },
  'validation-failed': {
    headline: b('Báo cáo chưa được gửi', 'Your report was not sent'),
    body: b(
      'Vui lòng quay lại trang trước (nút Quay lại của trình duyệt), sửa nội dung rồi gửi lại.',
      'Go back to the previous page (your browser’s Back button), correct it and send it again.',
    ),
    hotline: true,
  },
  'too-many-requests': {
    headline: b('Quá nhiều yêu cầu', 'Too many requests'),
    body: b('Vui lòng thử lại sau ít phút.', 'Please try again in a few minutes.'),
    hotline: true,
  },
};

const SERVER = {
  headline: b('Đã có lỗi ở phía chúng tôi', 'Something went wrong on our side'),
  body: b('Vui lòng thử lại sau ít phút.', 'Please try again in a few minutes.'),
  hotline: true,
};
const OTHER = {
  headline: b('Không thực hiện được yêu cầu', 'The request could not be handled'),
  body: SCAN_AGAIN,
  hotline: false,
};

/** Titles that only repeat the status: the headline says it better. */
const GENERIC_TITLES =
  /^(\S+ not found|Not found|Bad request|Internal error|The request is not valid|Too many requests)$/i;

/** A bilingual problem text ("vi / en", as lookup writes them) in one language; others as they are. */
function oneLanguage(text: string | undefined, lang: Lang): string | undefined {
  if (!text) return undefined;
  const halves = text.split(' / ');
  return halves.length === 2 ? halves[lang === 'vi' ? 0 : 1] : text;
}

/**
 * The HTML a browser gets for an error (decision 0042), with the same status the problem carries. API clients
 * keep the problem+json; this page repeats its code so that a support call can name it.
 */
export function renderErrorPage(
  problem: ProblemLike,
  o: { lang: Lang; hotline: Hotline; switchHref?: string; kind?: 'certificate-not-found' },
): string {
  const text = TEXTS[o.kind ?? problem.code] ?? (problem.status >= 500 ? SERVER : OTHER);
  const lang = o.lang;
  // The problem's own words, when they say more than the headline: which code was wrong, and why.
  const details = new Set<string>();
  const title = oneLanguage(problem.title, lang);
  if (title && !GENERIC_TITLES.test(title)) details.add(title);
  const detail = oneLanguage(problem.detail, lang);
  if (detail && !problem.errors?.length) details.add(detail);
  const fields = (problem.errors ?? []).map((e) => `<li>${esc(e.field)}: ${esc(e.message)}</li>`);
  const hotline = text.hotline
    ? `<p>${lang === 'vi' ? 'Đường dây nóng' : 'Hotline'}: ${hotlineLink(o.hotline, lang)}</p>`
    : '';
  const main = `<section class="verdict ${problem.status >= 500 ? 'warn' : 'bad'}" aria-labelledby="verdict" data-state="error"><h1 id="verdict"><span class="sym" aria-hidden="true">${
    problem.status >= 500 ? '!' : '✕'
  }</span><span>${esc(text.headline[lang])}</span></h1><p>${esc(text.body[lang])}</p>${hotline}</section><section><dl><dt>${
    lang === 'vi' ? 'Mã lỗi' : 'Error code'
  }</dt><dd class="code">${esc(problem.status)} ${esc(problem.code)}</dd></dl>${[...details]
    .map((d) => `<p>${esc(d)}</p>`)
    .join('')}${fields.length ? `<ul>${fields.join('')}</ul>` : ''}<p><a href="/?lang=${lang}">${
    lang === 'vi' ? 'Trang chủ OCOP Trace' : 'OCOP Trace home'
  }</a></p></section>`;
  return pageDocument({
    lang,
    title: `${text.headline[lang]} — OCOP Trace`,
    switchHref: o.switchHref,
    main,
    hotline: o.hotline,
  });
}

/** The site root for a browser: what this site is and how to use it. */
export function renderHomePage(o: { lang: Lang; hotline: Hotline }): string {
  const vi = o.lang === 'vi';
  const main = `<section aria-labelledby="home"><h1 id="home">${
    vi ? 'Kiểm tra sản phẩm OCOP' : 'Check an OCOP product'
  }</h1><p>${esc(
    vi
      ? 'Quét mã QR trên tem sản phẩm OCOP bằng camera điện thoại: trang kết quả cho biết sản phẩm có chính gốc không, ai sản xuất, lô hàng nào và hành trình của nó.'
      : 'Scan the QR code on an OCOP product’s label with your phone camera: the page that opens tells whether it is what it claims, who made it, its batch and its journey.',
  )}</p><p>${esc(
    vi
      ? 'Nghi ngờ hàng giả, hàng kém chất lượng? Gọi đường dây nóng:'
      : 'Suspect a fake or a poor-quality product? Call the hotline:',
  )} ${hotlineLink(o.hotline, o.lang)}</p></section>`;
  return pageDocument({
    lang: o.lang,
    title: vi ? 'OCOP Trace — Kiểm tra sản phẩm OCOP' : 'OCOP Trace — Check an OCOP product',
    switchHref: `/?lang=${vi ? 'en' : 'vi'}`,
    main,
    hotline: o.hotline,
  });
}
