#!/usr/bin/env node
// There is no Docker engine here, so docker-compose.yml cannot be started in CI. This check keeps it true to
// `npm start` instead: every service the dev runner starts is in compose with the same port and database, a
// health check on /health/ready, and a migration in the one-shot `migrate` step.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { migrateCommand, serviceCommand, services } from '../dev/services.mjs';

const root = new URL('../..', import.meta.url).pathname;
const compose = parse(readFileSync(`${root}/docker-compose.yml`, 'utf8'));
const problems = [];
const migrate = [compose.services?.migrate?.command].flat().join(' ');

for (const s of services) {
  const c = compose.services?.[s.name];
  if (!c) {
    problems.push(`${s.name}: missing from docker-compose.yml`);
    continue;
  }
  const env = c.environment ?? {};
  if (String(env.PORT) !== String(s.port))
    problems.push(`${s.name}: PORT ${env.PORT} in compose, ${s.port} in npm start`);
  if (!String(env.DATABASE_URL ?? '').endsWith(`/ocop_${s.name}`))
    problems.push(`${s.name}: DATABASE_URL should name ocop_${s.name}`);
  if (!JSON.stringify(c.healthcheck ?? {}).includes(`:${s.port}/health/ready`))
    problems.push(`${s.name}: no /health/ready check on its port`);
  const command = serviceCommand(s);
  if (JSON.stringify(c.command) !== JSON.stringify(command))
    problems.push(`${s.name}: command should be ${JSON.stringify(command)}, as npm start runs it`);
  if (!migrate.includes(`ocop_${s.name} ${migrateCommand(s).join(' ')}`))
    problems.push(`${s.name}: not migrated by the migrate step`);
}
for (const name of Object.keys(compose.services ?? {})) {
  if (!['postgres', 'nats', 'migrate', 'mailpit'].includes(name) && !services.some((s) => s.name === name)) {
    problems.push(`${name}: in docker-compose.yml but not started by npm start (tools/dev/services.mjs)`);
  }
}
if (problems.length) {
  console.error(`docker-compose.yml disagrees with npm start:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`docker-compose.yml matches npm start for ${services.length} service(s)`);
