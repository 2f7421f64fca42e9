import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';

// Until the portal app is served here (issue 17 item 2), the portal's address answers with this sign-in page: the
// demo accounts work in a browser, and it is the page a browser test reads cookies and storage through.
// Script from this origin only, no framing, no inline code: what a portal page must be held to as well.
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cổng thông tin OCOP / OCOP portal</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 28rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input { width: 100%; padding: .6rem; font-size: 1rem; box-sizing: border-box; }
button { margin-top: 1.25rem; padding: .6rem 1.2rem; font-size: 1rem; }
[role=alert] { color: #a40000; }
.en { color: #555; font-weight: normal; }
</style>
<script src="/signin.js" defer></script>
</head>
<body>
<main>
<h1>Cổng thông tin OCOP <span class="en">/ OCOP portal</span></h1>
<form id="signin" hidden>
<label for="identifier">Thư điện tử hoặc số điện thoại <span class="en">/ E-mail or phone</span></label>
<input id="identifier" name="identifier" autocomplete="username" required>
<label for="password">Mật khẩu <span class="en">/ Password</span></label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Đăng nhập <span class="en">/ Sign in</span></button>
</form>
<section id="session" hidden>
<p>Đã đăng nhập: <strong id="who"></strong> <span class="en">/ Signed in</span></p>
<p><a href="/api/docs">Tài liệu API <span class="en">/ API reference</span></a></p>
<button id="signout" type="button">Đăng xuất <span class="en">/ Sign out</span></button>
</section>
<p id="problem" role="alert"></p>
</main>
</body>
</html>
`;

// The CSRF token lives in this closure only: never in storage, never in a readable cookie.
const SCRIPT = `'use strict';
(() => {
  let csrf;
  const $ = (id) => document.getElementById(id);
  const show = (session) => {
    csrf = session && session.csrfToken;
    $('signin').hidden = !!session;
    $('session').hidden = !session;
    $('who').textContent = session ? (session.account && (session.account.email || session.account.displayName)) || session.accountId : '';
  };
  const problem = async (res) => {
    const body = await res.json().catch(() => ({}));
    $('problem').textContent = body.title || res.statusText;
  };
  fetch('/api/session').then((res) => (res.ok ? res.json().then(show) : show(undefined)));
  $('signin').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('problem').textContent = '';
    const res = await fetch('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ identifier: $('identifier').value, password: $('password').value }),
    });
    if (res.ok) show(await res.json()); else await problem(res);
  });
  $('signout').addEventListener('click', async () => {
    const res = await fetch('/api/session', { method: 'DELETE', headers: { 'x-csrf-token': csrf } });
    if (res.ok) show(undefined); else await problem(res);
  });
})();
`;

@ApiExcludeController()
@Controller()
export class SignInController {
  @Get()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('content-security-policy', CSP)
  @Header('cache-control', 'no-store')
  page(): string {
    return PAGE;
  }

  @Get('signin.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'no-store')
  script(): string {
    return SCRIPT;
  }
}
