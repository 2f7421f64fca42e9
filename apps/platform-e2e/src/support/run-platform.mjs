#!/usr/bin/env node
// Runs the platform for the end-to-end suite with the same runner as `npm start` (tools/dev/platform.mjs), as a
// process of its own: jest (ts-jest, CommonJS) cannot import an ES module, and the service list stays in one place
// (tools/dev/services.mjs). Talks JSON lines on stdout: {type: 'ready', urls, services} once every service
// answers /health/ready, {type: 'error', message}, {type: 'crashed', service}, {type: 'stopped', results}.
// SIGTERM, or stdin closing (the test process died), stops every service. Commands on stdin kill and restart one.
//   node run-platform.mjs '{"portBase":…,"dbPrefix":…,"namespace":…,"extraEnv":{…},"logDir":…,"readyTimeoutMs":…}'
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Platform } from '../../../../tools/dev/platform.mjs';
import { bundleOf, services } from '../../../../tools/dev/services.mjs';

const root = new URL('../../../..', import.meta.url).pathname;
const options = JSON.parse(process.argv[2] ?? '{}');
const emit = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

const missing = services.map(bundleOf).filter((f) => !existsSync(join(root, f)));
if (missing.length) {
  emit({
    type: 'error',
    message: `not built: ${missing.join(', ')}. Build first: npx nx run-many -t build --projects=tag:type:app (npm test does)`,
  });
  process.exit(1);
}

const platform = new Platform({ ...options, silent: true });
if (options.logDir) {
  mkdirSync(options.logDir, { recursive: true });
  platform.logDir = options.logDir;
}
platform.onCrash = (service) => emit({ type: 'crashed', service });

let stopping;
function stop(code) {
  stopping ??= platform.stop().then((results) => {
    emit({ type: 'stopped', results });
    process.exit(code);
  });
  return stopping;
}
process.on('SIGTERM', () => stop(0));
process.on('SIGINT', () => stop(0));
process.stdin.on('end', () => stop(0));
// Commands from the test, one JSON line each: {"cmd":"kill"|"restart","service":…} → {type:'done', id} or
// {type:'failed', id, message}. Fault tests kill a service (SIGKILL) mid-flow and bring it back.
let pending = '';
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let newline;
  while ((newline = pending.indexOf('\n')) >= 0) {
    const line = pending.slice(0, newline);
    pending = pending.slice(newline + 1);
    const { id, cmd, service } = JSON.parse(line);
    const work = cmd === 'kill' ? platform.kill(service) : platform.restart(service, options.readyTimeoutMs);
    work.then(
      () => emit({ type: 'done', id }),
      (err) => emit({ type: 'failed', id, message: err instanceof Error ? err.message : String(err) }),
    );
  }
});

try {
  await platform.migrate();
  await platform.start();
  await platform.waitUntilReady(options.readyTimeoutMs);
  emit({
    type: 'ready',
    services: platform.list.map((s) => s.name),
    eventServices: platform.list.filter((s) => s.events !== false).map((s) => s.name),
    urls: Object.fromEntries(platform.list.map((s) => [s.name, platform.urlOf(s)])),
    mailUrl: platform.mailUrl,
  });
} catch (err) {
  emit({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  await stop(1);
}
