import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { BatchesService } from '../../batches/batches.service';
import { eventOutput, mergedContext } from '../query/events-query.service';

/** Events read from the cursor at a time: bounds the memory an export takes, however long the chain. */
const FETCH_SIZE = 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A batch's chain as an EPCIS 2.0 document: one step back (the batches it was made from) and one step forward
 * (the batches made from it), with every event that names any of them, in event time order (capture order among
 * equal times). TransformationEvents link inputs to outputs, so a reader can follow coconuts into coconut candy.
 *
 * Every event is in it: the document is streamed from a database cursor, a thousand events at a time, rather
 * than built whole under a cap (the cap silently cut busy chains, decision 0045). It is read in one snapshot, so an
 * event captured while it streams is either wholly in it or not at all. Should the database fail midway, the
 * response ends unfinished — invalid JSON, never a document that looks complete.
 */
@Injectable()
export class ChainExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: BatchesService,
  ) {}

  /** Checks access (404 for a batch the actor may not read) before the first byte; then streams. */
  async export(actor: Actor, batchId: string): Promise<Readable> {
    const batch = await this.batches.readable(this.dataSource.manager, actor, batchId);
    const links = (await this.dataSource.query(
      `SELECT input_batch_id AS id FROM batch_inputs WHERE batch_id = $1
       UNION
       SELECT batch_id FROM batch_inputs WHERE input_batch_id = $1`,
      [batchId],
    )) as { id: string }[];
    const ids = [batch.id, ...links.map((l) => l.id)];
    return Readable.from(this.document(ids), { objectMode: false });
  }

  private async *document(ids: string[]): AsyncGenerator<string> {
    // DECLARE takes no bind parameters: the ids are inlined, and are UUIDs read from the database.
    if (!ids.every((id) => UUID.test(id))) throw new Error('batch ids must be UUIDs');
    const idArray = `ARRAY[${ids.map((id) => `'${id}'`).join(',')}]::uuid[]`;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const contexts = (await runner.query(
        `SELECT DISTINCT context FROM trace_events WHERE batch_ids && ${idArray}`,
      )) as { context: unknown }[];
      const head = {
        '@context': mergedContext(contexts.map((c) => c.context)),
        type: 'EPCISDocument',
        schemaVersion: '2.0',
        creationDate: new Date().toISOString(),
      };
      yield `${JSON.stringify(head).slice(0, -1)},"epcisBody":{"eventList":[`;
      await runner.query(
        `DECLARE chain NO SCROLL CURSOR FOR
           SELECT document, record_time FROM trace_events
            WHERE batch_ids && ${idArray} ORDER BY event_time, seq`,
      );
      let separator = '';
      for (;;) {
        const rows = (await runner.query(`FETCH ${FETCH_SIZE} FROM chain`)) as {
          document: Record<string, unknown>;
          record_time: Date;
        }[];
        if (!rows.length) break;
        yield separator + rows.map((row) => JSON.stringify(eventOutput(row))).join(',');
        separator = ',';
      }
      yield ']}}';
      await runner.commitTransaction();
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      await runner.release();
    }
  }
}
