import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LookupEvents, ScanSuspiciousV1, SuspiciousScanReason } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { Metrics } from '@ocop/service-kit';
import { DataSource, EntityManager } from 'typeorm';
import { vietnamDate } from '../common/clock';
import { LookupConfig } from '../config';
import { ScanHistory } from '../verification/verification';

export interface Scan {
  gtin: string;
  lot?: string;
  serial?: string;
  batchId?: string;
  productId: string;
  producerId: string;
  productName: string;
  place: { provinceCode?: string; districtCode?: string; communeCode?: string };
  clientHash: string;
  at: Date;
}

interface UnitState {
  firstScannedAt: string;
  scans: number;
  suspiciousAt: string | null;
}

const HISTORY_MAX = 100_000;

/**
 * Scans are counted off the hot path: a scan is pushed to an in-memory buffer, and the buffer is written every
 * SCAN_FLUSH_MS (or at SCAN_FLUSH_ROWS) in one transaction: daily counts per product and district, the unit's
 * scan log and state, and the suspicious-unit check, whose event goes through the outbox in the same transaction.
 * A crash loses at most the scans of the last interval (see decision 0017); shutdown flushes what is buffered.
 */
@Injectable()
export class ScanRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ScanRecorder.name);
  private buffer: Scan[] = [];
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private readonly history = new Map<string, UnitState>();
  private readonly dropped: ReturnType<Metrics['counter']>;
  private started = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: EventOutbox,
    private readonly config: LookupConfig,
    metrics: Metrics,
  ) {
    this.dropped = metrics.counter(
      'lookup_scans_dropped_total',
      'Scans not recorded because the buffer was full (database slow or down)',
    );
  }

  onModuleInit(): void {
    this.started = true;
    this.timer = setInterval(() => void this.flush(), this.config.SCAN_FLUSH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.started) await this.flush();
  }

  record(scan: Scan): void {
    if (this.buffer.length >= this.config.SCAN_BUFFER_MAX) {
      this.dropped.inc();
      return;
    }
    this.buffer.push(scan);
    if (this.buffer.length >= this.config.SCAN_FLUSH_ROWS) void this.flush();
  }

  /** The unit's scan history as of the last flush (`known` from the read model when this process has none). */
  historyOf(gtin: string, serial: string, now: Date): ScanHistory {
    const state = this.history.get(`${gtin}\u0000${serial}`);
    if (!state) return { firstScannedAt: null, scans: 0, suspicious: false };
    return {
      firstScannedAt: state.firstScannedAt,
      scans: state.scans,
      suspicious:
        state.suspiciousAt !== null &&
        now.getTime() - Date.parse(state.suspiciousAt) < this.config.SUSPICIOUS_WINDOW_SECONDS * 1000,
    };
  }

  /**
   * The state the read model query found for a unit this process has not flushed itself (ItemStore loads it with
   * the unit, in the same query): later flushes by this process replace it.
   */
  prime(
    gtin: string,
    serial: string,
    row: { first_scanned_at: Date; scans: number; suspicious_at: Date | null } | null,
  ): void {
    const key = `${gtin}\u0000${serial}`;
    if (this.history.has(key)) return;
    if (row) this.remember(key, row);
  }

  /** Writes what is buffered; flushes never overlap. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writeBuffer());
    return this.flushing;
  }

  private async writeBuffer(): Promise<void> {
    if (!this.buffer.length) return;
    const scans = this.buffer;
    this.buffer = [];
    try {
      await this.dataSource.transaction((manager) => this.write(manager, scans));
    } catch (err) {
      // Put them back (bounded by the buffer limit): the database may be back at the next tick.
      this.logger.warn({ err, scans: scans.length }, 'scans not written; will retry');
      const room = Math.max(0, this.config.SCAN_BUFFER_MAX - this.buffer.length);
      if (scans.length > room) this.dropped.inc(scans.length - room);
      this.buffer = scans.slice(0, room).concat(this.buffer);
    }
  }

  private async write(manager: EntityManager, scans: Scan[]): Promise<void> {
    const daily = new Map<string, { scan: Scan; day: string; n: number }>();
    for (const scan of scans) {
      const day = vietnamDate(scan.at);
      const key = `${scan.productId}|${day}|${scan.place.districtCode ?? ''}|${scan.place.communeCode ?? ''}`;
      const entry = daily.get(key);
      if (entry) entry.n++;
      else daily.set(key, { scan, day, n: 1 });
    }
    const d = [...daily.values()];
    await manager.query(
      `INSERT INTO scan_daily (product_id, producer_id, day, province_code, district_code, commune_code, scans)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::int[])
       ON CONFLICT (product_id, day, district_code, commune_code, province_code)
         DO UPDATE SET scans = scan_daily.scans + EXCLUDED.scans`,
      [
        d.map((x) => x.scan.productId),
        d.map((x) => x.scan.producerId),
        d.map((x) => x.day),
        d.map((x) => x.scan.place.provinceCode ?? ''),
        d.map((x) => x.scan.place.districtCode ?? ''),
        d.map((x) => x.scan.place.communeCode ?? ''),
        d.map((x) => x.n),
      ],
    );

    const units = scans.filter((s) => s.serial !== undefined);
    if (!units.length) return;
    // One row per unit and client per flush (with a count), not one per scan: the window check needs no more
    // precision than the flush interval, and a busy unit costs the database a row a second, not a row a scan.
    const perClient = new Map<string, { scan: Scan; n: number; last: Date }>();
    for (const s of units) {
      const key = `${s.gtin}\u0000${s.serial}\u0000${s.clientHash}`;
      const e = perClient.get(key);
      if (!e) perClient.set(key, { scan: s, n: 1, last: s.at });
      else {
        e.n++;
        if (s.at > e.last) e.last = s.at;
      }
    }
    const c = [...perClient.values()];
    await manager.query(
      `INSERT INTO unit_scans (gtin, serial, client_hash, scanned_at, scans)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::int[])`,
      [
        c.map((x) => x.scan.gtin),
        c.map((x) => x.scan.serial),
        c.map((x) => x.scan.clientHash),
        c.map((x) => x.last.toISOString()),
        c.map((x) => x.n),
      ],
    );
    const byUnit = new Map<string, { scan: Scan; n: number; first: Date; last: Date }>();
    for (const s of units) {
      const key = `${s.gtin}\u0000${s.serial}`;
      const e = byUnit.get(key);
      if (!e) byUnit.set(key, { scan: s, n: 1, first: s.at, last: s.at });
      else {
        e.n++;
        if (s.at < e.first) e.first = s.at;
        if (s.at > e.last) e.last = s.at;
      }
    }
    const u = [...byUnit.values()];
    const windowSeconds = this.config.SUSPICIOUS_WINDOW_SECONDS;
    const now = new Date();
    // One statement: add the counts, then (for units not flagged within the window) count scans and distinct
    // clients within the window and flag those over a threshold. RETURNING says who was flagged just now.
    const states = (await manager.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::timestamptz[])
           AS i(gtin, serial, n, first_at, last_at)
       ), upserted AS (
         INSERT INTO unit_scan_state (gtin, serial, first_scanned_at, last_scanned_at, scans)
         SELECT gtin, serial, first_at, last_at, n FROM input
         ON CONFLICT (gtin, serial) DO UPDATE
           SET scans = unit_scan_state.scans + EXCLUDED.scans,
               first_scanned_at = LEAST(unit_scan_state.first_scanned_at, EXCLUDED.first_scanned_at),
               last_scanned_at = GREATEST(unit_scan_state.last_scanned_at, EXCLUDED.last_scanned_at)
         RETURNING gtin, serial, first_scanned_at, scans, suspicious_at
       )
       SELECT u.*, w.scans_in_window, w.clients_in_window
         FROM upserted u
         LEFT JOIN LATERAL (
           SELECT sum(s.scans)::int AS scans_in_window, count(DISTINCT client_hash)::int AS clients_in_window
             FROM unit_scans s
            WHERE s.gtin = u.gtin AND s.serial = u.serial AND s.scanned_at > $6::timestamptz - make_interval(secs => $7)
         ) w ON u.suspicious_at IS NULL OR u.suspicious_at <= $6::timestamptz - make_interval(secs => $7)`,
      [
        u.map((x) => x.scan.gtin),
        u.map((x) => x.scan.serial),
        u.map((x) => x.n),
        u.map((x) => x.first.toISOString()),
        u.map((x) => x.last.toISOString()),
        now.toISOString(),
        windowSeconds,
      ],
    )) as {
      gtin: string;
      serial: string;
      first_scanned_at: Date;
      scans: number;
      suspicious_at: Date | null;
      scans_in_window: number | null;
      clients_in_window: number | null;
    }[];
    for (const state of states) {
      const key = `${state.gtin}\u0000${state.serial}`;
      const reason: SuspiciousScanReason | undefined =
        state.scans_in_window !== null && state.scans_in_window > this.config.SUSPICIOUS_MAX_SCANS
          ? 'too-many-scans'
          : state.clients_in_window !== null && state.clients_in_window > this.config.SUSPICIOUS_MAX_CLIENTS
            ? 'too-many-clients'
            : undefined;
      if (reason) {
        // Guarded update: of two replicas flushing the same unit at once, one flags it and publishes.
        const flagged = (await manager.query(
          `UPDATE unit_scan_state SET suspicious_at = $3, suspicious_reason = $4
            WHERE gtin = $1 AND serial = $2
              AND (suspicious_at IS NULL OR suspicious_at <= $3::timestamptz - make_interval(secs => $5))
           RETURNING gtin`,
          [state.gtin, state.serial, now.toISOString(), reason, windowSeconds],
        )) as unknown[];
        if (flagged.length) {
          state.suspicious_at = now;
          const scan = (byUnit.get(key) as { scan: Scan }).scan;
          const data: ScanSuspiciousV1 = {
            gtin: scan.gtin,
            serial: scan.serial ?? '',
            lot: scan.lot ?? '',
            batchId: scan.batchId ?? '',
            productId: scan.productId,
            producerId: scan.producerId,
            productName: scan.productName,
            reason,
            scans: state.scans_in_window ?? 0,
            distinctClients: state.clients_in_window ?? 0,
            windowSeconds,
            firstScannedAt: new Date(state.first_scanned_at).toISOString(),
            detectedAt: now.toISOString(),
          };
          await this.outbox.add(manager, {
            type: LookupEvents.scanSuspicious,
            subject: `${scan.gtin}/${scan.serial}`,
            data,
          });
        }
      }
      this.remember(key, state);
    }
  }

  private remember(
    key: string,
    row: { first_scanned_at: Date; scans: number; suspicious_at: Date | null },
  ): void {
    this.history.delete(key);
    this.history.set(key, {
      firstScannedAt: new Date(row.first_scanned_at).toISOString(),
      scans: row.scans,
      suspiciousAt: row.suspicious_at ? new Date(row.suspicious_at).toISOString() : null,
    });
    if (this.history.size > HISTORY_MAX) this.history.delete(this.history.keys().next().value as string);
  }
}
