import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;

// The platform's services as the dev runner, the smoke test, docker-compose and the benchmarks know them: the one
// source of how a service is launched (a check in `npm test`, tools/ci/launch-check.mjs, keeps it so).

/**
 * Node.js memory settings by what a service does, chosen by measurement (docs/decisions/0030-node-memory-per-service.md).
 * `quiet` services are I/O-bound and mostly idle: a 2 MB young-generation semi-space keeps each about 20 MB smaller
 * at rest. `bulk` (traceability) takes large documents and label jobs: 8 MB took capture from ~5,500 to ~8,100
 * events/s and label jobs up ~20% for ~8 MB more at rest. `throughput` (lookup answers every scan): V8's own 64-bit
 * maximum, since with 2 MB the scavenges cost lookup about a third of its rate.
 */
export const memoryProfiles = {
  quiet: ['--max-semi-space-size=2'],
  bulk: ['--max-semi-space-size=8'],
  throughput: ['--max-semi-space-size=16'],
};

// A new service plugs in by adding one line here (and its app under apps/). `events: false`: it neither publishes
// nor consumes events (no dead letters to list). `public: true`: people and scanners reach it directly (the resolver
// and the gateway); every other service is reached only through the gateway, whose X-Forwarded-For it trusts
// (HTTP_TRUST_PROXY=1), so that per-address budgets count each person, not the gateway (decision 0053).
export const services = [
  { name: 'identity', port: 3001, memory: 'quiet' },
  { name: 'catalogue', port: 3002, memory: 'quiet' },
  { name: 'traceability', port: 3003, memory: 'bulk' },
  { name: 'rating', port: 3004, memory: 'quiet' },
  { name: 'notifications', port: 3005, memory: 'quiet' },
  { name: 'lookup', port: 3006, memory: 'throughput', public: true },
  // The portal's front door (the address npm start prints): sessions, and every API above under /api/<service>.
  { name: 'gateway', port: 3000, memory: 'quiet', events: false, public: true },
];

const byName = (name) => {
  const service = services.find((s) => s.name === name);
  if (!service) throw new Error(`no service ${name} in tools/dev/services.mjs`);
  return service;
};

/** The Node.js flags of one service (name or entry). */
export function nodeFlagsOf(service) {
  const s = typeof service === 'string' ? byName(service) : service;
  return ['--enable-source-maps', ...memoryProfiles[s.memory]];
}

/** Where a service's bundle is, relative to the repository root. */
export const bundleOf = (service) =>
  `dist/apps/${typeof service === 'string' ? service : service.name}/main.js`;

/** The command that runs a service, as npm start, docker-compose and every benchmark run it: [node, ...args]. */
export function serviceCommand(service) {
  return ['node', ...nodeFlagsOf(service), bundleOf(service)];
}

/** The command that migrates a service's database (no flags: a short one-off run). */
export function migrateCommand(service) {
  return ['node', bundleOf(service), 'migrate'];
}

/** An operator command of a service's bundle (`dlq list`, `dlq replay <id>`, `rebuild`…), run once. */
export function operatorCommand(service, args) {
  return ['node', bundleOf(service), ...args];
}

/**
 * Where the local platform lives (`npm start`, `npm run db:migrate`, `npm run dlq`): the port base, database
 * prefix and event namespace, each overridable by the environment (README).
 */
export function localPlatformOptions() {
  return {
    portBase: Number(process.env.PORT_BASE ?? 3000),
    dbPrefix: process.env.DB_PREFIX ?? 'ocop',
    namespace: process.env.EVENT_NAMESPACE ?? 'ocop',
  };
}

/**
 * What benchmarks change of a service's environment, on top of serviceEnv, and why: the load comes from one
 * address, so the per-client limits would measure themselves. The benchmark table names these.
 */
export const benchEnvOverrides = {
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PUBLIC_PER_MINUTE: '0',
  RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '0',
};

/** Environment of one service when run locally. Every value here is a development default named in README. */
export function serviceEnv(
  service,
  { portBase = 3000, dbPrefix = 'ocop', namespace = 'ocop', pgUrl, natsUrl, smtpUrl } = {},
) {
  const port = portBase + (service.port - 3000);
  const identityPort = portBase + 1;
  const pg = new URL(pgUrl ?? process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  pg.pathname = `/${dbPrefix}_${service.name}`;
  return {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: pg.toString(),
    NATS_URL: natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    EVENT_NAMESPACE: namespace,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    IDENTITY_JWKS_URL: `http://127.0.0.1:${identityPort}/.well-known/jwks.json`,
    // The lookup service (port 3006) is the GS1 resolver: labels and certificates point at it.
    LOOKUP_BASE_URL: `http://127.0.0.1:${portBase + 6}`,
    RESOLVER_BASE_URL: `http://127.0.0.1:${portBase + 6}`,
    ...(service.public ? {} : { HTTP_TRUST_PROXY: '1' }),
    ...(service.name === 'notifications'
      ? {
          // The platform runner's mail catcher; retailers' webhooks may point at this machine in development.
          SMTP_URL: smtpUrl ?? 'smtp://127.0.0.1:1025',
          WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
        }
      : {}),
    ...(service.name === 'lookup'
      ? {
          // Where the resolver's links to the EPCIS query interface and to rating point.
          TRACEABILITY_PUBLIC_URL: `http://127.0.0.1:${portBase + 3}`,
          RATING_PUBLIC_URL: `http://127.0.0.1:${portBase + 4}`,
        }
      : {}),
    ...(service.name === 'gateway'
      ? {
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          // Development serves the portal over plain http, where a Secure cookie would never come back.
          SESSION_COOKIE_SECURE: 'false',
          ...Object.fromEntries(
            services
              .filter((s) => s.name !== 'gateway')
              .map((s) => [`${s.name.toUpperCase()}_URL`, `http://127.0.0.1:${portBase + (s.port - 3000)}`]),
          ),
        }
      : {}),
    ...(service.name === 'identity'
      ? {
          BOOTSTRAP_ADMIN_EMAIL: 'admin@ocop.local',
          BOOTSTRAP_ADMIN_PASSWORD: 'Admin-ocop-2026!',
          // The demo admin (README) works at once, and the seed signs in with it; production always changes it.
          BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN: 'false',
        }
      : {}),
  };
}

/**
 * The @ProductionSecret properties of a service's config class, read from its source (apps/<service>/src/config.ts):
 * the decorators above a property line belong to it. `optional` ones (`NAME?:`) are checked when set; the others
 * production requires. The compose check and the benchmarks' environment both read them here.
 */
export function productionSecretsOf(service) {
  const lines = readFileSync(`${root}/apps/${service}/src/config.ts`, 'utf8').split('\n');
  const secrets = [];
  let decorators = [];
  for (const line of lines) {
    const decorator = /^\s*@(\w+)/.exec(line);
    if (decorator) {
      decorators.push(decorator[1]);
      continue;
    }
    const property = /^\s+(?:override\s+)?([A-Z][A-Z0-9_]*)(\?)?!?\s*[:=;]/.exec(line);
    if (property) {
      if (decorators.includes('ProductionSecret'))
        secrets.push({ name: property[1], optional: !!property[2] });
      decorators = [];
    }
  }
  return secrets;
}

/** One fresh random value per secret and run, the same for every service: identity seals mails notifications opens. */
const runSecrets = new Map();
const runSecret = (name) => {
  if (!runSecrets.has(name)) runSecrets.set(name, randomBytes(32).toString('base64url'));
  return runSecrets.get(name);
};

/**
 * A service's environment in a benchmark: as deployed by docker-compose (NODE_ENV=production, real secrets — fresh
 * random ones each run, never a published value), on the benchmark's own database and namespace (serviceEnv's
 * options), with only benchEnvOverrides changed.
 */
export function benchEnv(service, options = {}) {
  const s = typeof service === 'string' ? byName(service) : service;
  // Development conveniences that production refuses.
  const {
    WEBHOOK_ALLOW_PRIVATE_URLS: _private,
    BOOTSTRAP_ADMIN_CHANGE_AT_FIRST_LOGIN: _firstLogin,
    SESSION_COOKIE_SECURE: _plainHttpCookie,
    ...env
  } = serviceEnv(s, options);
  return {
    ...env,
    NODE_ENV: 'production',
    ...Object.fromEntries(productionSecretsOf(s.name).map(({ name }) => [name, runSecret(name)])),
    ...benchEnvOverrides,
  };
}
