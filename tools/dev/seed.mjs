// Development data for `npm start`: the Bến Tre demo story of apps/platform-e2e/src/story, run through the
// services' own APIs (never by writing into their databases): accounts, the 21 real sample products, their
// historical certificates, one product rated 4★ by the councils, its orchard's code, a released batch with EPCIS
// harvest and packing events, 100 signed units and their labels. Idempotent: what already exists is reused.
// The end-to-end suite (apps/platform-e2e) walks the same story step by step.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { services } from './services.mjs';

const root = new URL('../..', import.meta.url).pathname;
const demoAccounts = JSON.parse(
  readFileSync(new URL('../../apps/platform-e2e/src/story/demo-accounts.json', import.meta.url), 'utf8'),
);
const publicFields = ({ email, password, displayName, roles, scope }) => ({
  email,
  password,
  displayName,
  roles,
  ...(scope ? { scope } : {}),
});

/** The producer account of Công ty TNHH XNK Trái cây Chánh Thu, the story's producer. */
export const demoProducerAccount = publicFields(demoAccounts.producers[0]);
/** Every other development account: officers (province, district, commune), council, retailer, other producers. */
export const devAccounts = [...demoAccounts.staff, ...demoAccounts.producers.slice(1)].map(publicFields);

/** The other services' URLs, from identity's (npm start runs every service at PORT_BASE + its offset). */
function urlsFrom(identityUrl) {
  const base = Number(new URL(identityUrl).port) - 1;
  const at = (name, fallbackPort) =>
    `http://127.0.0.1:${base + ((services.find((s) => s.name === name)?.port ?? fallbackPort) - 3000)}`;
  return {
    identity: identityUrl,
    catalogue: at('catalogue', 3002),
    traceability: at('traceability', 3003),
    rating: at('rating', 3004),
    notifications: at('notifications', 3005),
    lookup: at('lookup', 3006),
  };
}

function runStory(input) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        '-r',
        'tsconfig-paths/register',
        '-r',
        './tools/dev/require-csv.cjs',
        'apps/platform-e2e/src/story/cli.ts',
        JSON.stringify(input),
      ],
      {
        cwd: root,
        env: { ...process.env, TS_NODE_PROJECT: 'apps/platform-e2e/tsconfig.spec.json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => {
      err += d;
      if (process.env.SEED_VERBOSE) process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`Seed: the demo story failed (${code}):\n${err || out}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch {
        reject(new Error(`Seed: the demo story printed no result:\n${out}\n${err}`));
      }
    });
  });
}

/**
 * Seeds the complete demo. Returns the counts start.mjs has always printed (products, publicProducts, producers,
 * sampleProduct) and, new: consumerUrl (the lookup page of a real unit), accounts (every login with its password),
 * counts, certificate, growingArea, batch. `urls` may name every service; by default they follow identityUrl.
 */
export async function seed({ identityUrl, catalogueUrl, admin, urls }) {
  if (!catalogueUrl && !urls) return {};
  const all = { ...urlsFrom(identityUrl), ...(catalogueUrl ? { catalogue: catalogueUrl } : {}), ...urls };
  const result = await runStory({ urls: all, admin });
  return {
    ...result,
    products: result.counts.products,
    publicProducts: result.counts.publicProducts,
    producers: result.counts.producers,
  };
}
