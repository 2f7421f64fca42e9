/**
 * A batch's journey as the shopper's page (apps/lookup, page/journey.ts) tells it: the same steps, named by the same
 * rules, in the same order, so that the producer sees what a shopper will. The words are in this area's locale files
 * (batches.journey.*), copied from lookup's.
 */

/** Every CBV 2.0 business step lookup names; any other step (another vocabulary's URI) is "another step". */
export const BUSINESS_STEPS = [
  'accepting',
  'arriving',
  'assembling',
  'collecting',
  'commissioning',
  'consigning',
  'creating_class_instance',
  'cycle_counting',
  'decommissioning',
  'departing',
  'destroying',
  'disassembling',
  'dispensing',
  'encoding',
  'entering_exiting',
  'holding',
  'inspecting',
  'installing',
  'killing',
  'loading',
  'other',
  'packing',
  'picking',
  'receiving',
  'removing',
  'repackaging',
  'repairing',
  'replacing',
  'reserving',
  'retail_selling',
  'shipping',
  'staging_outbound',
  'stock_taking',
  'stocking',
  'storing',
  'transporting',
  'unloading',
  'unpacking',
  'void_shipping',
  'sensor_reporting',
  'sampling',
] as const;

/** The dispositions a shopper hears about, as a note on the step; the others are a warehouse's bookkeeping. */
export const DISPOSITIONS = [
  'recalled',
  'destroyed',
  'disposed',
  'damaged',
  'expired',
  'in_transit',
  'retail_sold',
  'returned',
  'stolen',
  'conformant',
  'non_conformant',
] as const;

const EVENT_TYPES = [
  'ObjectEvent',
  'AggregationEvent',
  'TransactionEvent',
  'TransformationEvent',
  'AssociationEvent',
];

/** An event as the EPCIS query answers it (only the fields the journey reads are typed). */
export interface TraceEvent {
  type: string;
  eventID?: string;
  eventTime: string;
  bizStep?: string;
  disposition?: string;
  errorDeclaration?: unknown;
  [field: string]: unknown;
}

export interface JourneyStep {
  /** An instant (ISO) for an event; a Vietnamese calendar date (YYYY-MM-DD) for the batch's harvest date. */
  at: string;
  kind: 'instant' | 'date';
  /** i18n keys of the step's name and of its note. */
  label: string;
  note?: string;
  /** Declared erroneous by a later errorDeclaration: shown struck through. */
  corrected: boolean;
  /** The event behind the step, for the producer's own details (absent for the harvest date). */
  event?: TraceEvent;
}

/** CBV terms come as bare words, Web URIs or URNs; the repository stores (and lookup reads) the bare word. */
export function cbvTerm(kind: 'bizStep' | 'disposition', value: string): string {
  const forms =
    kind === 'bizStep'
      ? [/^https:\/\/ref\.gs1\.org\/cbv\/BizStep-(\w+)$/, /^urn:epcglobal:cbv:bizstep:(\w+)$/]
      : [/^https:\/\/ref\.gs1\.org\/cbv\/Disp-(\w+)$/, /^urn:epcglobal:cbv:disp:(\w+)$/];
  for (const form of forms) {
    const match = form.exec(value);
    if (match) return match[1];
  }
  return value;
}

const known = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

function labelOf(e: TraceEvent): { label: string; note?: string } {
  const step = e.bizStep ? cbvTerm('bizStep', e.bizStep) : undefined;
  const disposition = e.disposition ? cbvTerm('disposition', e.disposition) : undefined;
  const note = known(DISPOSITIONS, disposition) ? `batches.journey.dispositions.${disposition}` : undefined;
  const other = 'batches.journey.steps.other';
  if (step) {
    const label = known(BUSINESS_STEPS, step)
      ? `batches.journey.steps.${step}`
      : /\/voc\/BizStep-input_application$/.test(step)
        ? 'batches.journey.steps.input_application'
        : other;
    return note ? { label, note } : { label };
  }
  if (disposition === 'recalled') return { label: 'batches.journey.recall' };
  const label = EVENT_TYPES.includes(e.type) ? `batches.journey.types.${e.type}` : other;
  return note ? { label, note } : { label };
}

/** Midnight of a Vietnamese calendar day, in ms: where a date-only step sorts among instants. */
const startOfVietnamDay = (day: string): number => Date.parse(`${day}T00:00:00+07:00`);

/**
 * The steps in the order things happened. The harvest stands at the batch's harvest date when no event records it
 * (uncorrected); an errorDeclaration is not a step but strikes through the event it corrects.
 */
export function journeyOf(events: TraceEvent[], harvestDate: string | undefined): JourneyStep[] {
  const corrected = new Set(events.filter((e) => e.errorDeclaration).map((e) => e.eventID));
  const steps: JourneyStep[] = events
    .filter((e) => !e.errorDeclaration)
    .map((e) => ({
      at: new Date(e.eventTime).toISOString(),
      kind: 'instant' as const,
      ...labelOf(e),
      corrected: corrected.has(e.eventID),
      event: e,
    }));
  const harvested = events.some(
    (e) =>
      !e.errorDeclaration &&
      !corrected.has(e.eventID) &&
      e.bizStep !== undefined &&
      cbvTerm('bizStep', e.bizStep) === 'creating_class_instance',
  );
  if (harvestDate && !harvested) {
    steps.push({
      at: harvestDate.slice(0, 10),
      kind: 'date',
      label: 'batches.journey.harvest',
      corrected: false,
    });
  }
  const key = (s: JourneyStep) => (s.kind === 'date' ? startOfVietnamDay(s.at) : Date.parse(s.at));
  // Stable: steps at the same instant keep the query's order.
  return steps
    .map((s, i) => ({ s, i, k: key(s) }))
    .sort((x, y) => x.k - y.k || x.i - y.i)
    .map(({ s }) => s);
}
