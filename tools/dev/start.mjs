#!/usr/bin/env node
// `npm start`: build every service and the portal, create databases and run migrations, start each service as its
// own process, wait until all are ready, seed the development data, print where to look. Ctrl-C stops all.
//   --no-build   use what is in dist/ (the smoke test builds once before)
//   --no-seed    start empty
import { preflight } from './preflight.mjs';
import { Platform, run } from './platform.mjs';
import { seed, devAccounts, demoProducerAccount } from './seed.mjs';
import { localPlatformOptions, services, serviceEnv } from './services.mjs';

const args = new Set(process.argv.slice(2));
const local = localPlatformOptions();
const options = {
  ...local,
  // The mail catcher: SMTP for the notifications service, and a page to read what it sent.
  mail: { smtpPort: local.portBase + 25, httpPort: local.portBase + 80 },
};

const platform = new Platform(options);
let shuttingDown = false;

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  console.log('\nStopping OCOP Trace…');
  const results = await platform.stop();
  const unclean = results.filter((r) => !r.clean).map((r) => r.name);
  if (unclean.length) console.error(`Did not stop cleanly: ${unclean.join(', ')}`);
  else console.log('All services stopped cleanly.');
  process.exit(unclean.length ? 1 : code);
}

async function main() {
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  platform.onCrash = () => shutdown(1);
  await preflight();
  if (!args.has('--no-build')) {
    console.log('Building services…');
    await run(
      'npx',
      [
        'nx',
        'run-many',
        '-t',
        'build',
        // The portal is the gateway's static files (apps/portal, decision 0052): built with the services.
        `--projects=${[...services.map((s) => s.name), 'portal'].join(',')}`,
        '--outputStyle=static',
      ],
      {
        env: { NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
        quiet: true,
      },
    );
  }

  console.log('Creating databases and running migrations…');
  await platform.migrate();
  await platform.start();
  await platform.waitUntilReady();

  const identity = services.find((s) => s.name === 'identity');
  const idEnv = serviceEnv(identity, options);
  const admin = { email: idEnv.BOOTSTRAP_ADMIN_EMAIL, password: idEnv.BOOTSTRAP_ADMIN_PASSWORD };
  const catalogue = services.find((s) => s.name === 'catalogue');
  const seeded = args.has('--no-seed')
    ? {}
    : await seed({
        identityUrl: platform.urlOf(identity),
        catalogueUrl: catalogue && platform.urlOf(catalogue),
        admin,
      });

  const gateway = services.find((s) => s.name === 'gateway');
  const portal = platform.urlOf(gateway);
  const rows = services
    .filter((s) => s !== gateway)
    .map((s) => `  ${s.name.padEnd(14)} ${platform.urlOf(s).padEnd(24)} docs: ${platform.urlOf(s)}/docs`);
  const accounts = [{ ...admin, roles: ['admin'] }, ...devAccounts, demoProducerAccount].map(
    (a) => `  ${a.roles.join(',').padEnd(10)} ${a.email.padEnd(30)} ${a.password}`,
  );
  console.log(
    [
      '',
      'OCOP Trace is running.',
      '',
      `Portal (one address for everything; sign in with an account below): ${portal}`,
      `  API reference of the whole platform: ${portal}/api/docs`,
      `  Sign in: POST ${portal}/api/session {"identifier","password"} → session cookie; APIs under ${portal}/api/<service>/…`,
      '',
      'Services (direct, for development):',
      ...rows,
      '',
      'Development accounts (role, login, password):',
      ...accounts,
      ...(seeded.products
        ? [
            '',
            `Demo catalogue: ${seeded.products} real Bến Tre OCOP products of ${seeded.producers} producers (${seeded.publicProducts} public).`,
            `  ${platform.urlOf(catalogue)}/catalogue/products?q=keo%20dua`,
            ...(seeded.sampleProduct
              ? [`  ${platform.urlOf(catalogue)}/catalogue/products/${seeded.sampleProduct.productId}`]
              : []),
          ]
        : []),
      ...(seeded.consumerUrl
        ? [
            '',
            `Scan a real unit (the consumer page): ${seeded.consumerUrl}`,
            `Certificate ${seeded.certificate.number} (${seeded.certificate.stars}★): ${seeded.certificate.verifyUrl ?? ''}`,
            `Batch ${seeded.batch.lot}: ${seeded.counts.units} signed units from growing area ${seeded.growingArea.code}; ${seeded.counts.importedCertificates} historical certificates imported.`,
            ...(seeded.historicalRound
              ? [
                  `Rounds: "${seeded.historicalRound.name}" (${seeded.historicalRound.rules}), and the current one under QĐ 1489 (xã Chợ Lách proposes, Vĩnh Long's council scores).`,
                ]
              : []),
          ]
        : []),
      ...(platform.mailUrl ? ['', `Mail catcher (every mail the platform sends): ${platform.mailUrl}`] : []),
      '',
      'Logs: .dev/logs/<service>.log — press Ctrl-C to stop everything.',
      '',
    ].join('\n'),
  );
}

main().catch(async (err) => {
  console.error(`\nnpm start failed: ${err.message}`);
  await shutdown(1);
});
