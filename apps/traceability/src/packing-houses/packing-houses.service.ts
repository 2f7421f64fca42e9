import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor } from '@ocop/auth';
import { PackingHouseChangedV1, PackingHouseSnapshotV1, TraceabilityEvents } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { TraceabilityConfig } from '../config';
import { placeOf, RegisteredSites } from '../site-codes/registered-sites';
import { ReviewAction } from '../site-codes/site-lifecycle';
import { SiteReviews } from '../site-codes/site-reviews.service';
import { PackingHouseInput, PackingHouseView } from './packing-house.dto';
import { PackingHouse } from './packing-house.entity';

const KIND = 'packing-house';

const REVIEW_EVENT: Record<ReviewAction, string> = {
  issue: TraceabilityEvents.packingHouseIssued,
  reissue: TraceabilityEvents.packingHouseReissued,
  reject: TraceabilityEvents.packingHouseRejected,
  suspend: TraceabilityEvents.packingHouseSuspended,
  cancel: TraceabilityEvents.packingHouseCancelled,
};

export function packingHouseSnapshot(p: PackingHouse): PackingHouseSnapshotV1 {
  return {
    packingHouseId: p.id,
    producerId: p.producerId,
    name: p.name,
    ...(p.address ? { address: p.address } : {}),
    place: placeOf(p),
    ...(p.capacityTonnesPerDay !== null ? { capacityTonnesPerDay: p.capacityTonnesPerDay } : {}),
    products: p.products,
    status: p.status,
    ...(p.code ? { code: p.code } : {}),
    ...(p.facilityNumber !== null ? { facilityNumber: p.facilityNumber } : {}),
    exportCodes: p.exportCodes,
    updatedAt: p.updatedAt.toISOString(),
  };
}

const fieldsOf = (input: PackingHouseInput) => ({
  name: input.name,
  address: input.address ?? null,
  provinceCode: input.place.provinceCode,
  districtCode: input.place.districtCode ?? null,
  communeCode: input.place.communeCode,
  capacityTonnesPerDay: input.capacityTonnesPerDay ?? null,
  products: input.products.map((p) => p.trim()),
  location: input.location ? { type: 'Point' as const, coordinates: input.location.coordinates } : null,
});

/** Packing houses: registered by their producer, coded by officers of the territory like growing areas. */
@Injectable()
export class PackingHousesService extends RegisteredSites<PackingHouse, PackingHouseView> {
  protected readonly kind = KIND;
  protected readonly entity = PackingHouse;
  protected readonly reviewEvents = REVIEW_EVENT;
  protected readonly exportCodeEvent = TraceabilityEvents.packingHouseExportCodeRecorded;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    reviews: SiteReviews,
    private readonly outbox: EventOutbox,
    config: TraceabilityConfig,
  ) {
    super(dataSource, reviews, config);
  }

  async register(manager: EntityManager, actor: Actor, input: PackingHouseInput): Promise<PackingHouseView> {
    const now = new Date();
    const house = Object.assign(new PackingHouse(), {
      id: randomUUID(),
      producerId: this.ownerFor(actor, input.producerId),
      ...fieldsOf(input),
      status: 'pending',
      code: null,
      facilityNumber: null,
      exportCodes: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
    } satisfies PackingHouse);
    await manager.getRepository(PackingHouse).insert(house);
    await this.reviews.record(manager, KIND, house.id, 'registered', 'pending', null, null, actor);
    await this.emit(manager, TraceabilityEvents.packingHouseRegistered, house, actor);
    return this.view(house);
  }

  async amend(actor: Actor, id: string, input: PackingHouseInput): Promise<PackingHouseView> {
    return this.dataSource.transaction(async (manager) => {
      const house = await this.lockForAmendment(manager, actor, id, input.producerId);
      Object.assign(house, fieldsOf(input), {
        status: 'pending',
        updatedAt: new Date(),
        version: house.version + 1,
      });
      await manager.getRepository(PackingHouse).save(house);
      await this.reviews.record(manager, KIND, id, 'amended', 'pending', null, null, actor);
      await this.emit(manager, TraceabilityEvents.packingHouseRegistered, house, actor);
      return this.view(house);
    });
  }

  protected view(house: PackingHouse): PackingHouseView {
    return {
      ...packingHouseSnapshot(house),
      ...(house.location ? { location: house.location } : {}),
      createdAt: house.createdAt.toISOString(),
    };
  }

  protected async emit(
    manager: EntityManager,
    type: string,
    house: PackingHouse,
    actor: Actor,
    reason?: string,
    previousCode?: string | null,
  ): Promise<void> {
    await this.outbox.add<PackingHouseChangedV1>(manager, {
      type,
      subject: house.id,
      data: {
        packingHouse: packingHouseSnapshot(house),
        ...(reason ? { reason } : {}),
        ...(previousCode && previousCode !== house.code ? { previousCode } : {}),
        actorId: actor.accountId,
      },
    });
  }
}
