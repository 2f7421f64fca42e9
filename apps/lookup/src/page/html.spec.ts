import { wantsHtml } from './html';

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
