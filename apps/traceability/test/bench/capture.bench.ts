/**
 * EPCIS capture benchmark (issue 4), on the built bundle as its own process: a producer captures documents of
 * 10,000 ObjectEvents (one of their units each, checked against its owner); time from POST /capture to the job's
 * success. Target: ≥ 5,000 events/s. Needs `npx nx run traceability:build`. Run:
 *   TS_NODE_PROJECT=apps/traceability/tsconfig.spec.json node -r ts-node/register/transpile-only \
 *     -r tsconfig-paths/register apps/traceability/test/bench/capture.bench.ts
 * Prints one JSON line `{"rows":[…]}` last, as tools/bench/run.mjs expects.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { ServiceProcess } from './service-process';

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 10_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);

async function main() {
  const service = await ServiceProcess.start('bench_capture', { CAPTURE_MAX_EVENTS: String(EVENTS) });
  try {
    const { producerId, productId } = await service.seed();
    const token = await service.token({ roles: ['producer'], producerId });
    const batch = (
      await service.request('POST', '/batches', token, {
        productId,
        lot: 'CAP-1',
        quantity: EVENTS,
        unit: 'XBX',
      })
    ).body;
    await service.request('POST', `/batches/${batch.batchId}/units`, token, { count: EVENTS });
    const serials: string[] = [];
    for (let cursor: string | undefined, first = true; first || cursor; first = false) {
      const page = await service.request(
        'GET',
        `/batches/${batch.batchId}/units?limit=1000${cursor ? `&cursor=${cursor}` : ''}`,
        token,
      );
      serials.push(...page.body.items.map((u: { serial: string }) => u.serial));
      cursor = page.body.nextCursor;
    }
    const rates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const document = {
        '@context': ['https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld'],
        type: 'EPCISDocument',
        schemaVersion: '2.0',
        creationDate: new Date().toISOString(),
        epcisBody: {
          eventList: serials.map((serial, i) => ({
            type: 'ObjectEvent',
            eventID: `urn:uuid:${randomUUID()}`,
            eventTime: new Date(Date.UTC(2026, 9, 1, 0, 0, i)).toISOString(),
            eventTimeZoneOffset: '+07:00',
            action: 'OBSERVE',
            epcList: [`http://127.0.0.1:3006/01/${batch.gtin}/21/${serial}`],
            bizStep: 'shipping',
            disposition: 'in_transit',
            readPoint: { id: 'urn:epc:id:sgln:8936047.00001.0' },
          })),
        },
      };
      const start = performance.now();
      const accepted = await service.request('POST', '/capture', token, document);
      if (accepted.status !== 202) throw new Error(JSON.stringify(accepted.body));
      for (;;) {
        const job = await service.request('GET', `/capture/${accepted.body.captureID}`, token);
        if (!job.body.running) {
          if (!job.body.success) throw new Error(JSON.stringify(job.body.errors.slice(0, 3)));
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      rates.push(EVENTS / ((performance.now() - start) / 1000));
    }
    const best = Math.round(Math.max(...rates));
    const rows = [
      {
        name: `capture of ${EVENTS}-event documents (best of ${ROUNDS})`,
        value: best,
        unit: 'events/s',
        target: '≥ 5000',
        pass: best >= 5000,
      },
      {
        name: 'capture, median round',
        value: Math.round(rates.sort((a, b) => a - b)[Math.floor(rates.length / 2)]),
        unit: 'events/s',
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
