#!/usr/bin/env node
// There is no Docker engine here, so docker-compose.yml cannot be started in CI. This check keeps it true to
// `npm start` instead: every service the dev runner starts is in compose with the same port and database, a
// health check on /health/ready, and a migration in the one-shot `migrate` step. It also keeps compose from
// running production on public secrets: every secret a service's configuration declares (@ProductionSecret in
// apps/<service>/src/config.ts) reaches that service and the migrate step as `${NAME:?message}`, so that compose
// refuses to start without it, and no secret variable anywhere has a fallback value.
// Usage: node tools/ci/compose-check.mjs [compose file]   (default: docker-compose.yml)
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { migrateCommand, productionSecretsOf, serviceCommand, services } from '../dev/services.mjs';

const root = new URL('../..', import.meta.url).pathname;
const composeFile = process.argv[2] ?? `${root}/docker-compose.yml`;
const compose = parse(readFileSync(composeFile, 'utf8'), { merge: true });
const problems = [];
const migrate = [compose.services?.migrate?.command].flat().join(' ');

// Named like a secret (as service-kit's masking knows them), or declared one by a service.
const SECRET_NAME =
  /(SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIALS?|API_?KEY|PRIVATE_KEY)(_FILE|_PEM|_B64|_BASE64)?$/i;
const requiredForm = (name, value) =>
  typeof value === 'string' && new RegExp(`^\\$\\{${name}:\\?[^}]+\\}$`).test(value);
const declaredSecrets = new Map(services.map((s) => [s.name, productionSecretsOf(s.name)]));
const secretNames = new Set([...declaredSecrets.values()].flat().map((s) => s.name));
if (secretNames.size === 0)
  problems.push(
    'no @ProductionSecret found in apps/*/src/config.ts: the secret checks below would check nothing',
  );

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
  // Only the public services publish a port; the others are reached through the gateway and trust its
  // X-Forwarded-For, which a caller reaching them directly could write itself (decision 0053).
  const published = Array.isArray(c.ports) && c.ports.length > 0;
  if (s.public && !published) problems.push(`${s.name}: public in npm start, but compose publishes no port`);
  if (!s.public && published)
    problems.push(`${s.name}: reached only through the gateway, yet compose publishes its port`);
  if (!s.public && String(env.HTTP_TRUST_PROXY) !== '1')
    problems.push(
      `${s.name}: behind the gateway, so it needs HTTP_TRUST_PROXY: 1 (or it counts the gateway)`,
    );
  if (s.public && env.HTTP_TRUST_PROXY !== undefined)
    problems.push(`${s.name}: public, so it must not trust a caller's X-Forwarded-For`);
}
for (const name of Object.keys(compose.services ?? {})) {
  if (!['postgres', 'nats', 'migrate', 'mailpit'].includes(name) && !services.some((s) => s.name === name)) {
    problems.push(`${name}: in docker-compose.yml but not started by npm start (tools/dev/services.mjs)`);
  }
}

// Secrets: required where they are needed, and never with a value or a fallback anywhere.
for (const [service, secrets] of declaredSecrets) {
  const env = compose.services?.[service]?.environment ?? {};
  const migrateEnv = compose.services?.migrate?.environment ?? {};
  for (const { name, optional } of secrets) {
    if (!optional && !(name in env)) problems.push(`${service}: ${name} is not set (production requires it)`);
    if (!optional && !(name in migrateEnv))
      problems.push(`migrate: ${name} is not set (the migrate step validates ${service}'s configuration)`);
  }
}
for (const [service, definition] of Object.entries(compose.services ?? {})) {
  for (const [name, value] of Object.entries(definition?.environment ?? {})) {
    if ((SECRET_NAME.test(name) || secretNames.has(name)) && !requiredForm(name, value))
      problems.push(
        `${service}: ${name} must be \${${name}:?message} (no value, no fallback), not ${JSON.stringify(value)}`,
      );
  }
}
const fallback = /\$\{(\w+)(:?-)[^}]*\}/g;
for (const match of readFileSync(composeFile, 'utf8').matchAll(fallback)) {
  if (SECRET_NAME.test(match[1]) || secretNames.has(match[1]))
    problems.push(`${match[0]}: a secret with a fallback value (use \${${match[1]}:?message})`);
}
if (problems.length) {
  console.error(
    `docker-compose.yml disagrees with npm start, or would run on public secrets:\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(`docker-compose.yml matches npm start for ${services.length} service(s)`);
