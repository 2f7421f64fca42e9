import { waitFor } from '@ocop/testing';
import { chromium } from 'playwright-core';
import { Client } from 'pg';
import { bootE2ePlatform, BOOTSTRAP_ADMIN, E2ePlatform } from './support/e2e-platform';

/**
 * The portal's front door (issue 17 item 1, decisions 0050 and 0051), against the real built services: a browser
 * session at the gateway holds no token the page could read, calls every service through /api/<service> with the
 * session's access token (refreshed as it expires), mutations need the session's CSRF token and the portal's
 * origin, logout and logout-everywhere end sessions, a stopped service is a problem, one API reference covers all.
 */
const COOKIE = '__Host-ocop_session';
// Identity's access tokens live 20 s here and the gateway renews them 10 s before expiry: a refresh happens
// within a test, and a token the gateway passes on always has seconds left on a busy machine.
const ACCESS_TTL_SECONDS = 20;
const REFRESH_MARGIN_SECONDS = 10;

/** Debian's chromium, headless and quiet, as lookup's page tests launch it. */
const launchChromium = () =>
  chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });

interface InPage {
  document: { cookie: string };
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
}

interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

describe('the gateway: one origin, one session (end to end)', () => {
  let e2e: E2ePlatform;
  let gateway: string;
  let gatewayDb: Client;
  let identityDb: Client;

  beforeAll(async () => {
    e2e = await bootE2ePlatform({
      extraEnv: {
        identity: { ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TTL_SECONDS) },
        // As in production: Secure cookie (the test sends it over http itself, as a browser would over https).
        gateway: {
          // As behind a load balancer: the gateway takes the client from X-Forwarded-For, so that the test can be
          // two people at two addresses (decision 0053).
          HTTP_TRUST_PROXY: '1',
          SESSION_COOKIE_SECURE: 'true',
          ACCESS_TOKEN_REFRESH_MARGIN_SECONDS: String(REFRESH_MARGIN_SECONDS),
        },
      },
    });
    gateway = e2e.platform.urls['gateway'];
    gatewayDb = await e2e.database('gateway');
    identityDb = await e2e.database('identity');
  });

  afterAll(async () => {
    await gatewayDb?.end();
    await identityDb?.end();
    expect(await e2e?.dispose()).toEqual([]);
  });

  async function call(
    method: string,
    path: string,
    options: { cookie?: string; csrf?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const res = await fetch(`${gateway}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        origin: gateway,
        ...(options.cookie ? { cookie: `${COOKIE}=${options.cookie}` } : {}),
        ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}),
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...options.headers,
      },
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // Not JSON (a page, a PDF): the test looks at the text.
    }
    return { status: res.status, headers: res.headers, text, body };
  }

  /** Signs in at the gateway as a browser does: the cookie's value and attributes, and the session's CSRF token. */
  async function signIn(identifier: string, password: string) {
    const res = await call('POST', '/api/session', { body: { identifier, password } });
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${COOKIE}=`));
    expect(setCookie).toBeDefined();
    const cookie = /^[^=]+=([^;]*)/.exec(setCookie as string)?.[1] as string;
    return { cookie, setCookie: setCookie as string, csrf: res.body['csrfToken'] as string, res };
  }

  async function newAccount(email: string, password: string, roles: string[] = ['retailer']) {
    const admin = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const created = await call('POST', '/api/identity/admin/accounts', {
      cookie: admin.cookie,
      csrf: admin.csrf,
      body: { email, displayName: email, password, roles },
    });
    expect(created.status).toBe(201);
    return (created.body['account'] as { accountId: string }).accountId;
  }

  it('signs in with an HttpOnly, Secure, SameSite cookie and hands the browser no token', async () => {
    const { cookie, setCookie, csrf, res } = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(res.body).toMatchObject({
      account: { email: BOOTSTRAP_ADMIN.email },
      csrfToken: expect.any(String),
    });
    // No JWT (three base64url parts starting eyJ) and no refresh token anywhere the browser can see.
    expect(res.text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);
    expect(res.text).not.toMatch(/accessToken|refreshToken/);
    expect(cookie).not.toMatch(/^eyJ/);
    expect(res.headers.getSetCookie()).toHaveLength(1);
    expect(csrf).not.toBe(cookie);

    const me = await call('GET', '/api/session', { cookie });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ account: { email: BOOTSTRAP_ADMIN.email }, csrfToken: csrf });
    expect(me.text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+/);

    const wrong = await call('POST', '/api/session', {
      body: { identifier: BOOTSTRAP_ADMIN.email, password: 'not the password at all' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(wrong.body).toMatchObject({ code: 'invalid-credentials' });
    expect(wrong.headers.getSetCookie()).toEqual([]);
  });

  it('calls every service through /api/<service> with the session, passing the request id on', async () => {
    const { cookie } = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const me = await call('GET', '/api/identity/me', {
      cookie,
      headers: { 'x-request-id': 'portal-req-17-1' },
    });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: BOOTSTRAP_ADMIN.email });
    expect(me.headers.get('x-request-id')).toBe('portal-req-17-1');
    for (const service of ['identity', 'catalogue', 'traceability', 'rating', 'notifications', 'lookup']) {
      const ready = await call('GET', `/api/${service}/health/ready`);
      expect({ service, status: ready.status }).toEqual({ service, status: 200 });
    }
    // Without a session the service itself answers: 401 from identity, as problem+json.
    const anonymous = await call('GET', '/api/identity/me');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/application\/problem\+json/);

    const unknown = await call('GET', '/api/payments/anything');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'unknown-service' });
  });

  it('passes an API client’s own bearer token on as it came, without CSRF', async () => {
    const login = await fetch(`${e2e.platform.urls['identity']}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: BOOTSTRAP_ADMIN.email, password: BOOTSTRAP_ADMIN.password }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await call('GET', '/api/identity/me', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(me.body).toMatchObject({ email: BOOTSTRAP_ADMIN.email });
  });

  it('leaves a page nothing to steal: no token in document.cookie, localStorage or sessionStorage', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      // The portal (apps/portal, served by the gateway) signs in through its own page.
      await page.goto(gateway);
      await page.getByLabel('E-mail hoặc số điện thoại').fill(BOOTSTRAP_ADMIN.email);
      await page.getByLabel('Mật khẩu').fill(BOOTSTRAP_ADMIN.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      // An admin lands on the system status page.
      await page.getByRole('heading', { level: 1, name: 'Tình trạng hệ thống' }).waitFor();
      const seen = await page.evaluate(async () => {
        // The page's globals (this file compiles without the DOM library).
        const { document, localStorage, sessionStorage } = globalThis as unknown as InPage;
        return {
          cookie: document.cookie,
          local: JSON.stringify({ ...localStorage }),
          session: JSON.stringify({ ...sessionStorage }),
          // What page script gets from a proxied call: the data, never a token.
          me: await (await fetch('/api/identity/me')).text(),
        };
      });
      expect(seen).toMatchObject({ cookie: '', local: '{}', session: '{}' });
      expect(seen.me).toContain(BOOTSTRAP_ADMIN.email);
      expect(seen.me).not.toMatch(/eyJ[\w-]+\.[\w-]+/);
      const cookies = await page.context().cookies();
      expect(
        cookies.map(({ name, httpOnly, secure, sameSite }) => ({ name, httpOnly, secure, sameSite })),
      ).toEqual([{ name: COOKIE, httpOnly: true, secure: true, sameSite: 'Lax' }]);
      // Signing out from the page (it sends the CSRF token it holds in memory) ends the session.
      await page.getByRole('button', { name: 'Đăng xuất', exact: true }).click();
      await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
      const session = await call('GET', '/api/session', { cookie: cookies[0].value });
      expect(session.status).toBe(401);
    } finally {
      await browser.close();
    }
  });

  it('refuses a mutation without the session’s CSRF token, with another one, or from another origin', async () => {
    const admin = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const other = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const account = (email: string) => ({
      email,
      displayName: email,
      password: 'csrf test pw 17 long',
      roles: ['retailer'],
    });
    const attempts: { name: string; options: { csrf?: string; headers?: Record<string, string> } }[] = [
      { name: 'no token', options: {} },
      { name: 'another session’s token', options: { csrf: other.csrf } },
      { name: 'another origin', options: { csrf: admin.csrf, headers: { origin: 'https://evil.example' } } },
      {
        name: 'cross-site fetch',
        options: { csrf: admin.csrf, headers: { 'sec-fetch-site': 'cross-site' } },
      },
    ];
    for (const [i, attempt] of attempts.entries()) {
      const email = `csrf-${i}@example.vn`;
      const res = await call('POST', '/api/identity/admin/accounts', {
        cookie: admin.cookie,
        body: account(email),
        ...attempt.options,
      });
      expect({ attempt: attempt.name, status: res.status, code: res.body['code'] }).toEqual({
        attempt: attempt.name,
        status: 403,
        code: 'csrf-refused',
      });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const found = await identityDb.query(`SELECT 1 FROM accounts WHERE email = $1`, [email]);
      expect(found.rowCount).toBe(0);
    }
    // A login from another site is refused too (login CSRF), and logout needs the token.
    const foreignLogin = await call('POST', '/api/session', {
      body: { identifier: BOOTSTRAP_ADMIN.email, password: BOOTSTRAP_ADMIN.password },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreignLogin.body).toMatchObject({ status: 403, code: 'csrf-refused' });
    // Nor may another site sign a visitor up, session or not.
    const foreignSignUp = await call('POST', '/api/identity/registrations', {
      body: { type: 'household' },
      headers: { origin: 'https://evil.example' },
    });
    expect(foreignSignUp.body).toMatchObject({ status: 403, code: 'csrf-refused' });
    expect((await call('DELETE', '/api/session', { cookie: admin.cookie })).body).toMatchObject({
      code: 'csrf-refused',
    });

    const allowed = await call('POST', '/api/identity/admin/accounts', {
      cookie: admin.cookie,
      csrf: admin.csrf,
      body: account('csrf-ok@example.vn'),
    });
    expect(allowed.status).toBe(201);
  });

  it('refreshes the access token behind the session as it nears expiry', async () => {
    const { cookie } = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const row = async () =>
      (
        await gatewayDb.query<{ access_token: string; access_expires_at: Date }>(
          `SELECT access_token, access_expires_at FROM gateway_sessions ORDER BY created_at DESC LIMIT 1`,
        )
      ).rows[0];
    const before = await row();
    // Wait for the clock, not for a guess: the token is within the renewal margin once this holds.
    await waitFor(
      () => Date.now() > before.access_expires_at.getTime() - REFRESH_MARGIN_SECONDS * 1000 + 500,
      {
        intervalMs: 250,
      },
    );
    // A page's calls arrive together: one refresh serves them all, and none presents a used refresh token
    // (identity would revoke the session's whole family).
    const together = await Promise.all(
      Array.from({ length: 6 }, () => call('GET', '/api/identity/me', { cookie })),
    );
    expect(together.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const after = await row();
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.access_expires_at.getTime()).toBeGreaterThan(before.access_expires_at.getTime());
    // The old access token has expired by now; the session carries on with the new one.
    await waitFor(() => Date.now() > before.access_expires_at.getTime() + 500, { intervalMs: 250 });
    expect((await call('GET', '/api/identity/me', { cookie })).status).toBe(200);
  });

  it('ends a session left idle too long, or past its absolute lifetime, and clears the cookie', async () => {
    for (const column of ['last_used_at', 'expires_at']) {
      const { cookie } = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
      // "A day later": the session's own clock columns moved back, instead of waiting a day.
      await gatewayDb.query(
        `UPDATE gateway_sessions SET ${column} = ${column} - interval '30 days'
         WHERE created_at = (SELECT max(created_at) FROM gateway_sessions)`,
      );
      const res = await call('GET', '/api/session', { cookie });
      expect({ column, status: res.status, code: res.body['code'] }).toEqual({
        column,
        status: 401,
        code: 'session-expired',
      });
      expect(res.headers.getSetCookie().join()).toMatch(new RegExp(`${COOKIE}=;`));
      expect((await call('GET', '/api/identity/me', { cookie })).status).toBe(401);
    }
  });

  it('logs out: the session and its refresh token end', async () => {
    const password = 'logout test password 17';
    const accountId = await newAccount('logout@example.vn', password);
    const { cookie, csrf } = await signIn('logout@example.vn', password);
    const out = await call('DELETE', '/api/session', { cookie, csrf });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join()).toMatch(new RegExp(`${COOKIE}=;`));
    expect((await call('GET', '/api/session', { cookie })).body).toMatchObject({ code: 'session-required' });
    expect((await call('GET', '/api/identity/me', { cookie })).status).toBe(401);
    const families = await identityDb.query(
      `SELECT revoked_reason FROM refresh_token_families WHERE account_id = $1`,
      [accountId],
    );
    expect(families.rows).toEqual([{ revoked_reason: 'logout' }]);
  });

  it('logs out everywhere: every browser session and every refresh token of the account', async () => {
    const password = 'everywhere test password 17';
    await newAccount('everywhere@example.vn', password);
    const neighbour = 'neighbour@example.vn';
    await newAccount(neighbour, password);
    const phone = await signIn('everywhere@example.vn', password);
    const laptop = await signIn('everywhere@example.vn', password);
    const theirs = await signIn(neighbour, password);
    const app = (await (
      await fetch(`${e2e.platform.urls['identity']}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ identifier: 'everywhere@example.vn', password }),
      })
    ).json()) as { refreshToken: string };

    expect((await call('DELETE', '/api/sessions', { cookie: phone.cookie })).body).toMatchObject({
      code: 'csrf-refused',
    });
    const out = await call('DELETE', '/api/sessions', { cookie: phone.cookie, csrf: phone.csrf });
    expect(out.status).toBe(204);
    for (const session of [phone, laptop]) {
      expect((await call('GET', '/api/session', { cookie: session.cookie })).status).toBe(401);
    }
    const refreshed = await fetch(`${e2e.platform.urls['identity']}/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: app.refreshToken }),
    });
    expect(await refreshed.json()).toMatchObject({ status: 401, code: 'refresh-token-revoked' });
    expect((await call('GET', '/api/session', { cookie: theirs.cookie })).status).toBe(200);
  });

  it('changes the password within the session: it carries on, the account’s other sessions end', async () => {
    const password = 'password change test 17 original';
    await newAccount('newpass@example.vn', password);
    const here = await signIn('newpass@example.vn', password);
    const elsewhere = await signIn('newpass@example.vn', password);
    // Identity's own route would hand the new tokens to page script and end this very session: refused.
    const direct = await call('POST', '/api/identity/me/password', {
      cookie: here.cookie,
      csrf: here.csrf,
      body: { currentPassword: password, newPassword: 'mật khẩu mới của cổng thông tin 17' },
    });
    expect(direct.body).toMatchObject({ status: 403, code: 'use-session-endpoint' });
    const changed = await call('POST', '/api/session/password', {
      cookie: here.cookie,
      csrf: here.csrf,
      body: { currentPassword: password, newPassword: 'mật khẩu mới của cổng thông tin 17' },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ account: { email: 'newpass@example.vn' } });
    expect(changed.text).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]+|refreshToken|accessToken/);
    expect((await call('GET', '/api/identity/me', { cookie: here.cookie })).status).toBe(200);
    expect((await call('GET', '/api/session', { cookie: elsewhere.cookie })).status).toBe(401);
    expect(
      (await call('POST', '/api/session', { body: { identifier: 'newpass@example.vn', password } })).status,
    ).toBe(401);
  });

  it('streams bodies both ways: a 1.7 MB CSV upload past its own body limit, and the live inbox', async () => {
    const { cookie, csrf } = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const header =
      'Tên chủ thể,Loại chủ thể,Mã số thuế,Người đại diện,Nữ,Dân tộc thiểu số,Địa chỉ,Mã xã,Bản đồ hành chính,Điện thoại';
    const street = `"Ấp Phú Thạnh, ${'đường liên xã '.repeat(20)}"`;
    const rows = Array.from(
      { length: 4000 },
      (_, i) =>
        `"Hợp tác xã Dừa số ${i}",Hợp tác xã,${String(7_100_000_000 + i)},Nguyễn Thị Lan,,không,${street},28882,2022,0275 3822 123`,
    );
    const csv = `${[header, ...rows].join('\r\n')}\r\n`;
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1024 * 1024);
    const res = await fetch(`${gateway}/api/catalogue/imports/producers/dry-run`, {
      method: 'POST',
      headers: {
        origin: gateway,
        cookie: `${COOKIE}=${cookie}`,
        'x-csrf-token': csrf,
        'content-type': 'text/csv; charset=utf-8',
      },
      body: csv,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dryRun: true, rows: 4000 });

    // The inbox's server-sent events: the answer starts at once and stays open (no body is buffered).
    const aborter = new AbortController();
    try {
      const stream = await fetch(`${gateway}/api/notifications/inbox/stream`, {
        headers: { cookie: `${COOKIE}=${cookie}` },
        signal: aborter.signal,
      });
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    } finally {
      aborter.abort();
    }
  });

  it('serves one API reference with every service’s paths under its prefix', async () => {
    const res = await call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body['paths'] as Record<string, unknown>);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/session', '/api/sessions', '/api/identity/auth/login']),
    );
    for (const service of ['identity', 'catalogue', 'traceability', 'rating', 'notifications', 'lookup']) {
      const own = (await (await fetch(`${e2e.platform.urls[service]}/docs/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      const expected = Object.keys(own.paths).map((p) => `/api/${service}${p}`);
      expect({ service, missing: expected.filter((p) => !paths.includes(p)) }).toEqual({
        service,
        missing: [],
      });
    }
    expect(res.body['x-unavailable-services']).toBeUndefined();
    // Every reference points at a schema the merged document has.
    const schemas = (res.body['components'] as { schemas: Record<string, unknown> }).schemas;
    const refs = [...res.text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => !(r in schemas))).toEqual([]);
    // The reference page loads the merged document from /api/openapi.json (it has none inline).
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(`${gateway}/api/docs`);
      await page.getByText('/api/identity/auth/login').first().waitFor();
      await page.getByText('/api/lookup', { exact: false }).first().waitFor();
    } finally {
      await browser.close();
    }
  });

  it('counts each person behind it: identity’s sign-ups per address are the person’s, not the gateway’s', async () => {
    const register = (n: number, address: string) =>
      call('POST', '/api/identity/registrations', {
        headers: { 'x-forwarded-for': address },
        body: {
          type: 'enterprise',
          taxCode: `03101${String(n).padStart(5, '0')}`,
          name: `Công ty Dừa ${n}`,
          communeCode: '28756',
          fullName: `Người đăng ký ${n}`,
          email: `dua${n}@example.vn`,
          password: `dừa xiêm Bến Tre ngọt lịm số ${n}`,
        },
      });
    for (let n = 1; n <= 5; n++) expect((await register(n, '198.51.100.7')).status).toBe(202);
    const sixth = await register(6, '198.51.100.7');
    expect(sixth.status).toBe(429);
    expect(sixth.body['code']).toBe('too-many-requests');
    // Someone else, through the same gateway, is still welcome.
    expect((await register(7, '198.51.100.8')).status).toBe(202);
  });

  it('answers with a problem of its own when a service is down', async () => {
    const { cookie } = await signIn(BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    await e2e.platform.kill('rating');
    const res = await call('GET', '/api/rating/health/ready', {
      cookie,
      headers: { 'x-request-id': 'portal-req-17-down' },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'service-unavailable', service: 'rating' });
    expect(res.headers.get('x-request-id')).toBe('portal-req-17-down');
    await e2e.platform.restart('rating');
    await waitFor(async () => (await call('GET', '/api/rating/health/ready')).status === 200);
  });
});
