/**
 * Label benchmarks (issue 4), on the built bundle running as its own process (job runner, QR worker threads),
 * against the machine's PostgreSQL and NATS:
 *  - generating serialised units: 100,000 in one request, and 10,000 signed ones;
 *  - a 10,000-label and a 100,000-label PDF job (A4 3×8): seconds, labels per second, peak RSS of the service.
 * Targets: ≥ 2,000 labels/s into a PDF; a 100,000-label job with peak RSS < 400 MB.
 * Needs `npx nx run traceability:build`. Run:
 *   TS_NODE_PROJECT=apps/traceability/tsconfig.spec.json node -r ts-node/register/transpile-only \
 *     -r tsconfig-paths/register apps/traceability/test/bench/labels.bench.ts
 * Prints one JSON line `{"rows":[…]}` last, as tools/bench/run.mjs expects.
 */
import 'reflect-metadata';
import { ServiceProcess } from './service-process';

const UNITS = Number(process.env['BENCH_UNITS'] ?? 100_000);

async function labelJob(service: ServiceProcess, token: string, batchId: string, toSeq: number) {
  const started = await service.request('POST', `/batches/${batchId}/label-jobs`, token, {
    format: 'pdf',
    layout: 'a4-3x8',
    toSeq,
  });
  if (started.status !== 202) throw new Error(JSON.stringify(started.body));
  for (;;) {
    const job = await service.request('GET', `/label-jobs/${started.body.jobId}`, token);
    if (job.body.status === 'succeeded') return job.body;
    if (job.body.status === 'failed') throw new Error(JSON.stringify(job.body.error));
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function main() {
  const service = await ServiceProcess.start('bench_labels', { MAX_UNITS_PER_GENERATION: String(UNITS) });
  try {
    const { producerId, productId } = await service.seed();
    const token = await service.token({ roles: ['producer'], producerId });
    const batch = (
      await service.request('POST', '/batches', token, {
        productId,
        lot: 'BENCH-1',
        quantity: UNITS,
        unit: 'XBX',
        expiryDate: '2027-12-31',
      })
    ).body;
    const idleRss = Math.round(service.rssMb());
    const generation = await service.measure(() =>
      service.request('POST', `/batches/${batch.batchId}/units`, token, { count: UNITS }),
    );
    if (generation.value.status !== 201) throw new Error(JSON.stringify(generation.value.body));
    const signed = await service.measure(() =>
      service.request('POST', `/batches/${batch.batchId}/units`, token, { count: 10_000, signed: true }),
    );
    if (signed.value.status !== 201) throw new Error(JSON.stringify(signed.value.body));
    const small = await service.measure(() => labelJob(service, token, batch.batchId, 10_000));
    const large = await service.measure(() => labelJob(service, token, batch.batchId, UNITS));
    const throughput = UNITS / large.seconds;
    const rows = [
      { name: 'service RSS when idle', value: idleRss, unit: 'MB' },
      {
        name: `generate ${UNITS} serialised units (one request)`,
        value: Math.round(UNITS / generation.seconds),
        unit: 'units/s',
      },
      {
        name: 'generate 10,000 signed units (Ed25519, AI 8030)',
        value: Math.round(10_000 / signed.seconds),
        unit: 'units/s',
      },
      { name: '10,000-label PDF job (A4 3×8)', value: Math.round(small.seconds * 10) / 10, unit: 's' },
      { name: '10,000-label PDF job, peak RSS', value: small.peakRssMb, unit: 'MB' },
      {
        name: `${UNITS}-label PDF job`,
        value: Math.round(throughput),
        unit: 'labels/s',
        target: '≥ 2000',
        pass: throughput >= 2000,
      },
      {
        name: `${UNITS}-label PDF job, peak RSS`,
        value: large.peakRssMb,
        unit: 'MB',
        target: '< 400',
        pass: large.peakRssMb < 400,
      },
    ];
    for (const r of rows) console.log(`${r.name}: ${r.value} ${r.unit}`);
    console.log(JSON.stringify({ rows }));
  } finally {
    await service.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
