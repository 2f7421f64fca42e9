import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, ownsProducer } from '@ocop/auth';
import {
  BatchCreatedV1,
  BatchRecalledV1,
  BatchReleasedV1,
  BatchSnapshotV1,
  BatchStatus,
  DomainError,
  FieldError,
  TraceabilityEvents,
} from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { parseGtin, productCodeOf } from '@ocop/ocop-domain';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  bilingual,
  conflict,
  invalidFields,
  notFound,
  ruleViolation,
  uniqueViolation,
} from '../common/bilingual';
import { decodeCursor, Page, toPage } from '@ocop/service-kit';
import { dateInVietnam, yearInVietnam } from '../common/vietnam-time';
import { DigitalLinks } from '../digital-link/digital-links.service';
import { PlatformTraceEvents } from '../epcis/platform-trace-events';
import { CatalogueProduct } from '../read-model/catalogue-product.entity';
import { ProductDirectory } from '../read-model/product-directory.service';
import { mayReadProducerData, officerCoversProducer, readableProducerDataWhere } from './batch-access';
import { BatchListQuery, BatchView, CreateBatchDto } from './batch.dto';
import { Batch } from './batch.entity';
import { batchDateErrors, lotCodeProblem } from './batch-rules';

export const batchNotFound = () => notFound('lô hàng', 'Batch');

/** A batch past its expiry (or best-before) date in Vietnam is expired, whatever it was before, unless recalled. */
export function effectiveStatus(
  batch: Pick<Batch, 'status' | 'expiryDate' | 'bestBeforeDate'>,
  today = dateInVietnam(),
) {
  const end = batch.expiryDate ?? batch.bestBeforeDate;
  return batch.status !== 'recalled' && end && end < today ? 'expired' : batch.status;
}

interface BatchLinks {
  growingAreas: { growingAreaId: string; code: string }[];
  packingHouse?: { packingHouseId: string; code: string };
  inputs: BatchSnapshotV1['inputs'];
}

/**
 * Batches (lots): opened by a producer for one of its own active products, made from its issued growing areas,
 * packed in its packing house, possibly from its other batches; released to the market, or recalled.
 */
@Injectable()
export class BatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly products: ProductDirectory,
    private readonly links: DigitalLinks,
    private readonly outbox: EventOutbox,
    private readonly traceEvents: PlatformTraceEvents,
  ) {}

  async create(manager: EntityManager, actor: Actor, dto: CreateBatchDto): Promise<BatchView> {
    const product = await this.products.productForBatch(actor, dto.productId, manager);
    const gtin = this.gtinFor(product, dto.gtin);
    if (gtin !== null) await this.assertGtinNotUsedByAnother(manager, gtin, product.producerId);
    const lotProblem = lotCodeProblem(dto.lot);
    if (lotProblem) throw ruleViolation('invalid-lot', 'lot', lotProblem.vi, lotProblem.en);
    const dates = {
      harvestDate: dto.harvestDate,
      productionDate: dto.productionDate,
      packingDate: dto.packingDate,
      expiryDate: dto.expiryDate,
      bestBeforeDate: dto.bestBeforeDate,
    };
    const dateErrors = batchDateErrors(dates, yearInVietnam());
    if (dateErrors.length) throw invalidFields(dateErrors);

    const producerId = product.producerId;
    const linkErrors: FieldError[] = [];
    const areas = await this.issuedSites(manager, 'growing_areas', producerId, dto.growingAreaIds ?? []);
    (dto.growingAreaIds ?? []).forEach((id, i) => {
      if (!areas.has(id)) {
        linkErrors.push({
          field: `growingAreaIds[${i}]`,
          message: bilingual(
            'không phải vùng trồng đã cấp mã của bạn',
            'not one of your growing areas with an issued code',
          ),
        });
      }
    });
    const houses = await this.issuedSites(
      manager,
      'packing_houses',
      producerId,
      dto.packingHouseId ? [dto.packingHouseId] : [],
    );
    if (dto.packingHouseId && !houses.has(dto.packingHouseId)) {
      linkErrors.push({
        field: 'packingHouseId',
        message: bilingual(
          'không phải cơ sở đóng gói đã cấp mã của bạn',
          'not one of your packing houses with an issued code',
        ),
      });
    }
    const inputs = dto.inputs ?? [];
    const inputRows = inputs.length
      ? ((await manager.query(`SELECT id, status FROM batches WHERE id = ANY($1) AND producer_id = $2`, [
          inputs.map((i) => i.batchId),
          producerId,
        ])) as { id: string; status: BatchStatus }[])
      : [];
    const inputStatus = new Map(inputRows.map((r) => [r.id, r.status]));
    inputs.forEach((input, i) => {
      const status = inputStatus.get(input.batchId);
      if (!status) {
        linkErrors.push({
          field: `inputs[${i}].batchId`,
          message: bilingual('không phải lô của bạn', 'not one of your batches'),
        });
      } else if (status === 'recalled') {
        linkErrors.push({
          field: `inputs[${i}].batchId`,
          message: bilingual('lô đã bị thu hồi', 'that batch is recalled'),
        });
      }
    });
    if (linkErrors.length) throw invalidFields(linkErrors);

    const now = new Date();
    const batch = Object.assign(new Batch(), {
      id: randomUUID(),
      producerId,
      productId: product.id,
      gtin,
      lot: dto.lot,
      quantity: dto.quantity,
      unit: dto.unit,
      harvestDate: dto.harvestDate ?? null,
      productionDate: dto.productionDate ?? null,
      packingDate: dto.packingDate ?? null,
      expiryDate: dto.expiryDate ?? null,
      bestBeforeDate: dto.bestBeforeDate ?? null,
      packingHouseId: dto.packingHouseId ?? null,
      status: 'open',
      releasedAt: null,
      recalledAt: null,
      recallReason: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    } satisfies Batch);
    try {
      // A savepoint: the caller's transaction (with its idempotency key) survives to report the conflict.
      await manager.transaction((inner) => inner.getRepository(Batch).insert(batch));
    } catch (err) {
      if (uniqueViolation(err) === undefined) throw err;
      throw ruleViolation(
        'lot-exists',
        'lot',
        `lô ${dto.lot} của ${gtin ? `GTIN ${gtin}` : 'sản phẩm'} đã có`,
        `lot ${dto.lot} of ${gtin ? `GTIN ${gtin}` : 'the product'} already exists`,
        409,
      );
    }
    for (const areaId of dto.growingAreaIds ?? []) {
      await manager.query(`INSERT INTO batch_growing_areas (batch_id, growing_area_id) VALUES ($1, $2)`, [
        batch.id,
        areaId,
      ]);
    }
    for (const input of inputs) {
      await manager.query(
        `INSERT INTO batch_inputs (batch_id, input_batch_id, quantity, unit) VALUES ($1, $2, $3, $4)`,
        [batch.id, input.batchId, input.quantity ?? null, input.unit ?? null],
      );
    }
    const snapshot = await this.snapshot(manager, batch);
    await this.outbox.add<BatchCreatedV1>(manager, {
      type: TraceabilityEvents.batchCreated,
      subject: batch.id,
      data: { batch: snapshot, actorId: actor.accountId },
    });
    await this.traceEvents.batchCreated(manager, snapshot);
    return this.viewOf(batch, snapshot);
  }

  async get(actor: Actor, id: string): Promise<BatchView> {
    const batch = await this.readable(this.dataSource.manager, actor, id);
    return this.viewOf(batch, await this.snapshot(this.dataSource.manager, batch));
  }

  async list(actor: Actor, query: BatchListQuery): Promise<Page<BatchView>> {
    const scope = readableProducerDataWhere(actor, 'b');
    const q = this.dataSource.getRepository(Batch).createQueryBuilder('b').where(scope.sql, scope.params);
    const expired = `COALESCE(b.expiry_date, b.best_before_date) < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
    if (query.status === 'expired') q.andWhere(`b.status <> 'recalled' AND ${expired}`);
    else if (query.status === 'recalled') q.andWhere(`b.status = 'recalled'`);
    else if (query.status)
      q.andWhere(`b.status = :status AND NOT COALESCE(${expired}, false)`, { status: query.status });
    if (query.productId) q.andWhere('b.product_id = :productId', { productId: query.productId });
    if (query.lot) q.andWhere(`b.lot LIKE :lot`, { lot: `${query.lot.replace(/[\\%_]/g, '\\$&')}%` });
    if (query.cursor) {
      const [at, id] = decodeCursor(query.cursor, 'batches', ['timestamptz', 'uuid']);
      q.andWhere('(b.created_at, b.id) < (:at::timestamptz, :id::uuid)', { at, id });
    }
    const rows = await q
      .orderBy('b.created_at', 'DESC')
      .addOrderBy('b.id', 'DESC')
      .limit(query.limit + 1)
      .getMany();
    const views = new Map<string, BatchView>();
    for (const row of rows.slice(0, query.limit)) {
      views.set(row.id, this.viewOf(row, await this.snapshot(this.dataSource.manager, row)));
    }
    return toPage(
      rows,
      query.limit,
      'batches',
      (b) => [b.createdAt.toISOString(), b.id],
      (b) => views.get(b.id) as BatchView,
    );
  }

  /** Labels are final and the batch goes on the market; only its producer (or an admin) says so. */
  async release(actor: Actor, id: string): Promise<BatchView> {
    return this.dataSource.transaction(async (manager) => {
      const batch = await this.lock(manager, actor, id);
      if (!ownsProducer(actor, batch.producerId)) throw this.cannot('release');
      if (batch.status !== 'open') throw this.invalidTransition(batch.status, 'release');
      await this.products.productForLabelling(batch, manager);
      Object.assign(batch, {
        status: 'released',
        releasedAt: new Date(),
        updatedAt: new Date(),
        version: batch.version + 1,
      });
      await manager.getRepository(Batch).save(batch);
      const snapshot = await this.snapshot(manager, batch);
      await this.outbox.add<BatchReleasedV1>(manager, {
        type: TraceabilityEvents.batchReleased,
        subject: batch.id,
        data: { batch: snapshot, actorId: actor.accountId },
      });
      return this.viewOf(batch, snapshot);
    });
  }

  /**
   * Withdraws the batch for good, by its producer, an admin or an officer of its territory. The event leaves
   * through the outbox the moment this commits, so the lookup shows every unit as recalled within moments.
   */
  async recall(actor: Actor, id: string, reason: string): Promise<BatchView> {
    return this.dataSource.transaction(async (manager) => {
      const batch = await this.lock(manager, actor, id);
      if (batch.status === 'recalled') throw this.invalidTransition(batch.status, 'recall');
      const now = new Date();
      Object.assign(batch, {
        status: 'recalled',
        recalledAt: now,
        recallReason: reason,
        updatedAt: now,
        version: batch.version + 1,
      });
      await manager.getRepository(Batch).save(batch);
      const snapshot = await this.snapshot(manager, batch);
      const [{ n }] = (await manager.query(
        `SELECT count(*)::int AS n FROM serialised_units WHERE batch_id = $1`,
        [id],
      )) as {
        n: number;
      }[];
      const product = await manager.findOneBy(CatalogueProduct, { id: batch.productId });
      await this.outbox.add<BatchRecalledV1>(manager, {
        type: TraceabilityEvents.batchRecalled,
        subject: batch.id,
        data: {
          batch: snapshot,
          ...(product ? { productName: product.nameVi } : {}),
          ...(product?.nameEn ? { productNameEn: product.nameEn } : {}),
          reason,
          recalledAt: now.toISOString(),
          unitCount: n,
          actorId: actor.accountId,
        },
      });
      await this.traceEvents.batchRecalled(manager, snapshot, reason);
      return this.viewOf(batch, snapshot);
    });
  }

  /** Refuses (409) when units of the batch may no longer be minted or labelled: see labellingRefusal. */
  async assertMayLabel(
    batch: Pick<Batch, 'productId' | 'producerId'>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.products.productForLabelling(batch, manager);
  }

  /** The batch if the actor may read it (owner, admin, officer of the producer's territory); 404 otherwise. */
  async readable(manager: EntityManager, actor: Actor, id: string): Promise<Batch> {
    const batch = await manager.findOneBy(Batch, { id });
    if (!batch || !(await mayReadProducerData(manager, actor, batch.producerId))) throw batchNotFound();
    return batch;
  }

  /** The batch for a change by its owner (or an admin), locked until the transaction ends. */
  async ownedForUpdate(manager: EntityManager, actor: Actor, id: string): Promise<Batch> {
    const batch = await manager
      .getRepository(Batch)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!batch || !ownsProducer(actor, batch.producerId)) throw batchNotFound();
    return batch;
  }

  async snapshot(manager: EntityManager, batch: Batch): Promise<BatchSnapshotV1> {
    const links = await this.linksOf(manager, batch);
    return {
      batchId: batch.id,
      producerId: batch.producerId,
      productId: batch.productId,
      ...(batch.gtin ? { gtin: batch.gtin } : { productCode: productCodeOf(batch.productId) }),
      lot: batch.lot,
      quantity: batch.quantity,
      unit: batch.unit,
      ...(batch.harvestDate ? { harvestDate: batch.harvestDate } : {}),
      ...(batch.productionDate ? { productionDate: batch.productionDate } : {}),
      ...(batch.packingDate ? { packingDate: batch.packingDate } : {}),
      ...(batch.expiryDate ? { expiryDate: batch.expiryDate } : {}),
      ...(batch.bestBeforeDate ? { bestBeforeDate: batch.bestBeforeDate } : {}),
      ...links,
      status: batch.status,
      digitalLink: this.links.forBatch(batch),
      ...(batch.releasedAt ? { releasedAt: batch.releasedAt.toISOString() } : {}),
      ...(batch.recalledAt ? { recalledAt: batch.recalledAt.toISOString() } : {}),
      ...(batch.recallReason ? { recallReason: batch.recallReason } : {}),
      updatedAt: batch.updatedAt.toISOString(),
    };
  }

  private viewOf(batch: Batch, snapshot: BatchSnapshotV1): BatchView {
    return { ...snapshot, status: effectiveStatus(batch), createdAt: batch.createdAt.toISOString() };
  }

  private async linksOf(manager: EntityManager, batch: Batch): Promise<BatchLinks> {
    const areas = (await manager.query(
      `SELECT a.id, a.code FROM batch_growing_areas l JOIN growing_areas a ON a.id = l.growing_area_id
        WHERE l.batch_id = $1 ORDER BY a.code`,
      [batch.id],
    )) as { id: string; code: string }[];
    const inputs = (await manager.query(
      `SELECT i.input_batch_id AS id, b.gtin, b.product_id, b.lot, i.quantity, i.unit
         FROM batch_inputs i JOIN batches b ON b.id = i.input_batch_id WHERE i.batch_id = $1 ORDER BY b.lot`,
      [batch.id],
    )) as {
      id: string;
      gtin: string | null;
      product_id: string;
      lot: string;
      quantity: string | null;
      unit: string | null;
    }[];
    const [house] = batch.packingHouseId
      ? ((await manager.query(`SELECT id, code FROM packing_houses WHERE id = $1`, [
          batch.packingHouseId,
        ])) as {
          id: string;
          code: string;
        }[])
      : [];
    return {
      growingAreas: areas.map((a) => ({ growingAreaId: a.id, code: a.code })),
      ...(house ? { packingHouse: { packingHouseId: house.id, code: house.code } } : {}),
      inputs: inputs.map((i) => ({
        batchId: i.id,
        ...(i.gtin ? { gtin: i.gtin } : { productCode: productCodeOf(i.product_id) }),
        lot: i.lot,
        ...(i.quantity !== null ? { quantity: Number(i.quantity) } : {}),
        ...(i.unit ? { unit: i.unit } : {}),
      })),
    };
  }

  /**
   * The batch's GTIN, or null for a product that has none: its labels then name the product by its code (/t/,
   * decision 0048). A product with GTINs always labels under one, so a GTIN added later changes only new batches.
   */
  private gtinFor(product: CatalogueProduct, requested: string | undefined): string | null {
    if (requested === undefined) {
      if (product.gtins.length === 1) return product.gtins[0];
      if (!product.gtins.length) return null;
      throw ruleViolation(
        'gtin-required',
        'gtin',
        'sản phẩm có nhiều GTIN: hãy chọn một',
        'the product has several GTINs: choose one',
      );
    }
    const parsed = parseGtin(requested);
    if (!parsed.ok) {
      const detail =
        parsed.problem === 'check-digit'
          ? {
              vi: `số kiểm tra sai, phải là ${parsed.expectedCheckDigit}`,
              en: `wrong check digit, it should be ${parsed.expectedCheckDigit}`,
            }
          : parsed.problem === 'bad-length'
            ? { vi: 'GTIN có 8, 12, 13 hoặc 14 chữ số', en: 'a GTIN has 8, 12, 13 or 14 digits' }
            : { vi: 'GTIN chỉ gồm chữ số', en: 'a GTIN has digits only' };
      throw ruleViolation(`gtin-${parsed.problem}`, 'gtin', detail.vi, detail.en);
    }
    if (!product.gtins.includes(parsed.gtin14)) {
      throw ruleViolation(
        'gtin-not-of-product',
        'gtin',
        'GTIN không thuộc sản phẩm này',
        'the GTIN is not one of this product’s',
      );
    }
    return parsed.gtin14;
  }

  /**
   * A GTIN under which another producer's batches exist stays that producer's (decision 0023): the catalogue
   * refuses to let it change hands, and this holds even when its events are late or a race let it through.
   */
  private async assertGtinNotUsedByAnother(
    manager: EntityManager,
    gtin: string,
    producerId: string,
  ): Promise<void> {
    const [used] = (await manager.query(
      `SELECT 1 FROM batches WHERE gtin = $1 AND producer_id <> $2 LIMIT 1`,
      [gtin, producerId],
    )) as unknown[];
    if (!used) return;
    throw conflict(
      'gtin-owned-by-another-producer',
      `Mã GTIN ${gtin} thuộc về chủ thể khác: tem của các lô hàng đã in mã này`,
      `GTIN ${gtin} belongs to another producer: labels of its batches carry it`,
      {
        gtin,
        errors: [
          { field: 'gtin', message: bilingual('thuộc về chủ thể khác', 'belongs to another producer') },
        ],
      },
    );
  }

  private async issuedSites(
    manager: EntityManager,
    table: 'growing_areas' | 'packing_houses',
    producerId: string,
    ids: string[],
  ): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = (await manager.query(
      `SELECT id FROM ${table} WHERE id = ANY($1) AND producer_id = $2 AND status = 'issued'`,
      [ids, producerId],
    )) as { id: string }[];
    return new Set(rows.map((r) => r.id));
  }

  private async lock(manager: EntityManager, actor: Actor, id: string): Promise<Batch> {
    const batch = await manager
      .getRepository(Batch)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!batch) throw batchNotFound();
    if (
      ownsProducer(actor, batch.producerId) ||
      (await officerCoversProducer(manager, actor, batch.producerId))
    )
      return batch;
    throw batchNotFound();
  }

  private cannot(action: string) {
    return new DomainError(
      'forbidden',
      403,
      bilingual('Không có quyền', 'Forbidden'),
      bilingual('Chỉ chủ thể của lô mới được thực hiện', `Only the batch’s producer may ${action} it`),
    );
  }

  private invalidTransition(status: BatchStatus, action: string) {
    const vi: Record<BatchStatus, string> = {
      open: 'đang mở',
      released: 'đã phát hành',
      recalled: 'đã thu hồi',
    };
    return conflict(
      'invalid-status-transition',
      `Không thể thực hiện khi lô ${vi[status]}`,
      `Cannot ${action} a batch that is ${status}`,
      { status },
    );
  }
}
