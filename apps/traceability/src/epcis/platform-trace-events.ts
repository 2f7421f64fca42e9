import { Injectable } from '@nestjs/common';
import { BatchSnapshotV1 } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { TraceabilityConfig } from '../config';
import { DigitalLinks } from '../digital-link/digital-links.service';
import { TraceEventStore } from './trace-event-store';

export const EPCIS_CONTEXT_URL = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/**
 * The EPCIS events the platform records by itself, so that every batch has a trace even before anyone captures
 * one: its commissioning (a TransformationEvent from its input batches when it has any) and its recall. They go
 * through the same store as captured events, in the transaction of the batch change.
 */
@Injectable()
export class PlatformTraceEvents {
  constructor(
    private readonly store: TraceEventStore,
    private readonly links: DigitalLinks,
    private readonly config: TraceabilityConfig,
  ) {}

  /** The JSON-LD context of these events: EPCIS 2.0 plus the platform's own terms (ocop:…). */
  get context(): unknown[] {
    return [EPCIS_CONTEXT_URL, { ocop: this.vocabulary }];
  }

  get vocabulary(): string {
    return `${this.config.RESOLVER_BASE_URL}/voc/`;
  }

  async batchCreated(manager: EntityManager, batch: BatchSnapshotV1): Promise<void> {
    const output = { epcClass: this.links.classEpc(batch), quantity: batch.quantity, uom: batch.unit };
    const ilmd: Record<string, unknown> = {
      'cbvmda:lotNumber': batch.lot,
      'cbvmda:countryOfOrigin': 'VN',
      ...(batch.expiryDate ? { 'cbvmda:itemExpirationDate': batch.expiryDate } : {}),
      ...(batch.bestBeforeDate ? { 'cbvmda:bestBeforeDate': batch.bestBeforeDate } : {}),
      ...(batch.harvestDate ? { 'cbvmda:harvestStartDate': batch.harvestDate } : {}),
      ...(batch.growingAreas.length
        ? { 'ocop:growingAreaCodes': batch.growingAreas.map((a) => a.code) }
        : {}),
      ...(batch.packingHouse ? { 'ocop:packingHouseCode': batch.packingHouse.code } : {}),
    };
    const common = this.common(batch.updatedAt);
    const event = batch.inputs.length
      ? {
          type: 'TransformationEvent',
          ...common,
          inputQuantityList: batch.inputs.map((input) => ({
            epcClass: this.links.classEpc(input),
            ...(input.quantity !== undefined ? { quantity: input.quantity } : {}),
            ...(input.unit ? { uom: input.unit } : {}),
          })),
          outputQuantityList: [output],
          bizStep: 'commissioning',
          disposition: 'active',
          ilmd,
        }
      : {
          type: 'ObjectEvent',
          ...common,
          action: 'ADD',
          quantityList: [output],
          bizStep: 'commissioning',
          disposition: 'active',
          ilmd,
        };
    await this.record(manager, event);
  }

  async batchRecalled(manager: EntityManager, batch: BatchSnapshotV1, reason: string): Promise<void> {
    await this.record(manager, {
      type: 'ObjectEvent',
      ...this.common(batch.recalledAt ?? batch.updatedAt),
      action: 'OBSERVE',
      quantityList: [{ epcClass: this.links.classEpc(batch) }],
      disposition: 'recalled',
      'ocop:recallReason': reason,
    });
  }

  private common(at: string) {
    return { eventID: `urn:uuid:${randomUUID()}`, eventTime: at, eventTimeZoneOffset: '+07:00' };
  }

  private async record(manager: EntityManager, event: Record<string, unknown>): Promise<void> {
    const { prepared } = await this.store.prepare(manager, [event], null);
    await this.store.store(manager, prepared, this.context, 'platform', null);
  }
}
