import { INestApplicationContext, Logger } from '@nestjs/common';
import { streamNameFor } from '@ocop/contracts';
import { NatsConnector } from '@ocop/messaging';
import { ServiceCommand } from '@ocop/service-kit';
import { NatsConnection } from 'nats';
import { DataSource } from 'typeorm';
import { TaggedCache } from '../common/tagged-cache';
import { LookupConfig } from '../config';
import { SERVICE_NAME } from '../data-source';

/** The streams the read model is built from. */
export const SOURCE_SERVICES = ['catalogue', 'traceability', 'rating'] as const;

export const READ_MODEL_TABLES = [
  'rm_producers',
  'rm_products',
  'rm_product_gtins',
  'rm_batches',
  'rm_units',
  'rm_growing_areas',
  'rm_certificates',
  'rm_label_keys',
  'rm_trace_events',
];

const JS_CONSUMER_NOT_FOUND = 10014;
const JS_STREAM_NOT_FOUND = 10059;

/**
 * Rebuilds the read model from the streams (which keep every event, decision 0003):
 *   1. in one transaction, empty the read-model tables and forget (inbox) the events of those streams;
 *   2. delete lookup's durable consumers on them: a running lookup re-creates them, starting from the first
 *      event (a stopped one does so when it starts).
 * In that order, an event handled between the two steps is both in the tables and in the inbox, so its replay is
 * a harmless duplicate; nothing is lost. Scans and reports are lookup's own data and are kept. Idempotent.
 */
export async function rebuildReadModel(
  dataSource: DataSource,
  nats: NatsConnection,
  namespace: string,
): Promise<{ consumersDeleted: number }> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
    await manager.query(
      `DELETE FROM inbox WHERE consumer = $1 AND split_part(event_type, '.', 2) = ANY ($2)`,
      [SERVICE_NAME, [...SOURCE_SERVICES]],
    );
  });
  const jsm = await nats.jetstreamManager();
  let consumersDeleted = 0;
  for (const service of SOURCE_SERVICES) {
    try {
      await jsm.consumers.delete(streamNameFor(namespace, service), SERVICE_NAME);
      consumersDeleted++;
    } catch (err) {
      const code = (err as { api_error?: { err_code?: number } }).api_error?.err_code;
      // No consumer (never started) or no stream (the producer never published): nothing to replay from.
      if (code !== JS_CONSUMER_NOT_FOUND && code !== JS_STREAM_NOT_FOUND) throw err;
    }
  }
  return { consumersDeleted };
}

/** `node main.js rebuild`: the operator's way to the above; a running lookup's cache is dropped by the replay. */
export const rebuildCommand: ServiceCommand<LookupConfig> = {
  describe: 'empty the read model and replay the catalogue, traceability and rating streams from the start',
  run: async (app: INestApplicationContext, _args: string[], config: LookupConfig) => {
    const nats = await app.get(NatsConnector).whenConnected();
    const { consumersDeleted } = await rebuildReadModel(app.get(DataSource), nats, config.EVENT_NAMESPACE);
    app.get(TaggedCache).clear();
    new Logger('rebuild').log(
      `read model emptied; ${consumersDeleted} consumer(s) reset: lookup replays the streams from the start`,
    );
    process.stdout.write(`lookup: read model emptied, ${consumersDeleted} consumer(s) reset\n`);
    return 0;
  },
};
