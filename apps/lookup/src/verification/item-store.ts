import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { TaggedCache, tags } from '../common/tagged-cache';
import { ScanRecorder } from '../scans/scan-recorder';
import {
  BatchRow,
  CertificateRow,
  GrowingAreaRow,
  ItemView,
  ProducerRow,
  ProductRow,
  TraceEventRow,
  UnitRow,
} from './item-view';

const PRODUCT_COLUMNS = `
  SELECT row_to_json(p) AS product,
         (SELECT row_to_json(r) FROM rm_producers r WHERE r.id = p.producer_id) AS producer,
         (SELECT COALESCE(json_agg(c ORDER BY c.issued_at DESC), '[]') FROM rm_certificates c
           WHERE c.product_id = p.id) AS certificates`;

/** Product, producer and certificates of the product that lists a GTIN now: for scans of the GTIN alone. */
const PRODUCT_BY_GTIN_SQL = `${PRODUCT_COLUMNS}
    FROM rm_product_gtins pg JOIN rm_products p ON p.id = pg.product_id
   WHERE pg.gtin = $1`;

/** The same for the product a batch was made of: one row per product, shared by every scan of it. */
const PRODUCT_BY_ID_SQL = `${PRODUCT_COLUMNS}
    FROM rm_products p WHERE p.id = $1`;

/** A batch with its growing areas and trace events: shared by every unit of the batch. */
const BATCH_SQL = `
  SELECT row_to_json(b) AS batch,
         (SELECT COALESCE(json_agg(g), '[]') FROM rm_growing_areas g
           WHERE g.id IN (SELECT (x->>'growingAreaId')::uuid FROM jsonb_array_elements(b.growing_areas) x))
           AS growing_areas,
         (SELECT COALESCE(json_agg(t ORDER BY t.event_time, t.id), '[]') FROM rm_trace_events t
           WHERE t.batch_ids @> ARRAY[b.id]) AS trace_events
    FROM rm_batches b WHERE b.gtin = $1 AND b.lot = $2`;

/**
 * Units and their scan state, for the units first scanned in one turn of the event loop: the only query a first
 * scan costs once its product and batch are warm.
 */
const UNITS_SQL = `
  SELECT u.gtin, u.serial, u.batch_id, u.lot, u.seq, u.signed, u.key_id,
         s.first_scanned_at, s.scans, s.suspicious_at
    FROM unnest($1::text[], $2::text[]) AS k(gtin, serial)
    JOIN rm_units u ON u.gtin = k.gtin AND u.serial = k.serial
    LEFT JOIN unit_scan_state s ON s.gtin = u.gtin AND s.serial = u.serial`;

type UnitWithScans = UnitRow & {
  first_scanned_at: Date | null;
  scans: number | null;
  suspicious_at: Date | null;
};

interface UnitKey {
  gtin: string;
  serial: string;
}

interface ProductPart {
  product: ProductRow;
  producer: ProducerRow | null;
  certificates: CertificateRow[];
}

interface BatchPart {
  batch: BatchRow;
  growingAreas: GrowingAreaRow[];
  traceEvents: TraceEventRow[];
}

/**
 * Read-only access to the read model for one scanned item, in three cached parts (product, batch, unit) under
 * tags that events invalidate. Products and batches are few and shared by many units, so a unit's first scan
 * costs one primary-key query; a repeat scan none. `null` when the GTIN is not ours.
 */
@Injectable()
export class ItemStore {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: TaggedCache,
    private readonly scans: ScanRecorder,
  ) {}

  /**
   * First scans arriving together (one turn of the event loop: setImmediate runs after every socket that was
   * ready has been read) share one query, on the driver's pg pool as a named statement, planned once per
   * connection, which TypeORM's query() cannot do. Measured: decision 0016.
   */
  private readonly units = new DataLoader<UnitKey, UnitWithScans | null>((keys) => this.loadUnits(keys), {
    cache: false,
    batchScheduleFn: (dispatch) => setImmediate(dispatch),
    maxBatchSize: 500,
  });

  private async loadUnits(keys: readonly UnitKey[]): Promise<(UnitWithScans | null)[]> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const { rows } = await pool.query<UnitWithScans>({
      name: 'lookup-units',
      text: UNITS_SQL,
      values: [keys.map((k) => k.gtin), keys.map((k) => k.serial)],
    });
    const found = new Map(rows.map((r) => [`${r.gtin}\u0000${r.serial}`, r]));
    return keys.map((k) => found.get(`${k.gtin}\u0000${k.serial}`) ?? null);
  }

  /**
   * A unit or a batch answers for the product and producer it was made under (the batch's), never for whichever
   * product lists its GTIN today: a GTIN dropped by one product and listed by another must not move printed labels
   * with it (decision 0023). Only a scan of the GTIN alone, or of a lot never issued, goes by the GTIN.
   *
   * `gtin` is the item's key: the GTIN, or for a /t/ label the product code, with `productId` the product it names
   * (its code is its id), which answers for a lot never issued (decision 0048).
   */
  async find(gtin: string, lot?: string, serial?: string, productId?: string): Promise<ItemView | null> {
    let unit: UnitRow | null = null;
    if (serial !== undefined) unit = await this.unit(gtin, serial);
    const batchLot = lot ?? unit?.lot;
    const batch = batchLot !== undefined ? await this.batch(gtin, batchLot) : null;
    const product = batch
      ? await this.productById(batch.batch.product_id)
      : productId !== undefined
        ? await this.productById(productId)
        : await this.product(gtin);
    if (!product) return null;
    return {
      product: product.product,
      producer: product.producer,
      certificates: product.certificates,
      batch: batch?.batch ?? null,
      growingAreas: batch?.growingAreas ?? [],
      traceEvents: batch?.traceEvents ?? [],
      unit,
    };
  }

  private async product(gtin: string): Promise<ProductPart | null> {
    const key = `product|${gtin}`;
    const cached = this.cache.get<ProductPart | null>(key);
    if (cached !== undefined) return cached;
    const version = this.cache.version;
    const [row] = (await this.dataSource.query(PRODUCT_BY_GTIN_SQL, [gtin])) as ProductPart[];
    const part = row ?? null;
    // An unknown GTIN is cached too (a flood of scans of a fake GTIN must not reach the database each time);
    // the product event that makes it known drops the entry through its GTIN tag.
    this.cache.set(
      key,
      part,
      part
        ? [tags.gtin(gtin), tags.product(part.product.id), tags.producer(part.product.producer_id)]
        : [tags.gtin(gtin)],
      version,
    );
    return part;
  }

  private async productById(id: string): Promise<ProductPart | null> {
    const key = `product-id|${id}`;
    const cached = this.cache.get<ProductPart | null>(key);
    if (cached !== undefined) return cached;
    const version = this.cache.version;
    const [row] = (await this.dataSource.query(PRODUCT_BY_ID_SQL, [id])) as ProductPart[];
    const part = row ?? null;
    // Not known yet (its event still on the way): the product event drops the entry through the product tag.
    this.cache.set(
      key,
      part,
      part ? [tags.product(id), tags.producer(part.product.producer_id)] : [tags.product(id)],
      version,
    );
    return part;
  }

  private async batch(gtin: string, lot: string): Promise<BatchPart | null> {
    const key = `batch|${gtin}|${lot}`;
    const cached = this.cache.get<BatchPart | null>(key);
    if (cached !== undefined) return cached;
    const version = this.cache.version;
    const [row] = (await this.dataSource.query(BATCH_SQL, [gtin, lot])) as {
      batch: BatchRow;
      growing_areas: GrowingAreaRow[];
      trace_events: TraceEventRow[];
    }[];
    const part = row
      ? { batch: row.batch, growingAreas: row.growing_areas, traceEvents: row.trace_events }
      : null;
    // Growing areas are the producer's: their events invalidate by producer tag. A batch not issued yet is
    // dropped by the batch event that issues it, through the GTIN tag.
    const entryTags = [tags.gtin(gtin)];
    if (part) {
      entryTags.push(
        tags.batch(part.batch.id),
        tags.product(part.batch.product_id),
        tags.producer(part.batch.producer_id),
      );
    }
    this.cache.set(key, part, entryTags, version);
    return part;
  }

  private async unit(gtin: string, serial: string): Promise<UnitRow | null> {
    const key = `unit|${gtin}|${serial}`;
    const cached = this.cache.get<UnitRow | null>(key);
    if (cached !== undefined) return cached;
    const version = this.cache.version;
    const row = await this.units.load({ gtin, serial });
    let unit: UnitRow | null = null;
    if (row) {
      const { first_scanned_at, scans, suspicious_at, ...rest } = row;
      unit = rest;
      this.scans.prime(
        gtin,
        serial,
        first_scanned_at ? { first_scanned_at, scans: scans ?? 0, suspicious_at } : null,
      );
    }
    // Units never change once issued; an unknown one may be issued later (units.issued touches the GTIN).
    this.cache.set(key, unit, [tags.gtin(gtin)], version);
    return unit;
  }
}
