import { LANGUAGES } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { batchRecalled, dossierReturned } from '../../../test/events';
import { WORKFLOWS } from '../workflow-registry';
import { escapeHtml, render } from './layout';
import { dossierReturnedTemplate } from './dossier-returned.template';
import { batchRecalledTemplate } from './batch-recalled.template';

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
});
