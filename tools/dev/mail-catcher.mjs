#!/usr/bin/env node
// A development mail catcher: an SMTP server that accepts every mail and keeps it in memory, and a web page that
// lists what arrived. `npm start` runs it so that notification mails can be read without a real mail server.
//   node tools/dev/mail-catcher.mjs [--smtp-port 1025] [--http-port 1080]
// Nothing leaves the machine: both servers listen on 127.0.0.1 only, and mails are lost when it stops.
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { simpleParser } from 'mailparser';
import smtp from 'smtp-server';

const { SMTPServer } = smtp;

/** Mails kept; the oldest go first, so a long-running catcher does not grow without bound. */
const MAX_MESSAGES = 500;
/** Largest mail accepted: far above any notice, far below a problem. */
const MAX_MAIL_BYTES = 10 * 1024 * 1024;

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * Mail HTML is shown in a sandboxed iframe (srcdoc, no scripts, no same origin): a mail can neither run code on
 * this page nor reach its data, whatever it contains.
 */
function page(messages) {
  const rows = [...messages]
    .reverse()
    .map(
      (m) => `
  <article>
    <h2>${escapeHtml(m.subject || '(no subject)')}</h2>
    <p><b>To:</b> ${escapeHtml(m.to.join(', '))} · <b>From:</b> ${escapeHtml(m.from)} ·
       <b>Date:</b> ${escapeHtml(m.date)} · <b>Message-ID:</b> ${escapeHtml(m.messageId)}</p>
    <details open><summary>Text</summary><pre>${escapeHtml(m.text)}</pre></details>
    ${m.html ? `<details><summary>HTML</summary><iframe sandbox="" srcdoc="${escapeHtml(m.html)}"></iframe></details>` : ''}
  </article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Mail catcher — OCOP Trace (${messages.length})</title>
<meta http-equiv="refresh" content="10">
<style>
  body { font-family: sans-serif; margin: 2rem; max-width: 60rem; }
  article { border-top: 1px solid #ccc; padding: .5rem 0; }
  pre { white-space: pre-wrap; background: #f6f6f6; padding: .5rem; }
  iframe { width: 100%; height: 24rem; border: 1px solid #ccc; }
</style></head>
<body>
<h1>Thư đã nhận / Received mail (${messages.length})</h1>
<p>Mới nhất ở trên; trang tự tải lại mỗi 10 giây. <a href="/messages.json">JSON</a> ·
   <form method="post" action="/clear" style="display:inline"><button>Xoá hết / Clear</button></form></p>
${rows || '<p>Chưa có thư nào / No mail yet.</p>'}
</body></html>`;
}

/**
 * Starts the SMTP server and the web page. Returns `close()` and `messages()` (parsed mails, oldest first) so
 * that tools and tests can use it in-process; ports 0 pick free ones (see `smtpPort`/`httpPort` of the result).
 */
export async function startMailCatcher({
  smtpPort = 1025,
  httpPort = 1080,
  host = '127.0.0.1',
  log = () => {},
} = {}) {
  const messages = [];

  const smtpServer = new SMTPServer({
    // Development only: no TLS, no login; any sender and recipient is accepted.
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    size: MAX_MAIL_BYTES,
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const message = {
            id: messages.length ? messages[messages.length - 1].id + 1 : 1,
            messageId: mail.messageId ?? '',
            deliveryId: String(mail.headers.get('x-ocop-delivery-id') ?? ''),
            from: mail.from?.text ?? session.envelope.mailFrom?.address ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            date: (mail.date ?? new Date()).toISOString(),
            text: mail.text ?? '',
            html: typeof mail.html === 'string' ? mail.html : '',
          };
          messages.push(message);
          if (messages.length > MAX_MESSAGES) messages.shift();
          log(`mail to ${message.to.join(', ')}: ${message.subject}`);
          callback();
        })
        .catch((err) => callback(err));
    },
  });
  await new Promise((resolve, reject) => {
    smtpServer.once('error', reject);
    smtpServer.listen(smtpPort, host, () => {
      smtpServer.off('error', reject);
      resolve();
    });
  });

  const httpServer = createServer((req, res) => {
    const headers = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };
    if (req.method === 'GET' && req.url === '/messages.json') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(messages));
    } else if (req.method === 'POST' && req.url === '/clear') {
      messages.length = 0;
      res.writeHead(303, { ...headers, location: '/' }).end();
    } else if (req.method === 'GET' && (req.url === '/' || req.url === '')) {
      res.writeHead(200, {
        ...headers,
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-src 'self'",
      });
      res.end(page(messages));
    } else {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(httpPort, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });

  return {
    smtpPort: smtpServer.server.address().port,
    httpPort: httpServer.address().port,
    messages: () => [...messages],
    close: () =>
      Promise.all([
        new Promise((resolve) => smtpServer.close(() => resolve())),
        new Promise((resolve) => {
          httpServer.closeAllConnections?.();
          httpServer.close(() => resolve());
        }),
      ]).then(() => undefined),
  };
}

function portArg(name, fallback) {
  const args = process.argv.slice(2);
  const at = args.indexOf(name);
  const value = Number(at >= 0 ? args[at + 1] : fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`mail-catcher: ${name} must be a port number`);
    process.exit(2);
  }
  return value;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const catcher = await startMailCatcher({
    smtpPort: portArg('--smtp-port', process.env.MAIL_CATCHER_SMTP_PORT ?? 1025),
    httpPort: portArg('--http-port', process.env.MAIL_CATCHER_HTTP_PORT ?? 1080),
    log: (line) => console.log(`mail-catcher: ${line}`),
  });
  console.log(
    `mail-catcher: SMTP on 127.0.0.1:${catcher.smtpPort}, mail at http://127.0.0.1:${catcher.httpPort}/`,
  );
  const stop = () => catcher.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
