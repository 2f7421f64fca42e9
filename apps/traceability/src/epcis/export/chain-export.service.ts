import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { DataSource } from 'typeorm';
import { BatchesService } from '../../batches/batches.service';
import { eventOutput, mergedContext } from '../query/events-query.service';

/** Bounds one export; a batch's chain has tens of events, a very busy one a few thousand. */
const MAX_EVENTS = 10_000;

/**
 * A batch's chain as an EPCIS 2.0 document: one step back (the batches it was made from) and one step forward
 * (the batches made from it), with every event that names any of them, in time order. TransformationEvents link
 * inputs to outputs, so a reader can follow coconuts into coconut candy.
 */
@Injectable()
export class ChainExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: BatchesService,
  ) {}

  async export(actor: Actor, batchId: string): Promise<Record<string, unknown>> {
    const batch = await this.batches.readable(this.dataSource.manager, actor, batchId);
    const links = (await this.dataSource.query(
      `SELECT input_batch_id AS id, 'input' AS role FROM batch_inputs WHERE batch_id = $1
       UNION ALL
       SELECT batch_id, 'output' FROM batch_inputs WHERE input_batch_id = $1`,
      [batchId],
    )) as { id: string; role: 'input' | 'output' }[];
    const ids = [batch.id, ...links.map((l) => l.id)];
    const rows = (await this.dataSource.query(
      `SELECT seq, document, record_time, context FROM trace_events
        WHERE batch_ids && $1::uuid[] ORDER BY event_time, seq LIMIT $2`,
      [ids, MAX_EVENTS],
    )) as { seq: string; document: Record<string, unknown>; record_time: Date; context: unknown }[];
    return {
      '@context': mergedContext(rows.map((r) => r.context)),
      type: 'EPCISDocument',
      schemaVersion: '2.0',
      creationDate: new Date().toISOString(),
      epcisBody: { eventList: rows.map(eventOutput) },
    };
  }
}
