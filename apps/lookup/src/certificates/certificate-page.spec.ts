import { CertificateView, certificateState, renderCertificatePage } from './certificate-page';

/** Rating's certificate decided on 03/12/2026, as lookup's read model holds it from the certificate.issued event. */
const decided3December2026: CertificateView = {
  number: 'OCOP-BT-2026-0042',
  stars: 4,
  issued_at: '2026-12-02T17:00:00.000Z',
  expires_at: '2029-12-03T17:00:00.000Z',
  decision_ref: '1234/QĐ-UBND ngày 03/12/2026',
  revoked_at: null,
  revoke_reason: null,
  superseded_at: null,
  product_name_vi: 'Kẹo dừa sầu riêng lá dứa',
  product_name_en: null,
  producer_name: 'Công ty TNHH SX-KD tổng hợp Đông Á',
};

describe('certificate page dates', () => {
  it('shows the Vietnamese calendar dates the PDF prints: issued 03/12/2026, valid through 03/12/2029', () => {
    const vi = renderCertificatePage(decided3December2026, 'valid', 'vi');
    expect(vi).toContain('<dd>03/12/2026</dd>');
    expect(vi).toContain('Hiệu lực đến hết ngày</dt><dd>03/12/2029</dd>');
    // The UTC days of the instants (02/12/2026, 03/12 at 17:00 UTC read as the 4th) never show.
    expect(vi).not.toMatch(/02\/12\/2026|0[24]\/12\/2029|2029-12-0/);
    const en = renderCertificatePage(decided3December2026, 'valid', 'en');
    expect(en).toContain('Valid through</dt><dd>2029-12-03</dd>');
  });

  it('counts the certificate valid through the whole of its last day in Viet Nam', () => {
    expect(certificateState(decided3December2026, new Date('2029-12-03T16:59:59Z'))).toBe('valid');
    expect(certificateState(decided3December2026, new Date('2029-12-03T17:00:00Z'))).toBe('expired');
  });
});
