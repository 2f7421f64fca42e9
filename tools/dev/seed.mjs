// Development data, created through the services' own APIs (never by writing into their databases):
// accounts in identity, the 21 real Ben Tre sample products in the catalogue, and a producer account bound to
// one of those producers. Idempotent: what already exists is left as it is.
import { spawn } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;
export const devAccounts = [
  {
    email: 'officer@ocop.local',
    password: 'Officer-ocop-2026!',
    displayName: 'Cán bộ OCOP tỉnh Bến Tre',
    roles: ['officer'],
    scope: { provinceCode: '83' },
  },
  {
    email: 'council@ocop.local',
    password: 'Council-ocop-2026!',
    displayName: 'Thành viên Hội đồng',
    roles: ['council'],
  },
  {
    email: 'retailer@ocop.local',
    password: 'Retailer-ocop-2026!',
    displayName: 'Siêu thị Co.op Bến Tre',
    roles: ['retailer'],
  },
];

async function call(base, path, { token, body, method = 'POST' } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  return { status: res.status, json };
}

/** The catalogue's demo seed (apps/catalogue/src/demo/seed-demo.ts) prints its producers and products as JSON. */
function seedCatalogue({ catalogueUrl, token }) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'node',
      [
        '-r',
        'ts-node/register/transpile-only',
        'apps/catalogue/src/demo/seed-demo.ts',
        '--catalogue',
        catalogueUrl,
        '--token',
        token,
      ],
      {
        cwd: root,
        env: { ...process.env, TS_NODE_PROJECT: 'apps/catalogue/tsconfig.app.json' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`catalogue demo seed failed (${code}): ${err || out}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').pop()));
      } catch {
        reject(new Error(`catalogue demo seed printed no result: ${out}`));
      }
    });
  });
}

export const demoProducerAccount = {
  email: 'producer@ocop.local',
  password: 'Producer-ocop-2026!',
  displayName: 'Chủ thể mẫu (Công ty TNHH XNK Trái cây Chánh Thu)',
  roles: ['producer'],
};

export async function seed({ identityUrl, catalogueUrl, admin }) {
  const login = await call(identityUrl, '/auth/login', {
    body: { identifier: admin.email, password: admin.password },
  });
  if (login.status !== 200)
    throw new Error(`Seed: admin login failed (${login.status}): ${JSON.stringify(login.json)}`);
  const token = login.json.accessToken;
  for (const account of devAccounts) {
    const res = await call(identityUrl, '/admin/accounts', { token, body: { language: 'vi', ...account } });
    if (res.status !== 201 && res.status !== 409) {
      throw new Error(`Seed: creating ${account.email} failed (${res.status}): ${JSON.stringify(res.json)}`);
    }
  }
  if (!catalogueUrl) return {};
  const catalogue = await seedCatalogue({ catalogueUrl, token });
  const chanhThu = catalogue.producers.find((p) => p.name.includes('Chánh Thu')) ?? catalogue.producers[0];
  const res = await call(identityUrl, '/admin/accounts', {
    token,
    body: { language: 'vi', ...demoProducerAccount, producerId: chanhThu.producerId },
  });
  if (res.status !== 201 && res.status !== 409) {
    throw new Error(
      `Seed: creating the producer account failed (${res.status}): ${JSON.stringify(res.json)}`,
    );
  }
  return {
    products: catalogue.products.length,
    publicProducts: catalogue.products.filter((p) => p.public).length,
    producers: catalogue.producers.length,
    sampleProduct: catalogue.products.find((p) => p.public),
  };
}
