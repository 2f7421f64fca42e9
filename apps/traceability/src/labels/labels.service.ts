import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, ownsProducer } from '@ocop/auth';
import { DomainError } from '@ocop/contracts';
import { shortDigitalLink } from '@ocop/ocop-domain';
import { Writable } from 'node:stream';
import { DataSource } from 'typeorm';
import { bilingual, conflict, notFound, ruleViolation } from '../common/bilingual';
import { TraceabilityConfig } from '../config';
import { Batch } from '../batches/batch.entity';
import { batchNotFound, BatchesService, effectiveStatus } from '../batches/batches.service';
import { DigitalLinks } from '../digital-link/digital-links.service';
import { BackgroundJob } from '../jobs/background-job.entity';
import { readJobOutput } from '../jobs/job-output';
import { JobContext, JobRunner } from '../jobs/job-runner.service';
import { QrPool } from '../qr/qr-pool';
import { ProductDirectory } from '../read-model/product-directory.service';
import { MAX_SEQ, SerialsService } from '../serials/serials.service';
import { csvHeader, csvRows } from './csv-labels';
import { LabelItem, LabelText } from './label-content';
import { LabelDesign } from './label-layout-engine';
import { LabelTemplate, labelsPerPage } from './label-layouts';
import { designFor } from './label-request-design';
import { LabelFormat, LabelJobView, LabelRequestDto } from './labels.dto';
import { writePdfLabels } from './pdf-label-sheet';
import { zplLabel, zplPreamble } from './zpl-labels';

export const LABEL_JOB = 'labels';
/** Labels fetched, encoded and drawn per step: ten A4 pages of 24. */
const CHUNK = 240;
/** Runs smaller than this encode their QR codes on the main thread. */
const SMALL_RUN = 500;

export const CONTENT_TYPES: Record<LabelFormat, string> = {
  pdf: 'application/pdf',
  zpl: 'text/plain; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
};

interface LabelPlan {
  batch: Batch;
  request: LabelRequestDto;
  text: LabelText;
  total: number;
  template: LabelTemplate;
  design: LabelDesign;
}

/**
 * Label runs for a batch: PDF sheets, ZPL or CSV, for its serialised units (all or a range) or batch-level
 * copies. Small runs stream straight to the caller; large ones run as background jobs with progress. Either
 * way labels flow through in chunks, so a 100,000-label run needs no more memory than a 100-label one.
 */
@Injectable()
export class LabelsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly batches: BatchesService,
    private readonly serials: SerialsService,
    private readonly links: DigitalLinks,
    private readonly products: ProductDirectory,
    private readonly jobs: JobRunner,
    private readonly config: TraceabilityConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(LABEL_JOB, (context) => this.runJob(context));
  }

  /** Checks the request and counts its labels; the caller then streams or queues it. */
  async plan(actor: Actor, batchId: string, request: LabelRequestDto): Promise<LabelPlan> {
    const batch = await this.batches.readable(this.dataSource.manager, actor, batchId);
    if (!ownsProducer(actor, batch.producerId)) throw batchNotFound();
    return this.planFor(batch, request);
  }

  /** Streams the labels to `out` (ended when done); returns how many were written. */
  async write(
    plan: LabelPlan,
    out: Writable,
    onProgress: (done: number) => Promise<void>,
    signal?: AbortSignal,
  ) {
    const chunks = this.chunks(plan);
    if (plan.request.format === 'pdf') {
      const mask = this.config.LABEL_QR_MASK === 'auto' ? null : Number(this.config.LABEL_QR_MASK);
      // Starting worker threads costs more than encoding a few pages of codes.
      const threads = plan.total < SMALL_RUN ? 0 : this.config.LABEL_QR_WORKERS;
      const pool = new QrPool(threads, plan.request.ecc, mask);
      try {
        return await writePdfLabels(
          out,
          plan.template,
          plan.design,
          plan.text,
          chunks,
          pool,
          onProgress,
          signal,
        );
      } finally {
        await pool.close();
      }
    }
    let done = 0;
    if (plan.request.format === 'csv') await writeText(out, csvHeader());
    else await writeText(out, zplPreamble(plan.request.zplFont));
    for await (const items of chunks) {
      if (signal?.aborted) throw new Error('Label generation aborted');
      const text =
        plan.request.format === 'csv'
          ? csvRows(this.seqOf(plan, done), plan.batch.gtin ?? undefined, plan.text, items)
          : items.map((item) => zplLabel(plan.template, plan.design, item, plan.request.zplFont)).join('');
      await writeText(out, text);
      done += items.length;
      await onProgress(done);
    }
    await new Promise<void>((resolve, reject) =>
      out.end((err?: Error | null) => (err ? reject(err) : resolve())),
    );
    return done;
  }

  async startJob(actor: Actor, batchId: string, request: LabelRequestDto): Promise<LabelJobView> {
    const plan = await this.plan(actor, batchId, request);
    const job = await this.dataSource.transaction((manager) =>
      this.jobs.enqueue(manager, {
        kind: LABEL_JOB,
        actorId: actor.accountId,
        producerId: plan.batch.producerId,
        params: { batchId, ...request },
        total: plan.total,
      }),
    );
    this.jobs.kick();
    return this.jobView(job);
  }

  async job(actor: Actor, jobId: string): Promise<LabelJobView> {
    return this.jobView(await this.ownJob(actor, jobId));
  }

  async output(actor: Actor, jobId: string) {
    const job = await this.ownJob(actor, jobId);
    if (job.status !== 'succeeded') {
      throw conflict('job-not-finished', 'Lệnh in tem chưa xong', `The label job is ${job.status}`, {
        jobStatus: job.status,
      });
    }
    const format = job.params['format'] as LabelFormat;
    return {
      stream: readJobOutput(this.dataSource, jobId),
      contentType: CONTENT_TYPES[format],
      fileName: `labels-${jobId}.${format}`,
    };
  }

  private async runJob(context: JobContext): Promise<Record<string, unknown>> {
    const { batchId, ...request } = context.job.params as unknown as LabelRequestDto & { batchId: string };
    const batch = await this.dataSource.manager.findOneBy(Batch, { id: batchId });
    if (!batch) throw batchNotFound();
    const plan = await this.planFor(batch, Object.assign(new LabelRequestDto(), request));
    await context.progress(0, plan.total);
    const labels = await this.write(
      plan,
      context.output(),
      (done) => context.progress(done, plan.total),
      context.signal,
    );
    return {
      labels,
      ...(plan.request.format === 'pdf' ? { pages: Math.ceil(labels / labelsPerPage(plan.template)) } : {}),
    };
  }

  private async planFor(batch: Batch, request: LabelRequestDto): Promise<LabelPlan> {
    const status = effectiveStatus(batch);
    if (status === 'recalled' || status === 'expired') {
      throw conflict(
        'batch-not-labelable',
        `Không in tem cho lô ${status === 'recalled' ? 'đã bị thu hồi' : 'đã hết hạn'}`,
        `No labels for a batch that is ${status}`,
        { status },
      );
    }
    // Checked again when a queued job runs: a suspension in between stops it.
    const product = await this.products.productForLabelling(batch);
    const total = request.batchLevel
      ? request.copies
      : await this.serials.count(batch.id, request.fromSeq ?? 1, request.toSeq ?? MAX_SEQ);
    if (!total) {
      throw ruleViolation(
        'no-units',
        'fromSeq',
        'lô chưa có đơn vị có số sê-ri trong khoảng này: hãy tạo sê-ri hoặc in tem cấp lô (batchLevel)',
        'the batch has no serialised units in this range: generate serials or ask for batch-level labels (batchLevel)',
      );
    }
    const text: LabelText = {
      productNameVi: product.nameVi,
      ...(product.nameEn ? { productNameEn: product.nameEn } : {}),
      lot: batch.lot,
      ...(batch.productionDate ? { productionDate: batch.productionDate } : {}),
      ...(batch.packingDate ? { packingDate: batch.packingDate } : {}),
      ...(batch.expiryDate ? { expiryDate: batch.expiryDate } : {}),
      ...(batch.bestBeforeDate ? { bestBeforeDate: batch.bestBeforeDate } : {}),
      stars: await this.products.ocopStars(batch.productId),
    };
    return { batch, request, total, text, ...(await designFor(request, text)) };
  }

  /** The run's labels, CHUNK at a time, read from the database as they are needed. */
  private async *chunks(plan: LabelPlan): AsyncGenerator<LabelItem[]> {
    if (plan.request.batchLevel) {
      const uri = this.links.forBatch(plan.batch);
      const item = { uri, shortUri: shortDigitalLink(uri) };
      for (let left = plan.total; left > 0; left -= CHUNK) yield Array(Math.min(CHUNK, left)).fill(item);
      return;
    }
    let items: LabelItem[] = [];
    for await (const unit of this.serials.stream(
      plan.batch.id,
      plan.request.fromSeq ?? 1,
      plan.request.toSeq,
    )) {
      const uri = this.links.forUnit(plan.batch, unit.serial, unit.signature);
      items.push({ uri, shortUri: shortDigitalLink(uri), serial: unit.serial });
      if (items.length === CHUNK) {
        yield items;
        items = [];
      }
    }
    if (items.length) yield items;
  }

  private seqOf(plan: LabelPlan, index: number): number {
    return plan.request.batchLevel ? index + 1 : (plan.request.fromSeq ?? 1) + index;
  }

  private async ownJob(actor: Actor, jobId: string): Promise<BackgroundJob> {
    const job = await this.jobs.get(jobId);
    if (!job || job.kind !== LABEL_JOB || !job.producerId || !ownsProducer(actor, job.producerId)) {
      throw notFound('lệnh in tem', 'Label job');
    }
    return job;
  }

  private jobView(job: BackgroundJob): LabelJobView {
    return {
      jobId: job.id,
      status: job.status,
      done: job.done,
      ...(job.total !== null ? { total: job.total } : {}),
      format: job.params['format'] as LabelFormat,
      layout: job.params['layout'] as LabelJobView['layout'],
      createdAt: job.createdAt.toISOString(),
      ...(job.startedAt ? { startedAt: job.startedAt.toISOString() } : {}),
      ...(job.finishedAt ? { finishedAt: job.finishedAt.toISOString() } : {}),
      ...(job.status === 'succeeded' ? { outputUrl: `/label-jobs/${job.id}/output` } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
  }
}

/** Writes respecting back-pressure: waits for 'drain' when the reader is behind. */
async function writeText(out: Writable, text: string): Promise<void> {
  if (out.write(text)) return;
  await new Promise<void>((resolve, reject) => {
    const onDrain = () => (cleanup(), resolve());
    const onClose = () => (
      cleanup(),
      reject(new DomainError('client-gone', 499, bilingual('Đã ngắt kết nối', 'Client gone')))
    );
    const cleanup = () => {
      out.off('drain', onDrain);
      out.off('close', onClose);
    };
    out.on('drain', onDrain);
    out.on('close', onClose);
  });
}
