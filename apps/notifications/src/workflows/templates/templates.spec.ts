import { LANGUAGES } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import {
  batchRecalled,
  certificate,
  certificateExpiring,
  dossierReturned,
  productCertified,
} from '../../../test/events';
import { WORKFLOWS } from '../workflow-registry';
import { escapeHtml, render } from './layout';
import { dossierReturnedTemplate } from './dossier-returned.template';
import { batchRecalledTemplate } from './batch-recalled.template';
import { certificateExpiredTemplate, certificateExpiringTemplate } from './certificate.templates';
import { productCertifiedTemplate } from './product-certified.template';

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
});
