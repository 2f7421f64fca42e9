import { certificateValidThrough, formatVietnameseDate, formatVietnameseDateTime } from '@ocop/ocop-domain';
import { Language } from '@ocop/contracts';

/**
 * What a person reads: the mail's subject, text and HTML parts, and the inbox item's text (the mail's without its
 * footer, which speaks of mail and of settings the inbox reader is already beside).
 */
export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
  inboxText: string;
}

/** A notice's content in one language, before layout. Values are plain text: the layout escapes them for HTML. */
export interface NoticeContent {
  subject: string;
  intro: string;
  facts?: [label: string, value: string][];
  outro?: string;
}

/** A workflow's template: the content of its notice for a language. */
export type Template<T> = Record<Language, (data: T) => NoticeContent>;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text from events (product names, officers' comments) is untrusted: never HTML in a mail. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const FOOTER: Record<Language, string> = {
  vi: 'Thư tự động từ hệ thống OCOP Bến Tre. Thay đổi loại thông báo bạn nhận trong phần Cài đặt thông báo.',
  en: 'An automatic message from the OCOP Ben Tre platform. Choose which notices you receive under notification settings.',
};

/** The portal's notification settings, which every notice mail's footer links to. */
export const PREFERENCES_PATH = '/thong-bao/cai-dat';

/** A portal page's address under the configured `PORTAL_URL` (with or without its trailing slash). */
export const portalLink = (portalUrl: string, path: string): string =>
  `${portalUrl.replace(/\/+$/, '')}${path}`;

const OPEN: Record<Language, string> = { vi: 'Xem trên Cổng OCOP', en: 'Open in the OCOP portal' };
const SETTINGS: Record<Language, string> = { vi: 'Cài đặt thông báo', en: 'Notification settings' };

/**
 * Where a mail leads: the portal page where the reader acts on it (the dossier, the batch, the growing area), and
 * the notification settings its footer speaks of. The inbox needs neither: it shows its own button, beside the
 * settings.
 */
export interface NoticeLinks {
  open?: string;
  preferences?: string;
}

/** One layout for every notice, so that mails look alike and escaping happens in one place. */
export function layout(language: Language, content: NoticeContent, links: NoticeLinks = {}): RenderedNotice {
  const facts = content.facts ?? [];
  const inboxText = [
    content.intro,
    ...(facts.length ? ['', ...facts.map(([label, value]) => `${label}: ${value}`)] : []),
    ...(content.outro ? ['', content.outro] : []),
  ].join('\n');
  // A template that names its link among its facts (a report's "handle it at") is not given a second one.
  const open = links.open && !facts.some(([, value]) => value === links.open) ? links.open : undefined;
  const text = [
    inboxText,
    ...(open ? ['', `${OPEN[language]}: ${open}`] : []),
    '',
    '--',
    FOOTER[language],
    ...(links.preferences ? [`${SETTINGS[language]}: ${links.preferences}`] : []),
  ].join('\n');
  const html = [
    // The viewport line lets a phone's mail app show the mail at its own width rather than a shrunk desktop page.
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family:sans-serif;line-height:1.5">',
    `<p>${escapeHtml(content.intro).replace(/\n/g, '<br>')}</p>`,
    ...(facts.length
      ? [
          '<table cellpadding="4">',
          ...facts.map(
            ([label, value]) =>
              `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value).replace(/\n/g, '<br>')}</td></tr>`,
          ),
          '</table>',
        ]
      : []),
    ...(content.outro ? [`<p>${escapeHtml(content.outro)}</p>`] : []),
    ...(open ? [`<p><a href="${escapeHtml(open)}">${escapeHtml(OPEN[language])}</a></p>`] : []),
    `<p style="color:#666;font-size:small">${escapeHtml(FOOTER[language])}${
      links.preferences
        ? ` <a href="${escapeHtml(links.preferences)}">${escapeHtml(SETTINGS[language])}</a>`
        : ''
    }</p>`,
    '</body></html>',
  ].join('\n');
  return { subject: content.subject, text, html, inboxText };
}

export function render<T>(
  template: Template<T>,
  language: Language,
  data: T,
  links: NoticeLinks = {},
): RenderedNotice {
  return layout(language, template[language](data), links);
}

/** A span of time as a person says it: "24 giờ" rather than "1440 phút", "90 phút" when it is not whole hours. */
export function duration(seconds: number, language: Language): string {
  const minutes = Math.round(seconds / 60);
  if (minutes >= 60 && minutes % 60 === 0) {
    const hours = minutes / 60;
    return language === 'vi' ? `${hours} giờ` : `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
  }
  return language === 'vi' ? `${minutes} phút` : `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** Dates as a person in Viet Nam reads them (dd/mm/yyyy), whatever the instant's UTC day. */
export function vietnamDay(iso: string): string {
  return Number.isFinite(Date.parse(iso)) ? formatVietnameseDate(new Date(iso)) : iso;
}

/**
 * The last day a certificate is valid, from the instant it stops being valid: the same date the PDF and the
 * consumer page print (decision 0035).
 */
export function validThroughDay(expiresAt: string): string {
  return Number.isFinite(Date.parse(expiresAt))
    ? formatVietnameseDate(certificateValidThrough(expiresAt))
    : expiresAt;
}

/** An instant as a person in Viet Nam reads it: "14:05 03/12/2026 (giờ Việt Nam)" — Viet Nam has no DST. */
export function vietnamDateTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : formatVietnameseDateTime(at);
}
