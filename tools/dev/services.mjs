// The platform's services as the dev runner, the smoke test and docker-compose know them.

/**
 * How every service's Node.js runs (npm start, docker-compose, benchmarks). A 2 MB young-generation semi-space
 * (V8's default is 16 MB) keeps an idle service ~20 MB smaller; these services are I/O-bound, so the extra
 * scavenges cost nothing measurable (docs/decisions/0011-node-memory.md).
 */
export const nodeFlags = ['--enable-source-maps', '--max-semi-space-size=2'];
// A new service plugs in by adding one line here (and its app under apps/).
export const services = [
  { name: 'identity', port: 3001 },
  { name: 'catalogue', port: 3002 },
  { name: 'traceability', port: 3003 },
  { name: 'rating', port: 3004 },
  { name: 'notifications', port: 3005 },
  { name: 'lookup', port: 3006 },
];

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
