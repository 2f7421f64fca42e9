import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { DomainError, Role } from '@ocop/contracts';
import { DataSource } from 'typeorm';
import { bilingual, conflict, notFound } from '../../common/bilingual';
import { TraceabilityConfig } from '../../config';
import { BackgroundJob } from '../../jobs/background-job.entity';
import { JobContext, JobRunner } from '../../jobs/job-runner.service';
import { CatalogueProducer } from '../../read-model/catalogue-producer.entity';
import { epcisSchemaProblems, EpcisProblem, eventsOf } from '../epcis-schema';
import { TraceEventStore } from '../trace-event-store';
import { CaptureErrorBehaviour, CapturedEventView, CaptureJobView } from './capture.dto';

export const CAPTURE_JOB = 'epcis-capture';
const DOCUMENT_TYPES = ['EPCISDocument', 'EPCISQueryDocument'];

/** The job's parameters; the document itself waits in capture_documents, so that status polls stay light. */
interface CaptureParams {
  behaviour: CaptureErrorBehaviour;
  roles: Role[];
}

/** Thrown inside the storing transaction to roll it back and report the problems. */
class CaptureRejected extends DomainError {
  constructor(readonly problems: EpcisProblem[]) {
    super(
      'capture-rejected',
      400,
      bilingual('Tài liệu EPCIS không được ghi nhận', 'The EPCIS document was not captured'),
      bilingual(
        `${problems.length} lỗi; không sự kiện nào được lưu`,
        `${problems.length} problem(s); no event was stored`,
      ),
      { errors: problems },
    );
  }
}

/** How POST /events answers an event refused for its eventID (TraceEventStore.claimEventIds). */
const EVENT_ID_PROBLEMS: Record<string, { status: number; title: string }> = {
  'event-id-taken': { status: 409, title: bilingual('eventID đã được dùng', 'eventID already taken') },
  'declared-event-not-yours': {
    status: 403,
    title: bilingual(
      'Không có quyền khai báo sự kiện này là sai',
      'Not allowed to declare this event erroneous',
    ),
  },
  'declared-event-unknown': {
    status: 404,
    title: bilingual('Không có sự kiện để khai báo là sai', 'No such event to declare erroneous'),
  },
};

const fieldErrors = (problems: EpcisProblem[]) =>
  problems.map((p) => ({ field: p.field, message: p.message, code: p.code }));

/**
 * EPCIS capture. A document is accepted at once (202) and stored by a background job: validated against the
 * EPCIS 2.0 JSON Schema, each EPC matched to its batch or unit and checked against the capturer's rights, then
 * stored in one transaction: all or nothing (GS1-Capture-Error-Behaviour: rollback, the default), or every valid
 * event with the others reported (proceed). Single events (POST /events) take the same path synchronously.
 */
@Injectable()
export class CaptureService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: TraceEventStore,
    private readonly jobs: JobRunner,
    private readonly config: TraceabilityConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register(CAPTURE_JOB, (context) => this.run(context));
  }

  async accept(actor: Actor, document: unknown, behaviour: CaptureErrorBehaviour): Promise<CaptureJobView> {
    const type = (document as { type?: unknown })?.type;
    if (typeof document !== 'object' || document === null || !DOCUMENT_TYPES.includes(type as string)) {
      throw new DomainError(
        'not-an-epcis-document',
        400,
        bilingual('Không phải tài liệu EPCIS', 'Not an EPCIS document'),
        bilingual(
          'type phải là EPCISDocument (hoặc EPCISQueryDocument)',
          'type must be EPCISDocument (or EPCISQueryDocument)',
        ),
        { errors: [{ field: 'type', message: 'EPCISDocument | EPCISQueryDocument' }] },
      );
    }
    const count = eventsOf(document).length;
    if (count > this.config.CAPTURE_MAX_EVENTS) {
      throw new DomainError(
        'capture-limit-exceeded',
        413,
        bilingual('Quá nhiều sự kiện trong một lần ghi', 'Too many events in one capture'),
        bilingual(
          `${count} sự kiện, tối đa ${this.config.CAPTURE_MAX_EVENTS}: hãy chia tài liệu`,
          `${count} events, at most ${this.config.CAPTURE_MAX_EVENTS}: split the document`,
        ),
        { eventCount: count, limit: this.config.CAPTURE_MAX_EVENTS },
      );
    }
    await this.refuseIfSuspended(actor.producerId);
    const params: CaptureParams = { behaviour, roles: actor.roles };
    const job = await this.dataSource.transaction(async (manager) => {
      const queued = await this.jobs.enqueue(manager, {
        kind: CAPTURE_JOB,
        actorId: actor.accountId,
        producerId: actor.producerId ?? null,
        params: params as unknown as Record<string, unknown>,
        total: count,
      });
      await manager.query(`INSERT INTO capture_documents (job_id, document) VALUES ($1, $2)`, [
        queued.id,
        JSON.stringify(document),
      ]);
      return queued;
    });
    this.jobs.kick();
    return this.view(job);
  }

  async status(actor: Actor, captureId: string): Promise<CaptureJobView> {
    const job = await this.jobs.get(captureId);
    if (
      !job ||
      job.kind !== CAPTURE_JOB ||
      !(job.actorId === actor.accountId || actor.roles.includes('admin'))
    ) {
      throw notFound('lần ghi EPCIS', 'Capture job');
    }
    return this.view(job);
  }

  /** POST /events: one event, stored before the answer. */
  async captureOne(actor: Actor, event: unknown): Promise<CapturedEventView> {
    const schemaProblems = epcisSchemaProblems(event, true);
    if (schemaProblems.length) throw this.invalidEvent(schemaProblems);
    await this.refuseIfSuspended(actor.producerId);
    return this.dataSource.transaction(async (manager) => {
      const { prepared, problems } = await this.store.prepare(
        manager,
        [event as Record<string, unknown>],
        actor,
      );
      if (problems.length) {
        const forbidden = problems.every((p) => p.code === 'epc-not-yours');
        const idProblem = EVENT_ID_PROBLEMS[problems[0].code];
        throw forbidden
          ? new DomainError(
              'epc-not-yours',
              403,
              bilingual('Không có quyền ghi sự kiện này', 'Not allowed to record this event'),
              bilingual(
                'Sự kiện nêu mã không thuộc lô hoặc đơn vị của bạn',
                'The event names EPCs that are not of your batches or units',
              ),
              { errors: fieldErrors(problems) },
            )
          : idProblem
            ? new DomainError(problems[0].code, idProblem.status, idProblem.title, problems[0].message, {
                eventID: problems[0].eventID,
                errors: fieldErrors(problems),
              })
            : this.invalidEvent(problems);
      }
      const context = (event as Record<string, unknown>)['@context'];
      const { stored } = await this.store.store(manager, prepared, context, 'capture', null);
      return { eventID: prepared[0].eventID, traceEventId: prepared[0].id, stored: stored.length === 1 };
    });
  }

  private invalidEvent(problems: EpcisProblem[]): DomainError {
    return new DomainError(
      'invalid-epcis-event',
      400,
      bilingual('Sự kiện EPCIS không hợp lệ', 'Invalid EPCIS event'),
      problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      { errors: fieldErrors(problems) },
    );
  }

  private async run(context: JobContext): Promise<Record<string, unknown>> {
    const { behaviour, roles } = context.job.params as unknown as CaptureParams;
    const [row] = (await this.dataSource.query(`SELECT document FROM capture_documents WHERE job_id = $1`, [
      context.job.id,
    ])) as { document: Record<string, unknown> }[];
    if (!row) throw new Error(`Capture ${context.job.id} has no document`);
    const document = row.document;
    const actor: Actor = {
      accountId: context.job.actorId,
      roles,
      ...(context.job.producerId ? { producerId: context.job.producerId } : {}),
      language: 'vi',
    };
    try {
      // Queued before a suspension: it does not run after it, as a label job does not.
      await this.refuseIfSuspended(context.job.producerId);
    } catch (err) {
      await this.forget(context.job.id);
      throw err;
    }
    const events = eventsOf(document);
    await context.progress(0, events.length);
    const schemaProblems = epcisSchemaProblems(document);
    const documentProblems = schemaProblems.filter((p) => p.eventIndex === undefined);
    if (documentProblems.length || (schemaProblems.length && behaviour === 'rollback')) {
      await this.forget(context.job.id);
      throw new CaptureRejected(schemaProblems);
    }
    const invalid = new Set(schemaProblems.map((p) => p.eventIndex));
    const candidates = events
      .map((event, index) => ({ event, index }))
      .filter(({ index }) => !invalid.has(index));
    return this.dataSource.transaction(async (manager) => {
      const { prepared, problems } = await this.store.prepare(
        manager,
        candidates.map((c) => c.event),
        actor,
      );
      // prepare() numbers events within what it was given; report them by their place in the document.
      const located = problems.map((p) => ({ ...p, eventIndex: candidates[p.eventIndex ?? 0].index }));
      for (const p of prepared) p.index = candidates[p.index].index;
      const allProblems = [...schemaProblems, ...located].sort(
        (a, b) => (a.eventIndex ?? -1) - (b.eventIndex ?? -1),
      );
      if (located.length && behaviour === 'rollback') {
        await this.forget(context.job.id);
        throw new CaptureRejected(allProblems);
      }
      const outcome = await this.store.store(
        manager,
        prepared,
        document['@context'],
        'capture',
        context.job.id,
      );
      await manager.query(`DELETE FROM capture_documents WHERE job_id = $1`, [context.job.id]);
      await context.progress(events.length, events.length);
      return {
        eventCount: events.length,
        storedCount: outcome.stored.length,
        duplicateCount: outcome.duplicates,
        errors: allProblems,
      };
    });
  }

  /**
   * A suspended producer records nothing more about its goods (decision 0023): an event it captured now would
   * reach the public journey of its lots. Recalls stay with officers (POST /batches/{id}/recall).
   */
  private async refuseIfSuspended(producerId: string | null | undefined): Promise<void> {
    if (!producerId) return;
    const producer = await this.dataSource.getRepository(CatalogueProducer).findOneBy({ id: producerId });
    if (producer?.status !== 'suspended') return;
    throw conflict(
      'producer-suspended',
      'Chủ thể đang bị tạm ngưng: không được ghi thêm sự kiện truy xuất',
      'The producer is suspended: no more trace events may be recorded',
      { producerStatus: producer.status },
    );
  }

  /** A rejected document is not kept: the job's errors say what was wrong with it. */
  private async forget(jobId: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM capture_documents WHERE job_id = $1`, [jobId]);
  }

  private view(job: BackgroundJob): CaptureJobView {
    const params = job.params as unknown as CaptureParams;
    const result = job.result as {
      storedCount?: number;
      duplicateCount?: number;
      errors?: EpcisProblem[];
    } | null;
    const failure = job.error
      ? ((job.error['errors'] as EpcisProblem[] | undefined) ?? [
          { field: 'document', code: job.error.code, message: job.error.detail ?? job.error.title },
        ])
      : [];
    const errors = result?.errors ?? failure;
    return {
      captureID: job.id,
      createdAt: job.createdAt.toISOString(),
      ...(job.finishedAt ? { finishedAt: job.finishedAt.toISOString() } : {}),
      running: job.status === 'queued' || job.status === 'running',
      success: job.status === 'succeeded' && errors.length === 0,
      captureErrorBehaviour: params.behaviour,
      eventCount: job.total ?? 0,
      ...(result?.storedCount !== undefined ? { storedCount: result.storedCount } : {}),
      ...(result?.duplicateCount !== undefined ? { duplicateCount: result.duplicateCount } : {}),
      errors,
    };
  }
}
