#!/usr/bin/env node
// Public catalogue search over 20,000 products: latency of GET /catalogue/products for a two-word query typed
// without diacritics plus one filter, measured end to end (HTTP on loopback, the built service in its own
// process, facets and all). Target (issue 3): p95 < 20 ms.
//
// Self-contained: creates its own database and event namespace, migrates with the service's own command, writes
// the generated catalogue straight into the tables (the API would take minutes), starts the built service,
// measures, then stops it and drops what it made. Needs `npx nx run catalogue:build`, local Postgres and NATS.
//   node tools/bench/catalogue-search.mjs [--json]
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { connect } from 'nats';
import pg from 'pg';
import { benchEnv, bundleOf, migrateCommand, serviceCommand } from '../dev/services.mjs';

const root = new URL('../..', import.meta.url).pathname;
const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 20_000);
const PRODUCERS = Math.ceil(PRODUCTS / 40);
const WARMUP = 100;
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 1000);
const TARGET_P95_MS = 20;
const pgServer = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

const BASES = [
  'Kẹo dừa',
  'Bưởi da xanh',
  'Mật ong',
  'Nước cốt dừa',
  'Sầu riêng',
  'Bánh tráng',
  'Trà sen',
  'Rượu dừa',
  'Dầu dừa',
  'Chả tôm',
  'Bánh phồng',
  'Mứt dừa',
  'Chôm chôm',
  'Măng cụt',
  'Xoài sấy',
  'Thạch dừa',
  'Cá khô',
  'Tôm khô',
  'Nước mắm',
  'Tương ớt',
  'Bột ca cao',
  'Cà phê',
  'Muối ớt',
  'Bánh canh',
  'Hủ tiếu',
];
const MODIFIERS = [
  'sầu riêng',
  'lá dứa',
  'ca cao',
  'gừng',
  'nguyên chất',
  'đặc biệt',
  'hữu cơ',
  'truyền thống',
  'Chợ Lách',
  'Mỏ Cày',
  'Ba Tri',
  'Giồng Trôm',
  'Thạnh Phú',
  'Bình Đại',
  'sữa',
  'cao cấp',
  'tự nhiên',
  'loại 1',
  'hộp quà',
  'sấy dẻo',
];
const QUERIES = [
  'keo dua',
  'buoi da',
  'mat ong',
  'nuoc cot',
  'sau rieng',
  'banh trang',
  'tra sen',
  'dau dua',
  'cha tom',
  'mut dua',
];
// One filter per query, rotating through the kinds a visitor uses.
const FILTERS = [
  'district=832',
  'stars=4',
  'group=food',
  'productSet=7',
  'producerType=cooperative',
  'district=836',
];
// Communes of the 2022 map with their district and 2025 successor (a sample across all nine districts).
const PLACES = [
  ['28756', '829', '28756'],
  ['28780', '829', '28789'],
  ['28807', '831', '28807'],
  ['28840', '831', '28840'],
  ['28870', '832', '28870'],
  ['28882', '832', '28870'],
  ['28903', '833', '28903'],
  ['28945', '833', '28945'],
  ['28984', '834', '28984'],
  ['29050', '835', '29050'],
  ['29110', '836', '29110'],
  ['29113', '836', null],
  ['29182', '837', '29182'],
  ['29227', '837', '29227'],
  ['28915', '838', '28915'],
  ['28894', '838', '28894'],
];
const TYPES = ['household', 'cooperative-group', 'cooperative', 'enterprise'];

const pick = (list, i) => list[i % list.length];
const json = process.argv.includes('--json');
const log = (...args) => (json ? process.stderr.write(`${args.join(' ')}\n`) : console.log(...args));

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${output}`)),
    );
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function seed(client) {
  const now = new Date();
  const producerIds = [];
  const producers = { id: [], type: [], name: [], place: [] };
  for (let i = 0; i < PRODUCERS; i++) {
    const id = randomUUID();
    producerIds.push(id);
    producers.id.push(id);
    producers.type.push(pick(TYPES, i));
    producers.name.push(
      `${pick(['Hộ', 'Tổ hợp tác', 'HTX', 'Công ty TNHH'], i)} ${pick(BASES, i * 7)} ${pick(MODIFIERS, i * 3)} số ${i}`,
    );
    producers.place.push(pick(PLACES, i));
  }
  await client.query(
    `INSERT INTO producers (id, type, name, tax_code, legal_rep_name, legal_rep_woman, legal_rep_ethnic_minority, unit_map,
                            commune_code, bt2022_district_code, bt2022_commune_code, vl2025_commune_code, status,
                            created_at, created_by, updated_at)
     SELECT id, type, name, lpad((9000000000 + n)::text, 10, '0'), 'Nguyễn Văn A', n % 3 = 0, n % 11 = 0, 'bt-2022',
            place[1], place[2], place[1], place[3], CASE WHEN n % 20 = 0 THEN 'pending' ELSE 'verified' END, $5, 'bench', $5
       FROM unnest($1::uuid[], $2::text[], $3::text[]) WITH ORDINALITY AS p(id, type, name, n),
            LATERAL (SELECT ARRAY(SELECT jsonb_array_elements_text($4::jsonb -> (n - 1)::int))) AS x(place)`,
    [producers.id, producers.type, producers.name, JSON.stringify(producers.place), now],
  );
  const CHUNK = 5000;
  for (let start = 0; start < PRODUCTS; start += CHUNK) {
    const rows = { id: [], producer: [], name: [], set: [], stars: [] };
    for (let i = start; i < Math.min(start + CHUNK, PRODUCTS); i++) {
      rows.id.push(randomUUID());
      rows.producer.push(pick(producerIds, i));
      rows.name.push(`${pick(BASES, i)} ${pick(MODIFIERS, Math.floor(i / BASES.length))}`);
      rows.set.push(
        pick([7, 1, 4, 7, 8, 6, 12, 15, 7, 8, 2, 7, 1, 1, 7, 7, 8, 8, 9, 9, 13, 13, 10, 6, 6], i),
      );
      rows.stars.push(i % 7 === 0 ? pick([3, 4, 5], i) : null);
    }
    await client.query(
      // The producer's names, status and places are copied onto each product by the schema's trigger.
      `INSERT INTO products (id, producer_id, name_vi, product_set, product_group, status, ocop_stars,
                             ocop_certificate_id, ocop_certificate_number, ocop_issued_at, ocop_expires_at, ocop_decision_ref,
                             created_at, created_by, updated_at)
       SELECT p.id, p.producer_id, p.name, p.set,
              CASE WHEN p.set <= 10 THEN 'food' ELSE 'beverages' END,
              CASE WHEN p.n % 10 = 0 THEN 'draft' ELSE 'active' END,
              p.stars, CASE WHEN p.stars IS NOT NULL THEN gen_random_uuid() END, CASE WHEN p.stars IS NOT NULL THEN 'B-' || p.n END,
              CASE WHEN p.stars IS NOT NULL THEN $6::timestamptz - interval '1 year' END,
              CASE WHEN p.stars IS NOT NULL THEN $6::timestamptz + interval '2 years' END,
              CASE WHEN p.stars IS NOT NULL THEN 'bench' END, $6, 'bench', $6
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::smallint[], $5::smallint[]) WITH ORDINALITY AS p(id, producer_id, name, set, stars, n)`,
      [rows.id, rows.producer, rows.name, rows.set, rows.stars, now],
    );
  }
  // What autovacuum does soon after a bulk load: statistics, and the GIN pending list merged into the index.
  await client.query('VACUUM ANALYZE producers');
  await client.query('VACUUM ANALYZE products');
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (ms) => Math.round(ms * 100) / 100;

async function measure(baseUrl, count, concurrency) {
  const latencies = [];
  const byFilter = new Map(FILTERS.map((f) => [f, []]));
  let next = 0;
  let matched = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const filter = pick(FILTERS, Math.floor(i / QUERIES.length));
      const url = `${baseUrl}/catalogue/products?q=${encodeURIComponent(pick(QUERIES, i))}&${filter}`;
      const started = performance.now();
      const res = await fetch(url);
      const body = await res.json();
      const ms = performance.now() - started;
      latencies.push(ms);
      byFilter.get(filter).push(ms);
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(body)}`);
      matched += body.total;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p95ByFilter = Object.fromEntries(
    [...byFilter].map(([filter, values]) => [
      filter,
      round(
        percentile(
          values.sort((a, b) => a - b),
          95,
        ),
      ),
    ]),
  );
  return {
    p95ByFilter,
    p50: round(percentile(latencies, 50)),
    p95: round(percentile(latencies, 95)),
    p99: round(percentile(latencies, 99)),
    perSecond: Math.round(count / seconds),
    meanMatches: Math.round(matched / count),
  };
}

async function main() {
  if (!existsSync(`${root}${bundleOf('catalogue')}`))
    throw new Error('Build the catalogue first: npx nx run catalogue:build');
  const id = randomBytes(4).toString('hex');
  const database = `t_bench_catalogue_${id}`;
  const namespace = `tbench${id}`;
  const dbUrl = new URL(pgServer);
  dbUrl.pathname = `/${database}`;
  const port = await freePort();
  const env = {
    ...benchEnv('catalogue', { namespace }),
    DATABASE_URL: dbUrl.toString(),
    NATS_URL: natsUrl,
    PORT: String(port),
  };
  let service;
  const admin = new pg.Client({ connectionString: pgServer });
  await admin.connect();
  try {
    log(`migrating ${database}…`);
    const [node, ...migrateArgs] = migrateCommand('catalogue');
    await run(node, migrateArgs, env);
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    const seeded = performance.now();
    await seed(client);
    const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM products`)).rows;
    await client.end();
    log(`seeded ${n} products of ${PRODUCERS} producers in ${Math.round(performance.now() - seeded)} ms`);

    const [command, ...args] = serviceCommand('catalogue');
    service = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 20_000;
    for (;;) {
      const ready = await fetch(`${baseUrl}/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error('catalogue not ready within 20 s');
      await new Promise((r) => setTimeout(r, 50));
    }
    await measure(baseUrl, WARMUP, 1);
    const sequential = await measure(baseUrl, SAMPLES, 1);
    const concurrent = await measure(baseUrl, SAMPLES, 4);
    log(
      `one client:   p50 ${sequential.p50} ms, p95 ${sequential.p95} ms, p99 ${sequential.p99} ms, ${sequential.perSecond}/s, ${sequential.meanMatches} matches on average`,
    );
    log(`one client, p95 by filter (ms): ${JSON.stringify(sequential.p95ByFilter)}`);
    log(
      `four clients: p50 ${concurrent.p50} ms, p95 ${concurrent.p95} ms, p99 ${concurrent.p99} ms, ${concurrent.perSecond}/s`,
    );
    const result = {
      rows: [
        {
          name: `search p95, ${n} products, two-word query without diacritics + one filter, one client (p50 ${sequential.p50} ms, p99 ${sequential.p99} ms)`,
          value: sequential.p95,
          unit: 'ms',
          target: `< ${TARGET_P95_MS} ms`,
          pass: sequential.p95 < TARGET_P95_MS,
        },
        {
          name: `search p95 with four concurrent clients (${concurrent.perSecond} searches/s)`,
          value: concurrent.p95,
          unit: 'ms',
        },
      ],
    };
    console.log(JSON.stringify(result));
  } finally {
    if (service && service.exitCode === null) {
      const exited = new Promise((r) => service.once('exit', r));
      service.kill('SIGTERM');
      await exited;
    }
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.end();
    const nc = await connect({ servers: natsUrl });
    const jsm = await nc.jetstreamManager();
    for await (const stream of jsm.streams.list()) {
      if (stream.config.name.startsWith(`${namespace.toUpperCase()}_`))
        await jsm.streams.delete(stream.config.name);
    }
    await nc.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
