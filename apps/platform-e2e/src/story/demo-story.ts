import { PRODUCER_ACCOUNTS, setUpProducers, setUpStaff, STAFF_ACCOUNTS } from './accounts';
import { Json } from './api';
import { ensureGtin, placeholderGtin, reportedCertificates, seedCatalogue } from './catalogue';
import { StoryContext } from './context';
import {
  certifyProduct,
  existingRoundCertificate,
  importHistoricalCertificates,
  recordHistoricalRound,
} from './rating';
import {
  captureEvents,
  consumerUrl,
  createBatch,
  downloadLabels,
  generateUnits,
  harvestAndPackingDocument,
  isPdf,
  issueGrowingAreaCode,
  listUnits,
  registerGrowingArea,
  releaseBatch,
} from './traceability';

/** The product the story takes through a council round and onto labelled shelves. */
export const STORY_PRODUCT = { nameVi: 'Sầu riêng', producerName: 'Công ty TNHH XNK Trái cây Chánh Thu' };
export const UNITS_PER_BATCH = 100;

export interface DemoResult {
  /** The consumer page of one real unit: the lookup service at the unit's GS1 Digital Link path. */
  consumerUrl: string;
  accounts: { email: string; password: string; roles: string[] }[];
  counts: {
    producers: number;
    products: number;
    publicProducts: number;
    importedCertificates: number;
    units: number;
  };
  sampleProduct?: { nameVi: string; productId: string };
  /** The 2022 district round, recorded under QĐ 1048 (decision 0032). */
  historicalRound: { roundId: string; name: string; rules: string };
  certificate: {
    certificateId: string;
    number: string;
    stars: number;
    expiresAt: string;
    verifyUrl?: string;
  };
  growingArea: { growingAreaId: string; code: string };
  batch: { batchId: string; lot: string; gtin: string; digitalLink: string };
  labelPdfBytes: number;
}

/**
 * The Bến Tre demo, end to end through the services' APIs, safe to run again (what exists is reused): accounts,
 * the 21-product catalogue, historical certificates and the 2022 district round (QĐ 1048), one product rated 4★
 * under today's rules (the commune proposes, the province council scores), its orchard's code, a
 * released batch with harvest and packing events, 100 signed units and their label sheet.
 */
export async function runDemoStory(ctx: StoryContext): Promise<DemoResult> {
  const staff = await setUpStaff(ctx);
  const catalogue = await seedCatalogue(ctx, staff.admin);
  const producers = await setUpProducers(ctx, staff.admin, catalogue.producers);
  const producer = producers['producer'];
  const product = catalogue.products.find(
    (p) => p.nameVi === STORY_PRODUCT.nameVi && p.producerId === producer.producerId,
  );
  if (!product)
    throw new Error(`the demo catalogue has no ${STORY_PRODUCT.nameVi} of ${STORY_PRODUCT.producerName}`);

  const imports = await importHistoricalCertificates(
    ctx,
    staff.provinceOfficer.token,
    reportedCertificates(catalogue),
  );
  const cast = { staff, producer };
  // History under the rules of its year (QĐ 1048, 2022), then a product rated under today's (QĐ 1489).
  const historicalRound = await recordHistoricalRound(ctx, cast);
  const certificate =
    (await existingRoundCertificate(ctx, staff.provinceOfficer.token, product.productId)) ??
    (await certifyProduct(ctx, cast, { ...product, productSet: 1 })).certificate;

  const area = await issueGrowingAreaCode(
    ctx,
    staff.provinceOfficer.token,
    await registerGrowingArea(ctx, producer.token),
  );
  const withGtin = await ensureGtin(ctx, producer.token, product.productId, placeholderGtin(1));
  const batch = await usableBatch(ctx, producer.token, product.productId, area);
  const units = await listUnits(ctx, producer.token, batch.batchId);
  const labels = await downloadLabels(ctx, producer.token, batch.batchId);
  if (!isPdf(labels.pdf)) throw new Error('the label sheet is not a PDF');
  ctx.log(`traceability: batch ${batch.lot} (GTIN ${withGtin.gtins[0]}), ${units.length} units, labels PDF`);

  return {
    consumerUrl: consumerUrl(ctx.urls.lookup, units[0].digitalLink),
    accounts: [{ ...ctx.admin, roles: ['admin'] }, ...STAFF_ACCOUNTS, ...PRODUCER_ACCOUNTS].map((a) => ({
      email: a.email,
      password: a.password,
      roles: a.roles,
    })),
    counts: {
      producers: catalogue.producers.length,
      products: catalogue.products.length,
      publicProducts: catalogue.products.filter((p) => p.public).length,
      importedCertificates: imports.imported + imports.alreadyThere,
      units: units.length,
    },
    sampleProduct: { nameVi: product.nameVi, productId: product.productId },
    historicalRound: {
      roundId: historicalRound.roundId,
      name: historicalRound.name,
      rules: historicalRound.rules,
    },
    certificate: {
      certificateId: certificate.certificateId,
      number: certificate.number,
      stars: certificate.stars,
      expiresAt: certificate.expiresAt,
      verifyUrl: certificate.verifyUrl,
    },
    growingArea: { growingAreaId: area.growingAreaId, code: area.code },
    batch: { batchId: batch.batchId, lot: batch.lot, gtin: batch.gtin, digitalLink: batch.digitalLink },
    labelPdfBytes: labels.pdf.length,
  };
}

/**
 * A released batch of the product with its units: the one a previous run made while it is still on sale, or a new
 * one (created, harvest and packing captured, released, 100 signed units).
 */
async function usableBatch(ctx: StoryContext, token: string, productId: string, area: Json): Promise<Json> {
  const list = await ctx.traceability.get(`/batches?productId=${productId}&status=released&limit=100`, {
    token,
  });
  for (const candidate of list.items) {
    if ((await listUnits(ctx, token, candidate.batchId)).length >= UNITS_PER_BATCH) return candidate;
  }
  let batch = await createBatch(ctx, token, productId, area.growingAreaId);
  if (batch.status === 'open') {
    const job = await captureEvents(ctx, token, harvestAndPackingDocument(batch, area));
    if (!job.success) throw new Error(`EPCIS capture failed: ${JSON.stringify(job.errors)}`);
    batch = await releaseBatch(ctx, token, batch.batchId);
  }
  if ((await listUnits(ctx, token, batch.batchId)).length < UNITS_PER_BATCH) {
    await generateUnits(ctx, token, batch.batchId, UNITS_PER_BATCH);
  }
  return batch;
}
