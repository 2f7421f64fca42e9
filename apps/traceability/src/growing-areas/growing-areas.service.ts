import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { GrowingAreaChangedV1, GrowingAreaSnapshotV1, TraceabilityEvents } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { bilingual, invalidField, ruleViolation } from '../common/bilingual';
import { TraceabilityConfig } from '../config';
import {
  BoundaryGeometry,
  boundaryAreaHa,
  boundaryProblem,
  relativeAreaGap,
} from '../site-codes/geojson-boundary';
import { placeOf, RegisteredSites } from '../site-codes/registered-sites';
import { ReviewAction } from '../site-codes/site-lifecycle';
import { SiteReviews } from '../site-codes/site-reviews.service';
import { GrowingAreaInput, GrowingAreaView } from './growing-area.dto';
import { GrowingArea } from './growing-area.entity';
import { CROP_CYCLE_VI, MINIMUM_AREA_HA } from './growing-area-rules';

const KIND = 'growing-area';

const REVIEW_EVENT: Record<ReviewAction, string> = {
  issue: TraceabilityEvents.growingAreaIssued,
  reissue: TraceabilityEvents.growingAreaReissued,
  reject: TraceabilityEvents.growingAreaRejected,
  suspend: TraceabilityEvents.growingAreaSuspended,
  cancel: TraceabilityEvents.growingAreaCancelled,
};

export function growingAreaSnapshot(a: GrowingArea): GrowingAreaSnapshotV1 {
  return {
    growingAreaId: a.id,
    producerId: a.producerId,
    name: a.name,
    crop: a.crop,
    variety: a.variety,
    cropCycle: a.cropCycle,
    areaHa: a.areaHa,
    standard: a.standard,
    ...(a.standardDetail ? { standardDetail: a.standardDetail } : {}),
    expectedYieldTonnesPerYear: a.expectedYieldTonnesPerYear,
    facilityName: a.facilityName,
    place: placeOf(a),
    ...(a.boundaryAreaHa !== null ? { boundaryAreaHa: a.boundaryAreaHa } : {}),
    status: a.status,
    ...(a.code ? { code: a.code } : {}),
    ...(a.facilityNumber !== null ? { facilityNumber: a.facilityNumber } : {}),
    exportCodes: a.exportCodes,
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Growing areas: registration by their producer, review and code issuance by officers of the territory. */
@Injectable()
export class GrowingAreasService extends RegisteredSites<GrowingArea, GrowingAreaView> {
  protected readonly kind = KIND;
  protected readonly entity = GrowingArea;
  protected readonly reviewEvents = REVIEW_EVENT;
  protected readonly exportCodeEvent = TraceabilityEvents.growingAreaExportCodeRecorded;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    reviews: SiteReviews,
    private readonly outbox: EventOutbox,
    config: TraceabilityConfig,
  ) {
    super(dataSource, reviews, config);
  }

  async register(manager: EntityManager, actor: Actor, input: GrowingAreaInput): Promise<GrowingAreaView> {
    const now = new Date();
    const area = Object.assign(new GrowingArea(), {
      id: randomUUID(),
      producerId: this.ownerFor(actor, input.producerId),
      ...this.checkedFields(input),
      status: 'pending',
      code: null,
      facilityNumber: null,
      exportCodes: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    } satisfies GrowingArea);
    await manager.getRepository(GrowingArea).insert(area);
    await this.reviews.record(manager, KIND, area.id, 'registered', 'pending', null, null, actor);
    await this.emit(manager, TraceabilityEvents.growingAreaRegistered, area, actor);
    return this.view(area);
  }

  /** A registration may be corrected until its code is issued; a rejected one goes back to review. */
  async amend(actor: Actor, id: string, input: GrowingAreaInput): Promise<GrowingAreaView> {
    return this.dataSource.transaction(async (manager) => {
      const area = await this.lockForAmendment(manager, actor, id, input.producerId);
      Object.assign(area, this.checkedFields(input), {
        status: 'pending',
        updatedAt: new Date(),
        version: area.version + 1,
      });
      await manager.getRepository(GrowingArea).save(area);
      await this.reviews.record(manager, KIND, id, 'amended', 'pending', null, null, actor);
      await this.emit(manager, TraceabilityEvents.growingAreaRegistered, area, actor);
      return this.view(area);
    });
  }

  protected view(area: GrowingArea): GrowingAreaView {
    const { growingAreaId, ...snapshot } = growingAreaSnapshot(area);
    return {
      growingAreaId,
      ...snapshot,
      ...(area.traceabilityNote ? { traceabilityNote: area.traceabilityNote } : {}),
      ...(area.boundary ? { boundary: area.boundary } : {}),
      ...(area.location ? { location: area.location } : {}),
      createdAt: area.createdAt.toISOString(),
    };
  }

  protected async emit(
    manager: EntityManager,
    type: string,
    area: GrowingArea,
    actor: Actor,
    reason?: string,
    previousCode?: string | null,
  ): Promise<void> {
    await this.outbox.add<GrowingAreaChangedV1>(manager, {
      type,
      subject: area.id,
      data: {
        growingArea: growingAreaSnapshot(area),
        ...(reason ? { reason } : {}),
        ...(previousCode && previousCode !== area.code ? { previousCode } : {}),
        actorId: actor.accountId,
      },
    });
  }

  private checkedFields(input: GrowingAreaInput) {
    const minimum = MINIMUM_AREA_HA[input.cropCycle];
    if (input.areaHa < minimum) {
      throw ruleViolation(
        'area-below-minimum',
        'areaHa',
        `vùng trồng ${CROP_CYCLE_VI[input.cropCycle]} phải có diện tích tối thiểu ${String(minimum).replace('.', ',')} ha`,
        `a growing area of ${input.cropCycle} crops must be at least ${minimum} ha`,
      );
    }
    return {
      name: input.name,
      crop: input.crop,
      variety: input.variety,
      cropCycle: input.cropCycle,
      areaHa: input.areaHa,
      standard: input.standard,
      standardDetail: input.standardDetail ?? null,
      expectedYieldTonnesPerYear: input.expectedYieldTonnesPerYear,
      facilityName: input.facilityName,
      traceabilityNote: input.traceabilityNote ?? null,
      provinceCode: input.place.provinceCode,
      districtCode: input.place.districtCode ?? null,
      communeCode: input.place.communeCode,
      location: input.location ? { type: 'Point' as const, coordinates: input.location.coordinates } : null,
      ...this.checkedBoundary(input),
    };
  }

  /** A drawn boundary must be valid GeoJSON and measure what the producer declares, within the tolerance. */
  private checkedBoundary(input: GrowingAreaInput): {
    boundary: BoundaryGeometry | null;
    boundaryAreaHa: number | null;
  } {
    if (!input.boundary) return { boundary: null, boundaryAreaHa: null };
    const problem = boundaryProblem(input.boundary);
    if (problem) {
      throw invalidField(
        `boundary${problem.path}`,
        bilingual('ranh giới GeoJSON không hợp lệ', problem.message),
      );
    }
    const boundary = input.boundary as unknown as BoundaryGeometry;
    const measured = Math.round(boundaryAreaHa(boundary) * 10_000) / 10_000;
    const tolerance = this.config.BOUNDARY_AREA_TOLERANCE;
    if (relativeAreaGap(input.areaHa, measured) > tolerance) {
      const error = ruleViolation(
        'boundary-area-mismatch',
        'boundary',
        `ranh giới có diện tích ${measured} ha, lệch quá ${tolerance * 100}% so với ${input.areaHa} ha khai báo`,
        `the boundary measures ${measured} ha, more than ${tolerance * 100}% off the declared ${input.areaHa} ha`,
      );
      Object.assign(error.extensions, { declaredAreaHa: input.areaHa, boundaryAreaHa: measured, tolerance });
      throw error;
    }
    return { boundary, boundaryAreaHa: measured };
  }
}
