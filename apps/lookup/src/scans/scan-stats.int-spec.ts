import { LookupEvents } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { LookupHarness, SeededItem, startLookup } from '../../test/lookup-harness';

describe('scan statistics (integration)', () => {
  let t: LookupHarness;
  let mine: SeededItem;
  let theirs: SeededItem;

  beforeAll(async () => {
    t = await startLookup('lookup_stats');
    mine = await t.seedItem({ units: 1 });
    theirs = await t.seedItem({ units: 1, certificate: false });
    for (const path of [mine.unitPaths[0], mine.unitPaths[0], theirs.unitPaths[0]]) {
      expect((await t.request('GET', path)).status).toBe(307);
    }
    // A serial the batch never had: the product and lot are real, the unit is not.
    const json = await t.request('GET', madeUp(mine.unitPaths[0]), {
      headers: { accept: 'application/json' },
    });
    expect(json.body.outcome).toBe('unknown');
    await t.flushScans();
  });

  /** The unit's path with a serial of the same shape that was never issued. */
  const madeUp = (path: string) =>
    path.replace(/\/21\/([^/?]+)/, (_m, serial: string) => `/21/${'9'.repeat(serial.length)}`);

  afterAll(async () => {
    await t?.close();
  });

  it('counts scans per product, day and district for the producer who owns them', async () => {
    const token = await t.token({ roles: ['producer'], producerId: mine.producer.producerId });
    const res = await t.request('GET', '/stats/scans', { token });
    expect(res.status).toBe(200);
    const day = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);
    const productId = mine.product.productId;
    expect(res.body.rows).toEqual([
      { productId, day, districtCode: '831', outcome: 'genuine', scans: 2 },
      { productId, day, districtCode: '831', outcome: 'unknown', scans: 1 },
    ]);
  });

  it('never shows a producer another producer’s figures', async () => {
    const token = await t.token({ roles: ['producer'], producerId: mine.producer.producerId });
    const res = await t.request('GET', `/stats/scans?producerId=${theirs.producer.producerId}`, { token });
    expect(res.status).toBe(404);
    const byProduct = await t.request('GET', `/stats/scans?productId=${theirs.product.productId}`, { token });
    expect(byProduct.body.rows).toEqual([]);
  });

  it('shows officers their territory and admins everything; others get 403', async () => {
    const district = await t.token({
      roles: ['officer'],
      scope: { provinceCode: '83', districtCode: '831' },
    });
    expect((await t.request('GET', '/stats/scans', { token: district })).body.total).toBe(4);
    const other = await t.token({ roles: ['officer'], scope: { provinceCode: '83', districtCode: '836' } });
    expect((await t.request('GET', '/stats/scans', { token: other })).body.total).toBe(0);
    const admin = await t.token({ roles: ['admin'] });
    expect((await t.request('GET', '/stats/scans', { token: admin })).body.total).toBe(4);
    const retailer = await t.token({ roles: ['retailer'], accountId: randomUUID() });
    expect((await t.request('GET', '/stats/scans', { token: retailer })).status).toBe(403);
  });

  it('sums a period by outcome, by product (named, most scanned first) and by district for the dashboard', async () => {
    const admin = await t.token({ roles: ['admin'] });
    const res = await t.request('GET', '/stats/scans/summary', { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      total: 4,
      byOutcome: [
        { outcome: 'genuine', scans: 3 },
        { outcome: 'unknown', scans: 1 },
      ],
      byDistrict: [{ districtCode: '831', scans: 4, outcomes: { genuine: 3, unknown: 1 } }],
    });
    expect(res.body.byProduct).toEqual([
      {
        productId: mine.product.productId,
        nameVi: mine.product.nameVi,
        nameEn: mine.product.nameEn ?? null,
        producerName: mine.producer.name,
        scans: 3,
        outcomes: { genuine: 2, unknown: 1 },
      },
      expect.objectContaining({ productId: theirs.product.productId, scans: 1, outcomes: { genuine: 1 } }),
    ]);
  });

  it('judges an officer of the 2025 map by the producer’s commune under that map', async () => {
    // The fixture's producers are in Xã Giao Long (28807) of Vinh Long since July 2025.
    const giaoLong = await t.token({
      roles: ['officer'],
      scope: { provinceCode: '86', communeCode: '28807' },
    });
    const mine = await t.request('GET', '/stats/scans/summary', { token: giaoLong });
    expect(mine.body.total).toBe(4);
    const elsewhere = await t.token({
      roles: ['officer'],
      scope: { provinceCode: '86', communeCode: '28756' },
    });
    expect((await t.request('GET', '/stats/scans/summary', { token: elsewhere })).body.total).toBe(0);
  });

  it('refuses a period that is not one, naming the field', async () => {
    const admin = await t.token({ roles: ['admin'] });
    const refused = async (query: string, field: string) => {
      const res = await t.request('GET', `/stats/scans/summary?${query}`, { token: admin });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation-failed');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    };
    await refused('from=2026-11-30&to=2026-11-01', 'from');
    await refused('from=2026-02-31&to=2026-03-01', 'from');
    await refused('from=2025-01-01&to=2026-11-30', 'from');
    await refused('to=30/11/2026', 'to');
  });

  it('reads scans counted before outcomes were as "not recorded"', async () => {
    await t.dataSource.query(
      `INSERT INTO scan_daily (product_id, producer_id, day, province_code, district_code, commune_code, scans)
       VALUES ($1, $2, '2024-06-01', '83', '831', '28807', 5)`,
      [mine.product.productId, mine.producer.producerId],
    );
    const admin = await t.token({ roles: ['admin'] });
    const res = await t.request('GET', '/stats/scans/summary?from=2024-06-01&to=2024-06-30', {
      token: admin,
    });
    expect(res.body.byOutcome).toEqual([{ outcome: 'not-recorded', scans: 5 }]);
  });
});

describe('scan counting when a write fails (integration)', () => {
  let t: LookupHarness;

  beforeAll(async () => {
    t = await startLookup('lookup_stats_retry');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('keeps the counts of a failed flush and writes them once with the next', async () => {
    const item = await t.seedItem({ units: 1 });
    const json = { accept: 'application/json' };
    const scan = (ip: string) => t.request('GET', item.unitPaths[0], { headers: json, remoteAddress: ip });
    await scan('10.9.1.1');
    await scan('10.9.1.1');
    await scan('10.9.2.1');
    // The flush's transaction fails half-way: the daily count is written, then the unit's scan log is missing.
    await t.dataSource.query(`ALTER TABLE unit_scans RENAME TO unit_scans_away`);
    try {
      await t.flushScans();
    } finally {
      await t.dataSource.query(`ALTER TABLE unit_scans_away RENAME TO unit_scans`);
    }
    const [{ n: written }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM scan_daily`);
    expect(written).toBe(0); // rolled back with the rest
    await scan('10.9.1.1'); // counted meanwhile
    await t.flushScans();
    const [daily] = await t.dataSource.query(`SELECT sum(scans)::int AS n FROM scan_daily`);
    expect(daily.n).toBe(4);
    const perNetwork = await t.dataSource.query(
      `SELECT network_hash, sum(scans)::int AS n FROM unit_scans GROUP BY network_hash ORDER BY n`,
    );
    expect(perNetwork.map((r: { n: number }) => r.n)).toEqual([1, 3]);
    const [state] = await t.dataSource.query(`SELECT scans FROM unit_scan_state`);
    expect(state.scans).toBe(4);
    expect((await scan('10.9.3.1')).body.scans).toMatchObject({ scans: 4 });
  });
});

describe('suspicious scans are told apart by network (integration)', () => {
  let t: LookupHarness;
  const json = { accept: 'application/json' };

  beforeAll(async () => {
    // The default threshold: more than 5 distinct networks within a day.
    t = await startLookup('lookup_stats_networks');
  });

  afterAll(async () => {
    await t?.close();
  });

  /**
   * Scans of `path` from each address with its user agent, through the resolver; then the unit's history once
   * written, read from the status route (which counts no scan).
   */
  async function scanFrom(path: string, callers: { address: string; userAgent: string }[]) {
    for (const { address, userAgent } of callers) {
      const res = await t.request('GET', path, {
        headers: { ...json, 'user-agent': userAgent },
        remoteAddress: address,
      });
      expect(res.status).toBe(200);
    }
    await t.flushScans();
    return (await t.request('GET', `/status${path}`)).body.scans as { scans: number; suspicious: boolean };
  }

  const alarms = async (serial: string): Promise<{ data: Record<string, unknown> }[]> =>
    (
      await t.dataSource.query(
        `SELECT payload FROM outbox WHERE type = $1 AND payload->'data'->>'serial' = $2`,
        [LookupEvents.scanSuspicious, serial],
      )
    ).map((r: { payload: { data: Record<string, unknown> } }) => r.payload);

  it('does not flag a genuine label scanned seven times from one address with seven invented user agents', async () => {
    const item = await t.seedItem({ units: 1 });
    const forger = Array.from({ length: 7 }, (_, i) => ({
      address: '198.51.100.23',
      userAgent: `Mozilla/5.0 (Invented ${i}) Gecko/${20100101 + i}`,
    }));
    expect(await scanFrom(item.unitPaths[0], forger)).toEqual(
      expect.objectContaining({ scans: 7, suspicious: false }),
    );
    expect(await alarms(item.serials[0])).toEqual([]);
    // Page and JSON say the same.
    expect((await t.request('GET', `/p${item.unitPaths[0]}`)).body).not.toContain('Cảnh báo');
  });

  it('does not flag a display item scanned by forty shoppers behind one carrier-grade NAT address', async () => {
    const item = await t.seedItem({ units: 1 });
    const shoppers = Array.from({ length: 40 }, (_, i) => ({
      address: i % 2 ? '100.64.7.19' : '::ffff:100.64.7.200',
      userAgent: `Phone ${i}`,
    }));
    expect(await scanFrom(item.unitPaths[0], shoppers)).toEqual(
      expect.objectContaining({ scans: 40, suspicious: false }),
    );
    expect(await alarms(item.serials[0])).toEqual([]);
  });

  it('flags a label scanned from six different networks, once, naming how many', async () => {
    const item = await t.seedItem({ units: 1 });
    const copies = [
      ...Array.from({ length: 4 }, (_, i) => ({ address: `203.0.${i}.10`, userAgent: 'Zalo' })),
      { address: '2001:db8:1:1::5', userAgent: 'Zalo' },
      { address: '2001:db8:2:1::5', userAgent: 'Zalo' },
    ];
    expect(await scanFrom(item.unitPaths[0], copies.slice(0, 5))).toEqual(
      expect.objectContaining({ suspicious: false }),
    );
    expect(await scanFrom(item.unitPaths[0], copies.slice(5))).toEqual(
      expect.objectContaining({ suspicious: true }),
    );
    const events = await alarms(item.serials[0]);
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ reason: 'too-many-clients', distinctClients: 6 });
    expect((await t.request('GET', `/p${item.unitPaths[0]}`)).body).toContain('Cảnh báo');
  });

  it('does not add up the address-and-agent clients recorded before networks with the networks after', async () => {
    const item = await t.seedItem({ units: 1 });
    const { gtin } = item.batch;
    const serial = item.serials[0];
    // Six clients of the old kind within the window, as a lookup before decision 0029 wrote them.
    await t.dataSource.query(
      `INSERT INTO unit_scans (gtin, serial, client_hash, scanned_at, scans)
       SELECT $1, $2, 'legacy-' || i, now() - interval '1 minute', 1 FROM generate_series(1, 6) i`,
      [gtin, serial],
    );
    await t.dataSource.query(
      `INSERT INTO unit_scan_state (gtin, serial, first_scanned_at, last_scanned_at, scans)
       VALUES ($1, $2, now() - interval '1 minute', now() - interval '1 minute', 6)`,
      [gtin, serial],
    );
    expect(await scanFrom(item.unitPaths[0], [{ address: '203.0.113.5', userAgent: 'Zalo' }])).toEqual(
      expect.objectContaining({ scans: 7, suspicious: false }),
    );
    expect(await alarms(serial)).toEqual([]);
  });
});

describe('counting scans per outcome, going back and forth (integration)', () => {
  let t: LookupHarness;

  beforeAll(async () => {
    t = await startLookup('lookup_stats_outcomes');
  });

  afterAll(async () => {
    await t?.close();
  });

  it('adds the outcomes of a day and place together when undone, and reads them as not recorded when redone', async () => {
    const item = await t.seedItem({ units: 1 });
    await t.request('GET', item.unitPaths[0]);
    await t.request('GET', item.unitPaths[0].replace(/\/21\/.*$/, '/21/0000000000'));
    await t.flushScans();
    const counts = () =>
      t.dataSource.query(`SELECT sum(scans)::int AS scans, count(*)::int AS rows FROM scan_daily`);
    expect(await counts()).toEqual([{ scans: 2, rows: 2 }]);

    // Back to before migration 1765400000000, whatever ran after it.
    const outcomesApplied = async () =>
      (await t.dataSource.query(`SELECT 1 FROM schema_migrations WHERE timestamp = 1765400000000`)).length >
      0;
    while (await outcomesApplied()) await t.dataSource.undoLastMigration({ transaction: 'each' });
    expect(await counts()).toEqual([{ scans: 2, rows: 1 }]);
    await t.dataSource.runMigrations({ transaction: 'each' });

    const admin = await t.token({ roles: ['admin'] });
    const res = await t.request('GET', '/stats/scans/summary', { token: admin });
    expect(res.body.byOutcome).toEqual([{ outcome: 'not-recorded', scans: 2 }]);
  });
});
