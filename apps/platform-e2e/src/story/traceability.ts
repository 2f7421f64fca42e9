import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, eventually, Json } from './api';
import { StoryContext } from './context';

/** Chánh Thu's durian orchard in Hòa Nghĩa (Chợ Lách, Bến Tre): GSO district 832, commune 28882. */
export const ORCHARD = {
  name: 'Vườn sầu riêng Chánh Thu, xã Hòa Nghĩa',
  crop: 'Sầu riêng',
  variety: 'Ri6',
  cropCycle: 'perennial',
  areaHa: 2.5,
  standard: 'vietgap',
  standardDetail: 'VietGAP (số chứng nhận mẫu)',
  expectedYieldTonnesPerYear: 40,
  facilityName: 'Công ty TNHH XNK Trái cây Chánh Thu',
  place: { provinceCode: '83', districtCode: '832', communeCode: '28882' },
} as const;

/** The producer registers the orchard (or finds it registered before, by name). */
export async function registerGrowingArea(ctx: StoryContext, producerToken: string): Promise<Json> {
  const list = await ctx.traceability.get('/growing-areas?limit=100', { token: producerToken });
  const existing = list.items.find((a: Json) => a.name === ORCHARD.name && a.status !== 'cancelled');
  if (existing) return existing;
  return ctx.traceability.post('/growing-areas', {
    token: producerToken,
    body: ORCHARD,
    idempotencyKey: `demo-growing-area-${randomUUID()}`,
    expect: 201,
  });
}

/** An officer of the territory issues the area's code (VN-83-832-28882-nn-yy), unless it has one. */
export async function issueGrowingAreaCode(
  ctx: StoryContext,
  officerToken: string,
  area: Json,
): Promise<Json> {
  if (area.status === 'issued') return area;
  const issued = await ctx.traceability.post(`/growing-areas/${area.growingAreaId}/issue`, {
    token: officerToken,
    body: { reason: 'Quyết định cấp mã số vùng trồng (dữ liệu mẫu)' },
    expect: 200,
  });
  ctx.log(`traceability: growing area code ${issued.code}`);
  return issued;
}

/** A lot number from the harvest day: SR + YYMMDD (GS1 set 82). */
export const lotFor = (harvestDate: string) => `SR${harvestDate.slice(2).replace(/-/g, '')}`;

/** A batch of the certified durian from the orchard: harvested two days ago, packed yesterday. */
export async function createBatch(
  ctx: StoryContext,
  producerToken: string,
  productId: string,
  growingAreaId: string,
): Promise<Json> {
  const harvestDate = ctx.today(-2);
  // The product's GTIN, named so that traceability opens a GS1 batch only once it has heard of it: a product it knows
  // without GTIN would get a /t/ batch (decision 0048).
  const { gtins } = await ctx.catalogue.get(`/products/${productId}`, { token: producerToken });
  const body = {
    productId,
    ...(gtins?.length ? { gtin: gtins[0] } : {}),
    lot: lotFor(harvestDate),
    quantity: 400,
    unit: 'KGM',
    harvestDate,
    packingDate: ctx.today(-1),
    bestBeforeDate: ctx.today(30),
    growingAreaIds: [growingAreaId],
  };
  // Traceability learns the product and its new GTIN from the catalogue's events: retry briefly until it has.
  try {
    return await eventually(
      () => ctx.traceability.post('/batches', { token: producerToken, body, expect: 201 }),
      {
        retryOn: (e) => e instanceof ApiError && (e.status === 422 || e.code === 'gtin-not-of-product'),
      },
    );
  } catch (err) {
    if (err instanceof ApiError && err.code === 'lot-exists') {
      const found = await ctx.traceability.get(
        `/batches?productId=${productId}&lot=${encodeURIComponent(body.lot)}`,
        { token: producerToken },
      );
      return found.items.find((b: Json) => b.lot === body.lot);
    }
    throw err;
  }
}

const EPCIS_CONTEXT = [
  'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld',
  { ocop: 'https://ocop.example/epcis/' },
];

/** The batch as an EPCIS class (its Digital Link without the date query). */
export const batchClass = (batch: Json) => String(batch.digitalLink).split('?')[0];

/** Harvest in the orchard (creating the lot) and packing at the farm, as EPCIS 2.0 ObjectEvents. */
export function harvestAndPackingDocument(batch: Json, area: Json): Json {
  const epcClass = batchClass(batch);
  const orchard = { 'ocop:growingAreaCode': area.code };
  return {
    '@context': EPCIS_CONTEXT,
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: new Date().toISOString(),
    epcisBody: {
      eventList: [
        {
          type: 'ObjectEvent',
          eventID: `urn:uuid:${randomUUID()}`,
          eventTime: `${batch.harvestDate}T06:30:00+07:00`,
          eventTimeZoneOffset: '+07:00',
          action: 'ADD',
          bizStep: 'creating_class_instance',
          disposition: 'active',
          epcList: [],
          quantityList: [{ epcClass, quantity: 420, uom: 'KGM' }],
          readPoint: { id: 'geo:10.2600,106.1265' },
          ...orchard,
        },
        {
          type: 'ObjectEvent',
          eventID: `urn:uuid:${randomUUID()}`,
          eventTime: `${batch.packingDate}T09:00:00+07:00`,
          eventTimeZoneOffset: '+07:00',
          action: 'OBSERVE',
          bizStep: 'packing',
          disposition: 'in_progress',
          epcList: [],
          quantityList: [{ epcClass, quantity: 400, uom: 'KGM' }],
          readPoint: { id: 'geo:10.2600,106.1265' },
          ...orchard,
        },
      ],
    },
  };
}

/** Captures an EPCIS document and waits for the capture job to finish; returns the job. */
export async function captureEvents(ctx: StoryContext, producerToken: string, doc: Json): Promise<Json> {
  const accepted = await ctx.traceability.post('/capture', {
    token: producerToken,
    raw: { contentType: 'application/ld+json', payload: JSON.stringify(doc) },
    expect: 202,
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = await ctx.traceability.get(`/capture/${accepted.captureID}`, { token: producerToken });
    if (!job.running) return job;
    if (Date.now() > deadline) throw new Error(`capture ${accepted.captureID} still running after 20 s`);
    await sleep(100);
  }
}

export function releaseBatch(ctx: StoryContext, producerToken: string, batchId: string): Promise<Json> {
  return ctx.traceability.post(`/batches/${batchId}/release`, { token: producerToken, expect: 200 });
}

export function generateUnits(
  ctx: StoryContext,
  producerToken: string,
  batchId: string,
  count: number,
): Promise<Json> {
  return ctx.traceability.post(`/batches/${batchId}/units`, {
    token: producerToken,
    body: { count, signed: true },
    idempotencyKey: `demo-units-${batchId}`,
    expect: 201,
  });
}

export async function listUnits(ctx: StoryContext, producerToken: string, batchId: string): Promise<Json[]> {
  const page = await ctx.traceability.get(`/batches/${batchId}/units?limit=1000`, { token: producerToken });
  return page.items;
}

/** The label sheet (A4, 3 × 8) of every unit, as PDF bytes. */
export async function downloadLabels(
  ctx: StoryContext,
  producerToken: string,
  batchId: string,
): Promise<{ pdf: Buffer; count: number; contentType: string }> {
  const reply = await ctx.traceability.download(`/batches/${batchId}/labels?format=pdf`, {
    token: producerToken,
  });
  return {
    pdf: reply.body,
    count: Number(reply.headers.get('x-label-count')),
    contentType: reply.headers.get('content-type') ?? '',
  };
}

export const isPdf = (bytes: Buffer) => bytes.subarray(0, 5).toString('latin1') === '%PDF-';

/** Where a consumer lands when scanning a unit: the lookup service at the unit's Digital Link path. */
export function consumerUrl(lookupBaseUrl: string, digitalLink: string): string {
  const link = new URL(digitalLink);
  return `${lookupBaseUrl}${link.pathname}${link.search}`;
}
