#!/usr/bin/env node
// `npm run dlq -- <service> list | replay <id> | replay --all`: the dead letters of one service of the local
// platform (DB_PREFIX, EVENT_NAMESPACE, as npm start), through the service's own operator command
// (`main.js dlq …`, which a deployment runs the same way). `npm run dlq` alone lists every service's.
import { spawnSync } from 'node:child_process';
import { localPlatformOptions, operatorCommand, serviceEnv, services } from '../dev/services.mjs';

const root = new URL('../..', import.meta.url).pathname;
const USAGE = `usage: npm run dlq -- [<service> list | <service> replay <id> | <service> replay --all]
services: ${services
  .filter((s) => s.events !== false)
  .map((s) => s.name)
  .join(', ')}`;

const [name, ...args] = process.argv.slice(2);
const options = localPlatformOptions();

function dlq(service, dlqArgs) {
  const [node, ...rest] = operatorCommand(service, ['dlq', ...dlqArgs]);
  const result = spawnSync(node, rest, {
    cwd: root,
    env: { ...process.env, ...serviceEnv(service, options), LOG_LEVEL: 'warn' },
    stdio: 'inherit',
  });
  return result.status ?? 1;
}

if (name === undefined) {
  let worst = 0;
  for (const service of services.filter((s) => s.events !== false)) {
    process.stdout.write(`${service.name}: `);
    worst = Math.max(worst, dlq(service, ['list']));
  }
  process.exit(worst);
}
const service = services.find((s) => s.name === name && s.events !== false);
if (!service || args.length === 0) {
  console.error(USAGE);
  process.exit(2);
}
process.exit(dlq(service, args));
