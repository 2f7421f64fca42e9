import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import {
  IssuedUnitV1,
  TraceabilityEvents,
  UNITS_ISSUED_PART_SIZE,
  UnitStatusV1,
  UnitsGeneratedV1,
  UnitsIssuedV1,
} from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { conflict, notFound, ruleViolation } from '../common/bilingual';
import { decodeCursor, Page, toPage } from '@ocop/service-kit';
import { TraceabilityConfig } from '../config';
import { Batch } from '../batches/batch.entity';
import { BatchesService, effectiveStatus } from '../batches/batches.service';
import { DigitalLinks, productCode } from '../digital-link/digital-links.service';
import { ActiveLabelKey, LabelKeys } from '../signatures/label-keys.service';
import { randomSerials } from './serial-generator';
import { GenerateUnitsDto, UnitGenerationView, UnitListQuery, UnitView } from './serials.dto';

/** Rows per INSERT: large enough to amortise round trips, small enough to keep each statement's memory modest. */
const INSERT_CHUNK = 5000;
/** Sequence numbers are Postgres integers: this is the end of any range. */
export const MAX_SEQ = 2_147_483_647;
/** Rows per read when streaming a batch's units (labels, CSV). */
const READ_CHUNK = 2000;

export interface UnitRow {
  seq: number;
  serial: string;
  signature: string | null;
  key_id: string | null;
}

/**
 * Serialised units of a batch: serials that nobody can guess, unique per GTIN, each with its Digital Link and,
 * on request, its AI 8030 signature. A generation of any size is one transaction and one event.
 */
@Injectable()
export class SerialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: BatchesService,
    private readonly links: DigitalLinks,
    private readonly keys: LabelKeys,
    private readonly outbox: EventOutbox,
    private readonly config: TraceabilityConfig,
  ) {}

  async generate(
    manager: EntityManager,
    actor: Actor,
    batchId: string,
    dto: GenerateUnitsDto,
  ): Promise<UnitGenerationView> {
    if (dto.count > this.config.MAX_UNITS_PER_GENERATION) {
      const max = this.config.MAX_UNITS_PER_GENERATION;
      throw ruleViolation(
        'too-many-units',
        'count',
        `tối đa ${max} đơn vị mỗi lần`,
        `at most ${max} units per generation`,
      );
    }
    // Locking the batch serialises generations of the same batch, so sequence numbers never overlap.
    const batch = await this.batches.ownedForUpdate(manager, actor, batchId);
    await this.batches.assertMayLabel(batch, manager);
    const status = effectiveStatus(batch);
    if (status === 'recalled' || status === 'expired') {
      throw conflict(
        'batch-not-labelable',
        `Lô đã ${status === 'recalled' ? 'bị thu hồi' : 'hết hạn'}`,
        `The batch is ${status}`,
        {
          status,
        },
      );
    }
    const [{ last }] = (await manager.query(
      `SELECT COALESCE(max(seq), 0)::int AS last FROM serialised_units WHERE batch_id = $1`,
      [batchId],
    )) as { last: number }[];
    const key = dto.signed ? await this.keys.active(manager) : undefined;
    const generationId = randomUUID();
    const firstSeq = last + 1;
    const lastSeq = last + dto.count;
    await manager.query(
      `INSERT INTO unit_generations (id, batch_id, count, first_seq, last_seq, signed, key_id, actor_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
      [
        generationId,
        batchId,
        dto.count,
        firstSeq,
        lastSeq,
        key !== undefined,
        key?.kid ?? null,
        actor.accountId,
      ],
    );
    const issued: IssuedUnitV1[] = [];
    for (let start = firstSeq; start <= lastSeq; start += INSERT_CHUNK) {
      const seqs = Array.from({ length: Math.min(INSERT_CHUNK, lastSeq - start + 1) }, (_, i) => start + i);
      issued.push(...(await this.insertUnits(manager, batch, generationId, seqs, key)));
    }
    const totalUnits = lastSeq;
    await this.outbox.add<UnitsGeneratedV1>(manager, {
      type: TraceabilityEvents.unitsGenerated,
      subject: batchId,
      data: {
        batchId,
        producerId: batch.producerId,
        productId: batch.productId,
        ...this.batchKey(batch),
        lot: batch.lot,
        generationId,
        count: dto.count,
        firstSeq,
        lastSeq,
        totalUnits,
        signed: key !== undefined,
        ...(key ? { keyId: key.kid } : {}),
        actorId: actor.accountId,
      },
    });
    await this.publishIssued(manager, batch, generationId, key?.kid, issued);
    return {
      generationId,
      batchId,
      count: dto.count,
      firstSeq,
      lastSeq,
      totalUnits,
      signed: key !== undefined,
      ...(key ? { keyId: key.kid } : {}),
    };
  }

  async list(actor: Actor, batchId: string, query: UnitListQuery): Promise<Page<UnitView>> {
    const batch = await this.batches.readable(this.dataSource.manager, actor, batchId);
    const after = query.cursor ? (decodeCursor(query.cursor, 'units', ['int4'])[0] as number) : 0;
    const rows = (await this.dataSource.query(
      `SELECT seq, serial, signature, key_id FROM serialised_units WHERE batch_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [batchId, after, query.limit + 1],
    )) as UnitRow[];
    return toPage(
      rows,
      query.limit,
      'units',
      (r) => [r.seq],
      (r) => this.view(batch, r),
    );
  }

  async get(actor: Actor, batchId: string, serial: string): Promise<UnitView> {
    const batch = await this.batches.readable(this.dataSource.manager, actor, batchId);
    const [row] = (await this.dataSource.query(
      `SELECT seq, serial, signature, key_id FROM serialised_units WHERE batch_id = $1 AND serial = $2`,
      [batchId, serial],
    )) as UnitRow[];
    if (!row) throw notFound('đơn vị sản phẩm', 'Unit');
    return this.view(batch, row);
  }

  /**
   * The batch's units from `fromSeq` to `toSeq`, read in keyset chunks so that a 100,000-unit label run holds
   * only one chunk in memory at a time.
   */
  async *stream(batchId: string, fromSeq = 1, toSeq = MAX_SEQ): AsyncGenerator<UnitRow> {
    let after = fromSeq - 1;
    for (;;) {
      const rows = (await this.dataSource.query(
        `SELECT seq, serial, signature, key_id FROM serialised_units
          WHERE batch_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4`,
        [batchId, after, toSeq, READ_CHUNK],
      )) as UnitRow[];
      yield* rows;
      if (rows.length < READ_CHUNK) return;
      after = rows[rows.length - 1].seq;
    }
  }

  async count(batchId: string, fromSeq = 1, toSeq = MAX_SEQ): Promise<number> {
    const [{ n }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM serialised_units WHERE batch_id = $1 AND seq BETWEEN $2 AND $3`,
      [batchId, fromSeq, toSeq],
    )) as { n: number }[];
    return n;
  }

  /** For the lookup service: what a scan of GTIN + serial should show; an unknown unit is "not ours". */
  async status(gtin: string, serial: string): Promise<UnitStatusV1> {
    const [row] = (await this.dataSource.query(
      `SELECT b.*, u.key_id, u.signature IS NOT NULL AS signed
         FROM serialised_units u JOIN batches b ON b.id = u.batch_id
        WHERE u.gtin = $1 AND u.serial = $2`,
      [gtin, serial],
    )) as (Record<string, unknown> & { key_id: string | null; signed: boolean })[];
    if (!row) throw notFound('đơn vị sản phẩm', 'Unit');
    return {
      gtin,
      serial,
      batchId: row['id'] as string,
      productId: row['product_id'] as string,
      producerId: row['producer_id'] as string,
      lot: row['lot'] as string,
      status: effectiveStatus({
        status: row['status'] as Batch['status'],
        expiryDate: row['expiry_date'] as string | null,
        bestBeforeDate: row['best_before_date'] as string | null,
      }),
      ...(row['recall_reason'] ? { recallReason: row['recall_reason'] as string } : {}),
      signed: row.signed,
      ...(row.key_id ? { keyId: row.key_id } : {}),
    };
  }

  /** What names the batch in events: its GTIN, or its product's code (decision 0048). */
  private batchKey(batch: Batch): { gtin: string } | { productCode: string } {
    return batch.gtin ? { gtin: batch.gtin } : { productCode: productCode(batch) };
  }

  view(batch: Batch, row: UnitRow): UnitView {
    return {
      seq: row.seq,
      serial: row.serial,
      digitalLink: this.links.forUnit(batch, row.serial, row.signature),
      signed: row.signature !== null,
      ...(row.key_id ? { keyId: row.key_id } : {}),
    };
  }

  /**
   * Inserts units for `seqs` with fresh serials. A serial already used for this GTIN (1 in ~10^12 per unit) is
   * skipped by the database, and those sequence numbers get new serials on the next pass.
   */
  /**
   * The generation's serials, in parts, in the generating transaction: the lookup learns every unit that exists
   * (and only those) without asking traceability at scan time, so it keeps answering when traceability is down.
   * The units are those the inserts returned: no second read of what was just written.
   */
  private async publishIssued(
    manager: EntityManager,
    batch: Batch,
    generationId: string,
    keyId: string | undefined,
    issued: IssuedUnitV1[],
  ): Promise<void> {
    const units = [...issued].sort((a, b) => a.seq - b.seq);
    const parts = Math.ceil(units.length / UNITS_ISSUED_PART_SIZE);
    for (let part = 1; part <= parts; part++) {
      await this.outbox.add<UnitsIssuedV1>(manager, {
        type: TraceabilityEvents.unitsIssued,
        subject: batch.id,
        data: {
          batchId: batch.id,
          productId: batch.productId,
          producerId: batch.producerId,
          ...this.batchKey(batch),
          lot: batch.lot,
          generationId,
          signed: keyId !== undefined,
          ...(keyId ? { keyId } : {}),
          units: units.slice((part - 1) * UNITS_ISSUED_PART_SIZE, part * UNITS_ISSUED_PART_SIZE),
          part,
          parts,
        },
      });
    }
  }

  private async insertUnits(
    manager: EntityManager,
    batch: Batch,
    generationId: string,
    seqs: number[],
    key: ActiveLabelKey | undefined,
  ): Promise<IssuedUnitV1[]> {
    const issued: IssuedUnitV1[] = [];
    let pending = seqs;
    while (pending.length) {
      const serials = randomSerials(pending.length);
      const signatures = key
        ? serials.map((serial) => key.sign(this.links.signedMessage(batch, serial)))
        : serials.map(() => null);
      // Serials are unique per GTIN, or per product code for a product without one (decision 0048).
      const code = batch.gtin ? null : productCode(batch);
      const conflict = batch.gtin ? '(gtin, serial)' : '(product_code, serial) WHERE gtin IS NULL';
      const inserted = (await manager.query(
        `INSERT INTO serialised_units (batch_id, seq, serial, gtin, product_code, generation_id, signature, key_id)
         SELECT $1, u.seq, u.serial, $2, $3, $4, u.signature, $5
           FROM unnest($6::int[], $7::text[], $8::text[]) AS u(seq, serial, signature)
         ON CONFLICT ${conflict} DO NOTHING
         RETURNING seq, serial`,
        [batch.id, batch.gtin, code, generationId, key?.kid ?? null, pending, serials, signatures],
      )) as IssuedUnitV1[];
      issued.push(...inserted);
      const done = new Set(inserted.map((r) => r.seq));
      pending = pending.filter((seq) => !done.has(seq));
    }
    return issued;
  }
}
