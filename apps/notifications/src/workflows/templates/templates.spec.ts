import { LANGUAGES } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import {
  batchRecalled,
  certificate,
  certificateExpiring,
  dossierDecided,
  dossierReturned,
  productCertified,
  scanSuspicious,
} from '../../../test/events';
import { WORKFLOWS } from '../workflow-registry';
import { escapeHtml, layout, render, vietnamDateTime } from './layout';
import { passwordResetTemplate } from './account.templates';
import { dossierBelowThreeStarsTemplate } from './dossier-decided.template';
import { dossierReturnedTemplate } from './dossier-returned.template';
import { batchRecalledTemplate } from './batch-recalled.template';
import { certificateExpiredTemplate, certificateExpiringTemplate } from './certificate.templates';
import { productCertifiedTemplate } from './product-certified.template';
import { scanSuspiciousTemplate } from './scan-suspicious.template';

describe('notice templates', () => {
  it('escape everything that came from an event in the HTML part', () => {
    const notice = render(dossierReturnedTemplate, 'vi', {
      ...dossierReturned(randomUUID()),
      productName: '<img src=x onerror=alert(1)>',
    });
    expect(notice.html).not.toContain('<img');
    expect(notice.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(notice.text).toContain('<img src=x onerror=alert(1)>');
    expect(escapeHtml(`"'&`)).toBe('&quot;&#39;&amp;');
  });

  it('exist in Vietnamese and English for every workflow', () => {
    for (const w of WORKFLOWS) for (const lang of LANGUAGES) expect(typeof w.template[lang]).toBe('function');
    expect(render(batchRecalledTemplate, 'en', batchRecalled(randomUUID())).subject).toBe(
      'URGENT: batch L2026-031 has been recalled',
    );
  });

  it('name the recalled product, not only its GTIN, when the event carries its name', () => {
    const recall = {
      ...batchRecalled(randomUUID()),
      productName: 'Kẹo dừa lá dứa',
      productNameEn: 'Pandan coconut candy',
    };
    expect(render(batchRecalledTemplate, 'vi', recall).subject).toBe(
      'KHẨN: Lô hàng L2026-031 của "Kẹo dừa lá dứa" đã bị thu hồi',
    );
    expect(render(batchRecalledTemplate, 'vi', recall).text).toContain(
      'Lô hàng L2026-031 "Kẹo dừa lá dứa" (GTIN 08938500000017) đã bị thu hồi.',
    );
    expect(render(batchRecalledTemplate, 'en', recall).subject).toBe(
      'URGENT: batch L2026-031 of "Pandan coconut candy" has been recalled',
    );
    // A recall from before the event carried names still reads.
    expect(render(batchRecalledTemplate, 'vi', batchRecalled(randomUUID())).text).toContain(
      'Lô hàng L2026-031 (GTIN 08938500000017) đã bị thu hồi.',
    );
  });

  it('say a time window as a person would: 24 giờ, not 1440 phút', () => {
    const day = { ...scanSuspicious(randomUUID(), '0001'), windowSeconds: 86_400 };
    expect(render(scanSuspiciousTemplate, 'vi', day).text).toContain('25 thiết bị khác nhau trong 24 giờ');
    expect(render(scanSuspiciousTemplate, 'en', day).text).toContain('25 different devices within 24 hours');
    const ninety = { ...day, windowSeconds: 5_400 };
    expect(render(scanSuspiciousTemplate, 'vi', ninety).text).toContain('trong 90 phút');
    expect(render(scanSuspiciousTemplate, 'en', { ...day, windowSeconds: 3_600 }).text).toContain(
      'within 1 hour.',
    );
  });

  it('say why a result is below 3★ in English too: the score band first, then each criterion short of its marker', () => {
    const notice = render(dossierBelowThreeStarsTemplate, 'en', dossierDecided(randomUUID()));
    expect(notice.subject).toBe('Rating result for "Kẹo dừa Bến Tre": 2★, not OCOP yet');
    expect(notice.text).toContain(
      'Why: - A total of 46.5/100; 3★ needs 50 points or more\n- Criterion C.6.3',
    );
    expect(notice.text).toContain('Decision: 2001/QĐ-UBND of 20/05/2026');
  });

  it('lead a mail to the page where the reader acts and to the notification settings; the inbox text has neither', () => {
    const links = {
      open: 'https://portal.example/ho-so/d-1',
      preferences: 'https://portal.example/thong-bao/cai-dat',
    };
    const vi = render(productCertifiedTemplate, 'vi', productCertified(randomUUID()), links);
    expect(vi.text).toContain('Xem trên Cổng OCOP: https://portal.example/ho-so/d-1');
    expect(vi.text).toContain('Cài đặt thông báo: https://portal.example/thong-bao/cai-dat');
    expect(vi.html).toContain('<a href="https://portal.example/ho-so/d-1">Xem trên Cổng OCOP</a>');
    expect(vi.html).toContain('<a href="https://portal.example/thong-bao/cai-dat">Cài đặt thông báo</a>');
    expect(vi.inboxText).not.toContain('https://');
    const en = render(productCertifiedTemplate, 'en', productCertified(randomUUID()), links);
    expect(en.text).toContain('Open in the OCOP portal: https://portal.example/ho-so/d-1');
    // A template that already names the link among its facts is not given a second one.
    const named = layout('vi', { subject: 's', intro: 'i', facts: [['Xử lý tại', links.open]] }, links);
    expect(named.text.split(links.open)).toHaveLength(2);
  });

  it('give every mail a phone-width viewport', () => {
    for (const lang of LANGUAGES)
      expect(render(productCertifiedTemplate, lang, productCertified(randomUUID())).html).toContain(
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
      );
  });

  it('print a certificate valid through 03/12/2029 as 03/12/2029, the date on its PDF and consumer page', () => {
    // Rating's event for a certificate decided on 03/12/2026: it stops at the end of 03/12/2029 in Viet Nam.
    const expiresAt = '2029-12-03T17:00:00.000Z';
    const producerId = randomUUID();
    const certified = {
      ...productCertified(producerId),
      certificate: certificate(producerId, { expiresAt }),
    };
    const notices = [
      render(productCertifiedTemplate, 'vi', certified),
      render(productCertifiedTemplate, 'en', certified),
      render(certificateExpiringTemplate, 'vi', { ...certificateExpiring(producerId, 30), expiresAt }),
      render(certificateExpiringTemplate, 'en', { ...certificateExpiring(producerId, 30), expiresAt }),
      render(certificateExpiredTemplate, 'vi', certificate(producerId, { expiresAt })),
    ];
    for (const notice of notices) {
      expect(notice.text).toContain('03/12/2029');
      expect(notice.text).not.toMatch(/0[24]\/12\/2029/);
    }
    expect(notices[0].text).toContain('Hiệu lực đến hết ngày');
    expect(notices[1].text).toContain('Valid through');
  });

  it('print account-mail times on the Vietnamese clock, across the day and year boundary', () => {
    expect(vietnamDateTime('2026-12-31T16:30:00.000Z')).toBe('23:30 31/12/2026 (UTC+7)');
    expect(vietnamDateTime('2026-12-31T17:00:00.000Z')).toBe('00:00 01/01/2027 (UTC+7)');
    expect(vietnamDateTime('2028-02-28T17:05:00.000Z')).toBe('00:05 29/02/2028 (UTC+7)');
  });

  it('put the link in the text of a reset mail and escape the person’s name in its HTML', () => {
    const notice = render(passwordResetTemplate, 'vi', {
      accountId: randomUUID(),
      email: 'ba@example.vn',
      displayName: '<b>Ba</b>',
      language: 'vi',
      sealedToken: 'v1.x.y.z',
      expiresAt: '2026-12-03T23:30:00.000Z',
      token: 'tok',
      link: 'http://portal.example/dat-lai-mat-khau#token=tok',
    });
    expect(notice.text).toContain('Liên kết / Link: http://portal.example/dat-lai-mat-khau#token=tok');
    expect(notice.text).toContain('Hết hạn / Expires: 06:30 04/12/2026 (UTC+7)');
    expect(notice.subject).toBe('Đặt lại mật khẩu OCOP / Reset your OCOP password');
    expect(notice.html).not.toContain('<b>Ba</b>');
    expect(notice.text).not.toContain('v1.x.y.z');
  });
});
