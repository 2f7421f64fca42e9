import { otherLanguageHref, wantsHtml } from './html';

describe('content negotiation: HTML for browsers, JSON for API clients', () => {
  it.each([
    // Chromium, Firefox and Safari navigations
    ['text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8', false, true],
    ['text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', false, true],
    // API clients
    ['application/json', true, false],
    ['application/problem+json', true, false],
    ['application/linkset+json', false, false],
    ['application/json, text/html;q=0.5', true, false],
    ['text/html;q=0.1, application/json', true, false],
    ['text/html;q=0', true, false],
    // curl and fetch send */*: HTML only where the route is a page
    ['*/*', false, false],
    ['*/*', true, true],
    [undefined, false, false],
    [undefined, true, true],
  ])('Accept %p (page route: %p) → HTML %p', (accept, htmlByDefault, expected) => {
    expect(wantsHtml(accept, htmlByDefault)).toBe(expected);
  });
});

describe('the other language’s address', () => {
  it('keeps the path and the GS1 attributes, swaps lang and drops the one-off reported', () => {
    expect(otherLanguageHref('/p/01/08936047000500/10/L1?17=270503&lang=vi&reported=1', 'GET', 'vi')).toBe(
      '/p/01/08936047000500/10/L1?17=270503&lang=en',
    );
    expect(otherLanguageHref('/certificates/OCOP-1', 'GET', 'en')).toBe('/certificates/OCOP-1?lang=vi');
    expect(otherLanguageHref('/reports', 'POST', 'vi')).toBeUndefined();
  });
});
