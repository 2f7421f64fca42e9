import type { LabelFormat, LabelJob, LabelRequest, TemplateId } from './templates';

/** Units one request may create, as the units DTO allows (a deployment may allow fewer: the service then says so). */
export const MAX_QUANTITY = 1_000_000;

export type QuantityProblem = 'required' | 'whole' | 'min' | 'max';

/** What is wrong with the number of labels asked for, before anything is sent. */
export function quantityProblem(value: unknown): QuantityProblem | undefined {
  if (value === null || value === undefined || value === '') return 'required';
  const n = Number(value);
  if (!Number.isFinite(n) || !Number.isInteger(n)) return 'whole';
  if (n < 1) return 'min';
  if (n > MAX_QUANTITY) return 'max';
  return undefined;
}

/** The serialised units a run prints: sequence numbers in the batch, both ends included. */
export interface UnitRange {
  firstSeq: number;
  lastSeq: number;
}

/**
 * New labels are new units: each gets a serial nobody can guess and its AI 8030 signature, so that a shopper's
 * or a retailer's scan tells a genuine label from a copied one (decision 0013).
 */
export const unitsRequest = (quantity: number) => ({ count: quantity, signed: true });

/**
 * A label job for the units of `range`. The generated schema types the DTO's transformed booleans and numbers
 * (batchLevel, copies, cropMarks) as required objects; the service gives them defaults, so they are left out.
 */
export function jobRequest(format: LabelFormat, layout: TemplateId, range: UnitRange): LabelRequest {
  return { format, layout, fromSeq: range.firstSeq, toSeq: range.lastSeq } as unknown as LabelRequest;
}

export type RunState = 'queued' | 'running' | 'done' | 'failed';

export interface RunProgress {
  state: RunState;
  done: number;
  total?: number;
  /** 0–100, whole; undefined while the job does not know its size yet. */
  percent?: number;
}

/** Where a label job stands, as a person follows it. */
export function progressOf(job: Pick<LabelJob, 'status' | 'done' | 'total'>): RunProgress {
  const total = job.total ?? undefined;
  const state: RunState =
    job.status === 'succeeded' ? 'done' : job.status === 'failed' ? 'failed' : job.status;
  const percent =
    state === 'done'
      ? 100
      : total
        ? Math.min(99, Math.floor((job.done / total) * 100))
        : state === 'queued'
          ? 0
          : undefined;
  return {
    state,
    done: job.done,
    ...(total !== undefined ? { total } : {}),
    ...(percent !== undefined ? { percent } : {}),
  };
}

/** A job is followed until it ends. */
export const isFinished = (job: Pick<LabelJob, 'status'> | undefined): boolean =>
  job?.status === 'succeeded' || job?.status === 'failed';

export type LabellingBlock =
  | 'recalled'
  | 'expired'
  | 'producerSuspended'
  | 'productDiscontinued'
  | 'productDraft';

/**
 * Why no label may be printed for this batch now, as the service would refuse it (decision 0023): a recalled or
 * expired batch, a suspended producer, a product not on sale. Undefined when labels may be made; the service
 * checks again on every request.
 */
export function labellingBlock(
  batch: { status: string },
  product?: { status: string },
  producer?: { status: string },
): LabellingBlock | undefined {
  if (batch.status === 'recalled') return 'recalled';
  if (batch.status === 'expired') return 'expired';
  if (producer?.status === 'suspended') return 'producerSuspended';
  if (product?.status === 'discontinued') return 'productDiscontinued';
  if (product?.status === 'draft') return 'productDraft';
  return undefined;
}

/** An Idempotency-Key: one per run the person asked for, so that a retry after a lost answer mints no new units. */
export function newRunKey(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  return `labels-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}
