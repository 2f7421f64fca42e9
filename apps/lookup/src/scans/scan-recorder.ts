import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LookupEvents, ScanSuspiciousV1 } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { Metrics } from '@ocop/service-kit';
import { DataSource, EntityManager } from 'typeorm';
import { vietnamDate } from '../common/clock';
import { LookupConfig } from '../config';
import { Outcome, ScanHistory } from '../verification/verification';
import { suspiciousReason } from './suspicious-scans';

/** A scan's facts that do not depend on who scans or when. */
export interface ScanOfItem {
  /** The item's key in the read model: its GTIN, or the product code of a /t/ label (decision 0048). */
  gtin: string;
  lot?: string;
  serial?: string;
  batchId?: string;
  productId: string;
  producerId: string;
  productName: string;
  place: { provinceCode?: string; districtCode?: string; communeCode?: string };
}

/**
 * Scans of one product on one (Vietnamese) day from one place not yet written. Counters stay across flushes and are
 * reset in place (a counter idle for a whole interval is dropped), so that a busy resolver allocates nothing per
 * flush for what it counts again and again: measured, the young generation copied each interval's new counters
 * and GC pauses reached 5 ms.
 */
interface DailyCount {
  scan: ScanOfItem;
  day: string;
  outcome: Outcome;
  n: number;
  /** False once dropped from the recorder's map: a target holding it must look again. */
  live: boolean;
}

interface NetworkCount {
  n: number;
  last: number;
}

/** Scans of one unit not yet written, and per network hash (kept and reset like DailyCount). */
interface UnitCount {
  scan: ScanOfItem;
  n: number;
  first: number;
  last: number;
  networks: Map<string, NetworkCount>;
  live: boolean;
}

/** What one flush writes: the counts taken out of the counters, and the counters, to put them back on failure. */
interface Snapshot {
  daily: { count: DailyCount; n: number }[];
  units: {
    count: UnitCount;
    n: number;
    first: number;
    last: number;
    /** Hash, counter, scans and last scan of each network. */
    networks: [string, NetworkCount, number, number][];
  }[];
  scans: number;
}

/**
 * Where one item's scans are counted on one day, its keys worked out once: a repeat scan of a label then costs two
 * increments and a map lookup for the network, not an object (ScanRecorder.target; held by the hot answers).
 */
export class ScanTarget {
  daily?: DailyCount;
  unit?: UnitCount;

  constructor(
    readonly scan: ScanOfItem,
    readonly day: string,
    /** What the scan answered: counted apart, for the officers' dashboard. */
    readonly outcome: Outcome,
    readonly dailyKey: string,
    readonly unitKey: string | undefined,
  ) {}
}

interface UnitState {
  firstScannedAt: string;
  scans: number;
  /** Until when the unit reads as suspicious (ms), 0 when it is not flagged. */
  suspiciousUntil: number;
  /** The history as JSON, for each of the two values of `suspicious`. */
  json?: [string, string];
}

const HISTORY_MAX = 100_000;
const NO_HISTORY = JSON.stringify({ firstScannedAt: null, scans: 0, suspicious: false });
const unitKeyOf = (gtin: string, serial: string) => `${gtin}\u0000${serial}`;
const dailyKeyOf = (scan: ScanOfItem, day: string, outcome: Outcome) =>
  `${scan.productId}|${day}|${scan.place.districtCode ?? ''}|${scan.place.communeCode ?? ''}|${outcome}`;

/**
 * Scans are counted off the hot path: a scan adds to in-memory counters (per product, day and place; per unit and
 * network), and the counters are written every SCAN_FLUSH_MS (or at SCAN_FLUSH_ROWS rows) in one transaction: daily
 * counts, the unit's scan log and state, and the suspicious-unit check, whose event goes through the outbox in the
 * same transaction. A crash loses at most the scans of the last interval (see decision 0017); shutdown flushes.
 */
@Injectable()
export class ScanRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ScanRecorder.name);
  private readonly daily = new Map<string, DailyCount>();
  private readonly units = new Map<string, UnitCount>();
  /** Rows waiting to be written (daily and unit-network counts above zero): SCAN_FLUSH_ROWS, SCAN_BUFFER_MAX. */
  private rows = 0;
  private scans = 0;
  private timer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();
  private readonly history = new Map<string, UnitState>();
  private readonly dropped: ReturnType<Metrics['counter']>;
  private started = false;
  /** A flush for a full buffer is on its way: later scans need not ask again. */
  private flushQueued = false;

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

  /** Where scans of this item answered `outcome` at this instant are counted (the day is Viet Nam's). */
  target(scan: ScanOfItem, outcome: Outcome, at: Date): ScanTarget {
    const day = vietnamDate(at);
    return new ScanTarget(
      scan,
      day,
      outcome,
      dailyKeyOf(scan, day, outcome),
      scan.serial !== undefined ? unitKeyOf(scan.gtin, scan.serial) : undefined,
    );
  }

  /** Counts one scan of `target` from the network `networkHash` (scanNetworkHash) at `at` (ms). */
  count(target: ScanTarget, networkHash: string, at: number): void {
    let daily = target.daily;
    if (!daily?.live) {
      daily = this.daily.get(target.dailyKey);
      if (!daily) {
        daily = { scan: target.scan, day: target.day, outcome: target.outcome, n: 0, live: true };
        this.daily.set(target.dailyKey, daily);
      }
      target.daily = daily;
    }
    if (daily.n === 0 && !this.room()) return;
    if (target.unitKey !== undefined) {
      let unit = target.unit;
      if (!unit?.live) {
        unit = this.units.get(target.unitKey);
        if (!unit) {
          unit = { scan: target.scan, n: 0, first: at, last: at, networks: new Map(), live: true };
          this.units.set(target.unitKey, unit);
        }
        target.unit = unit;
      }
      let network = unit.networks.get(networkHash);
      if (!network || network.n === 0) {
        if (!this.room()) return;
        if (!network) unit.networks.set(networkHash, (network = { n: 0, last: at }));
      }
      network.n++;
      if (at > network.last) network.last = at;
      if (unit.n === 0) unit.first = unit.last = at;
      unit.n++;
      if (at < unit.first) unit.first = at;
      if (at > unit.last) unit.last = at;
    }
    daily.n++;
    this.scans++;
    if (this.rows >= this.config.SCAN_FLUSH_ROWS && !this.flushQueued) {
      this.flushQueued = true;
      void this.flush();
    }
  }

  /** Takes a new row out of the buffer's budget, or counts the scan as dropped when it is spent. */
  private room(): boolean {
    if (this.rows >= this.config.SCAN_BUFFER_MAX) {
      this.dropped.inc();
      return false;
    }
    this.rows++;
    return true;
  }

  /** The unit's scan history as of the last flush (`known` from the read model when this process has none). */
  historyOf(gtin: string, serial: string, now: Date): ScanHistory {
    const state = this.history.get(unitKeyOf(gtin, serial));
    if (!state) return { firstScannedAt: null, scans: 0, suspicious: false };
    return {
      firstScannedAt: state.firstScannedAt,
      scans: state.scans,
      suspicious: now.getTime() < state.suspiciousUntil,
    };
  }

  /** historyOf as JSON, by the unit's key (ScanTarget.unitKey), kept until the next flush changes the unit. */
  historyJson(unitKey: string, now: number): string {
    const state = this.history.get(unitKey);
    if (!state) return NO_HISTORY;
    const suspicious = now < state.suspiciousUntil ? 1 : 0;
    state.json ??= [
      JSON.stringify({ firstScannedAt: state.firstScannedAt, scans: state.scans, suspicious: false }),
      JSON.stringify({ firstScannedAt: state.firstScannedAt, scans: state.scans, suspicious: true }),
    ];
    return state.json[suspicious];
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
    const key = unitKeyOf(gtin, serial);
    if (this.history.has(key)) return;
    if (row) {
      this.remember(
        key,
        new Date(row.first_scanned_at).toISOString(),
        row.scans,
        row.suspicious_at ? new Date(row.suspicious_at).getTime() : null,
      );
    }
  }

  /** Writes what is counted; flushes never overlap. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.writePending());
    return this.flushing;
  }

  private async writePending(): Promise<void> {
    this.flushQueued = false;
    if (!this.scans) return;
    const snapshot = this.take();
    try {
      await this.dataSource.transaction((manager) => this.write(manager, snapshot));
    } catch (err) {
      // Counted again (the rows within the buffer's budget): the database may be back at the next tick.
      this.logger.warn({ err, scans: snapshot.scans }, 'scans not written; will retry');
      this.putBack(snapshot);
    }
  }

  /** Takes the counts out of the counters (resetting them in place) and drops counters idle since the last flush. */
  private take(): Snapshot {
    const snapshot: Snapshot = { daily: [], units: [], scans: this.scans };
    for (const [key, count] of this.daily) {
      if (count.n === 0) {
        count.live = false;
        this.daily.delete(key);
        continue;
      }
      snapshot.daily.push({ count, n: count.n });
      count.n = 0;
    }
    for (const [key, count] of this.units) {
      if (count.n === 0) {
        count.live = false;
        this.units.delete(key);
        continue;
      }
      const networks: [string, NetworkCount, number, number][] = [];
      for (const [hash, network] of count.networks) {
        if (network.n === 0) count.networks.delete(hash);
        else {
          networks.push([hash, network, network.n, network.last]);
          network.n = 0;
        }
      }
      snapshot.units.push({ count, n: count.n, first: count.first, last: count.last, networks });
      count.n = 0;
    }
    this.rows = 0;
    this.scans = 0;
    return snapshot;
  }

  /** Adds the counts of a failed flush back to the counters. */
  private putBack(failed: Snapshot): void {
    for (const { count, n } of failed.daily) {
      if (!count.live) {
        count.live = true;
        this.daily.set(dailyKeyOf(count.scan, count.day, count.outcome), count);
      }
      if (count.n === 0) this.rows++;
      count.n += n;
    }
    for (const { count, n, first, last, networks } of failed.units) {
      if (!count.live) {
        count.live = true;
        this.units.set(unitKeyOf(count.scan.gtin, count.scan.serial as string), count);
      }
      for (const [hash, network, networkN] of networks) {
        if (!count.networks.has(hash)) count.networks.set(hash, network);
        if (network.n === 0) this.rows++;
        network.n += networkN;
      }
      count.first = count.n === 0 ? first : Math.min(count.first, first);
      count.last = count.n === 0 ? last : Math.max(count.last, last);
      count.n += n;
    }
    this.scans += failed.scans;
  }

  private async write(manager: EntityManager, snapshot: Snapshot): Promise<void> {
    const d = snapshot.daily.map(({ count, n }) => ({
      scan: count.scan,
      day: count.day,
      outcome: count.outcome,
      n,
    }));
    await manager.query(
      `INSERT INTO scan_daily (product_id, producer_id, day, province_code, district_code, commune_code, scans, outcome)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::date[], $4::text[], $5::text[], $6::text[], $7::int[],
                            $8::text[])
       ON CONFLICT (product_id, day, district_code, commune_code, province_code, outcome)
         DO UPDATE SET scans = scan_daily.scans + EXCLUDED.scans`,
      [
        d.map((x) => x.scan.productId),
        d.map((x) => x.scan.producerId),
        d.map((x) => x.day),
        d.map((x) => x.scan.place.provinceCode ?? ''),
        d.map((x) => x.scan.place.districtCode ?? ''),
        d.map((x) => x.scan.place.communeCode ?? ''),
        d.map((x) => x.n),
        d.map((x) => x.outcome),
      ],
    );

    const u = snapshot.units;
    if (!u.length) return;
    // The rows go as one JSON parameter (serialised natively) rather than as arrays pg escapes element by element,
    // and come back as text and numbers rather than timestamps to parse: a flush of a few thousand units must not
    // hold the event loop the scans are answered on.
    // One row per unit and network per flush (with a count), not one per scan: the window check needs no more
    // precision than the flush interval, and a busy unit costs the database a row a second, not a row a scan.
    const perNetwork: [string, string | undefined, string, number, number][] = [];
    for (const { count, networks } of u) {
      for (const [hash, , n, last] of networks) {
        perNetwork.push([count.scan.gtin, count.scan.serial, hash, last, n]);
      }
    }
    await manager.query(
      `INSERT INTO unit_scans (gtin, serial, network_hash, scanned_at, scans)
       SELECT r->>0, r->>1, r->>2, to_timestamp((r->>3)::float8 / 1000), (r->>4)::int
         FROM json_array_elements($1::json) r`,
      [JSON.stringify(perNetwork)],
    );
    const windowSeconds = this.config.SUSPICIOUS_WINDOW_SECONDS;
    const now = new Date();
    // One statement: add the counts, then (for units not flagged within the window) count scans and distinct
    // networks within the window. A unit scanned no more times in all than the threshold cannot be over it (the
    // window's networks are at most its total scans): its window is not read, which spares a first scan a second
    // index scan.
    const states = (await manager.query(
      `WITH input AS (
         SELECT r->>0 AS gtin, r->>1 AS serial, (r->>2)::int AS n,
                to_timestamp((r->>3)::float8 / 1000) AS first_at, to_timestamp((r->>4)::float8 / 1000) AS last_at
           FROM json_array_elements($1::json) r
       ), upserted AS (
         INSERT INTO unit_scan_state (gtin, serial, first_scanned_at, last_scanned_at, scans)
         SELECT gtin, serial, first_at, last_at, n FROM input
         ON CONFLICT (gtin, serial) DO UPDATE
           SET scans = unit_scan_state.scans + EXCLUDED.scans,
               first_scanned_at = LEAST(unit_scan_state.first_scanned_at, EXCLUDED.first_scanned_at),
               last_scanned_at = GREATEST(unit_scan_state.last_scanned_at, EXCLUDED.last_scanned_at)
         RETURNING gtin, serial, first_scanned_at, scans, suspicious_at
       )
       SELECT u.gtin, u.serial, u.scans,
              to_char(u.first_scanned_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS first_scanned_at,
              (extract(epoch FROM u.suspicious_at) * 1000)::float8 AS suspicious_at_ms,
              w.scans_in_window, w.networks_in_window
         FROM upserted u
         LEFT JOIN LATERAL (
           SELECT sum(s.scans)::int AS scans_in_window, count(DISTINCT network_hash)::int AS networks_in_window
             FROM unit_scans s
            WHERE u.scans > $4 AND s.gtin = u.gtin AND s.serial = u.serial
              AND s.scanned_at > $2::timestamptz - make_interval(secs => $3)
         ) w ON u.suspicious_at IS NULL OR u.suspicious_at <= $2::timestamptz - make_interval(secs => $3)`,
      [
        JSON.stringify(u.map((x) => [x.count.scan.gtin, x.count.scan.serial, x.n, x.first, x.last])),
        now.toISOString(),
        windowSeconds,
        this.config.SUSPICIOUS_MAX_CLIENTS,
      ],
    )) as {
      gtin: string;
      serial: string;
      first_scanned_at: string;
      scans: number;
      suspicious_at_ms: number | null;
      scans_in_window: number | null;
      networks_in_window: number | null;
    }[];
    for (const state of states) {
      const key = unitKeyOf(state.gtin, state.serial);
      const reason =
        state.networks_in_window !== null
          ? suspiciousReason(state.networks_in_window, this.config.SUSPICIOUS_MAX_CLIENTS)
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
          state.suspicious_at_ms = now.getTime();
          // Still counted here: counters are dropped only when the next flush finds them idle.
          const scan = (this.units.get(key) as UnitCount).scan;
          const data: ScanSuspiciousV1 = {
            ...(/^\d{14}$/.test(scan.gtin) ? { gtin: scan.gtin } : { productCode: scan.gtin }),
            serial: scan.serial ?? '',
            lot: scan.lot ?? '',
            batchId: scan.batchId ?? '',
            productId: scan.productId,
            producerId: scan.producerId,
            productName: scan.productName,
            reason,
            scans: state.scans_in_window ?? 0,
            distinctClients: state.networks_in_window ?? 0,
            windowSeconds,
            firstScannedAt: state.first_scanned_at,
            detectedAt: now.toISOString(),
          };
          await this.outbox.add(manager, {
            type: LookupEvents.scanSuspicious,
            subject: `${scan.gtin}/${scan.serial}`,
            data,
          });
        }
      }
      this.remember(key, state.first_scanned_at, state.scans, state.suspicious_at_ms);
    }
  }

  /** Updates a unit's state in place (no new object per flush for a busy unit); the oldest entry goes first. */
  private remember(key: string, firstScannedAt: string, scans: number, suspiciousAtMs: number | null): void {
    const suspiciousUntil =
      suspiciousAtMs === null ? 0 : suspiciousAtMs + this.config.SUSPICIOUS_WINDOW_SECONDS * 1000;
    const state = this.history.get(key);
    if (state) {
      state.firstScannedAt = firstScannedAt;
      state.scans = scans;
      state.suspiciousUntil = suspiciousUntil;
      state.json = undefined;
      return;
    }
    this.history.set(key, { firstScannedAt, scans, suspiciousUntil });
    if (this.history.size > HISTORY_MAX) this.history.delete(this.history.keys().next().value as string);
  }
}
