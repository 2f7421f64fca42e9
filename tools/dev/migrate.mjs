#!/usr/bin/env node
// `npm run db:migrate [service…]`: creates each service's database if it is missing and applies its pending
// migrations — the step `npm start` runs before starting the services — against the local platform's databases
// (DB_PREFIX, PG_URL). Services are migrated one after the other so that the output reads in order.
import { run } from './platform.mjs';
import { localPlatformOptions, migrateCommand, serviceEnv, services } from './services.mjs';

const names = process.argv.slice(2);
const unknown = names.filter((n) => !services.some((s) => s.name === n));
if (unknown.length) {
  console.error(
    `Unknown service(s): ${unknown.join(', ')}. Services: ${services.map((s) => s.name).join(', ')}`,
  );
  process.exit(2);
}
const options = localPlatformOptions();
let failed = 0;
for (const service of services.filter((s) => names.length === 0 || names.includes(s.name))) {
  const [node, ...args] = migrateCommand(service);
  try {
    const out = await run(node, args, { env: serviceEnv(service, options), quiet: true });
    process.stdout.write(out.endsWith('\n') ? out : `${out}\n`);
  } catch (err) {
    failed++;
    process.stderr.write(`${service.name}: ${err.message}\n`);
  }
}
process.exit(failed ? 1 : 0);
