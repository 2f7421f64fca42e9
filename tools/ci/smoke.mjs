#!/usr/bin/env node
// Start smoke test: `npm start` (from the already built dist/) brings every service to ready, answers health,
// then stops cleanly on SIGINT. Runs on its own ports, databases and NATS namespace, and removes them after.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { dropDatabases, deleteStreams } from '../dev/cleanup.mjs';
import { services } from '../dev/services.mjs';

/**
 * A port base whose gateway port (+0), service ports (+1…+6) and mail catcher ports (+25, +80) are free: CI runs may
 * overlap. Below Linux's ephemeral range (32768–60999 here): a port there can be taken, between this check and the
 * service's listen, as the local end of any outgoing connection, which on a busy machine happened (EADDRINUSE).
 * The browser tests' platforms pick theirs between 20000 and 32000 (apps/platform-e2e support/platform.ts).
 */
async function freePortBase() {
  const free = (port) =>
    new Promise((resolve) => {
      const server = createServer()
        .once('error', () => resolve(false))
        .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = 11_000 + Math.floor(Math.random() * 8_000);
    const ports = [0, 1, 2, 3, 4, 5, 6, 25, 80].map((offset) => base + offset);
    if ((await Promise.all(ports.map(free))).every(Boolean)) return base;
  }
  throw new Error('no free port base between 11000 and 19080');
}

const id = randomBytes(4).toString('hex');
const env = {
  ...process.env,
  PORT_BASE: process.env.SMOKE_PORT_BASE ?? String(await freePortBase()),
  DB_PREFIX: `t_smoke_${id}`,
  EVENT_NAMESPACE: `tsmoke${id}`,
  LOG_LEVEL: 'warn',
};
const root = new URL('../..', import.meta.url).pathname;

async function cleanup() {
  await dropDatabases(env.DB_PREFIX);
  await deleteStreams(env.EVENT_NAMESPACE);
}

function smoke() {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn('node', ['tools/dev/start.mjs', '--no-build'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`platform not ready within 300 s:\n${output}`));
    }, 300_000);
    child.stdout.on('data', async (d) => {
      output += d;
      if (!ready && output.includes('OCOP Trace is running.')) {
        ready = true;
        const readyMs = Date.now() - started;
        try {
          for (const s of services) {
            const port = Number(env.PORT_BASE) + (s.port - 3000);
            for (const path of ['/health/live', '/health/ready', '/metrics', '/docs/openapi.json']) {
              const res = await fetch(`http://127.0.0.1:${port}${path}`);
              if (!res.ok) throw new Error(`${s.name} ${path} answered ${res.status}`);
            }
          }
          // The portal's page at the address npm start prints (the gateway serves the built app).
          const portal = await fetch(`http://127.0.0.1:${Number(env.PORT_BASE)}/dang-nhap`);
          const page = await portal.text();
          if (!portal.ok || !page.includes('<div id="root">'))
            throw new Error(`the portal's sign-in page answered ${portal.status}: ${page.slice(0, 200)}`);
        } catch (err) {
          child.kill('SIGKILL');
          clearTimeout(timer);
          return reject(err);
        }
        child.kill('SIGINT');
        child.on('exit', (code) => {
          clearTimeout(timer);
          if (code === 0 && output.includes('All services stopped cleanly.')) resolve(readyMs);
          else reject(new Error(`npm start did not stop cleanly (exit ${code}):\n${output}`));
        });
      }
    });
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`npm start exited ${code} before ready:\n${output}`));
      }
    });
  });
}

try {
  const ms = await smoke();
  console.log(
    `smoke: ${services.length} service(s) ready in ${ms} ms (incl. migrations and seed), stopped cleanly`,
  );
} catch (err) {
  console.error(`smoke: FAILED — ${err.message}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
