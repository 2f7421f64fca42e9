import { Injectable } from '@nestjs/common';
import {
  buildDigitalLink,
  buildProductCodeLink,
  DataAttributeAi,
  DigitalLinkData,
  isoDateToGs1,
  productCodeOf,
  productCodeSignedMessage,
  unitSignedMessage,
} from '@ocop/ocop-domain';
import { yearInVietnam } from '../common/vietnam-time';
import { TraceabilityConfig } from '../config';

/**
 * What a Digital Link of a batch or unit is made of: its GTIN or, for a product without one, the product (its id, or
 * its code when only that is known: a batch's inputs) for a /t/ URI (decision 0048).
 */
export interface BatchIdentity {
  gtin?: string | null;
  productId?: string;
  productCode?: string;
  lot: string;
  expiryDate?: string | null;
  bestBeforeDate?: string | null;
}

/**
 * The GS1 Digital Link URIs that labels carry, on the configured resolver (RESOLVER_BASE_URL). A label carries
 * the dates a consumer cares about (17 expiry, 15 best before) and, for signed units, the signature (8030).
 * Every URI goes through the shared builder, which refuses to produce an invalid one.
 */
@Injectable()
export class DigitalLinks {
  constructor(private readonly config: TraceabilityConfig) {}

  get resolverBase(): string {
    return this.config.RESOLVER_BASE_URL;
  }

  /** The batch-level (non-serialised) link: /01/{gtin}/10/{lot}?17=…, or /t/{code}/{lot}. */
  forBatch(batch: BatchIdentity): string {
    if (!batch.gtin)
      return buildProductCodeLink(this.resolverBase, { code: productCode(batch), lot: batch.lot });
    return buildDigitalLink(this.resolverBase, this.batchData(batch), yearInVietnam());
  }

  /** A unit's link: /01/{gtin}/10/{lot}/21/{serial}?17=…[&8030=…], or /t/{code}/{lot}/{serial}[?sig=…]. */
  forUnit(batch: BatchIdentity, serial: string, signature?: string | null): string {
    if (!batch.gtin) {
      return buildProductCodeLink(
        this.resolverBase,
        { code: productCode(batch), lot: batch.lot, serial },
        signature,
      );
    }
    const data = this.unitData(batch, serial);
    if (signature) data.attributes = { ...data.attributes, '8030': signature };
    return buildDigitalLink(this.resolverBase, data, yearInVietnam());
  }

  /**
   * The batch as an EPCIS class-level EPC: the LGTIN /01/{gtin}/10/{lot}, no data attributes; without GTIN its
   * /t/{code}/{lot} URI (EPCIS 2.0 takes any URI as an EPC).
   */
  classEpc(batch: BatchIdentity): string {
    if (!batch.gtin) return this.forBatch(batch);
    return buildDigitalLink(this.resolverBase, { gtin: batch.gtin, lot: batch.lot }, yearInVietnam());
  }

  /**
   * A unit as an EPCIS instance-level EPC: the SGTIN in its canonical form /01/{gtin}/21/{serial}; without GTIN its
   * /t/{code}/{lot}/{serial} URI, unsigned.
   */
  unitEpc(batch: BatchIdentity, serial: string): string {
    if (!batch.gtin) return this.forUnit(batch, serial);
    return buildDigitalLink(this.resolverBase, { gtin: batch.gtin, serial }, yearInVietnam());
  }

  /** What a unit's signature signs: its GS1 element string, or a /t/ label's message. */
  signedMessage(batch: BatchIdentity, serial: string): Buffer {
    if (!batch.gtin) return productCodeSignedMessage({ code: productCode(batch), lot: batch.lot, serial });
    return unitSignedMessage(this.unitData(batch, serial));
  }

  /** A unit's Digital Link data without signature: what the signature signs (as a GS1 element string). */
  private unitData(batch: BatchIdentity, serial: string): DigitalLinkData {
    return { ...this.batchData(batch), serial };
  }

  private batchData(batch: BatchIdentity): DigitalLinkData {
    const attributes: Partial<Record<DataAttributeAi, string>> = {};
    const year = yearInVietnam();
    for (const [ai, date] of [
      ['17', batch.expiryDate],
      ['15', batch.bestBeforeDate],
    ] as const) {
      if (!date) continue;
      const converted = isoDateToGs1(date, year);
      // Batches are validated on creation; a date that fails here is a bug, and throwing beats a wrong label.
      if (!converted.ok)
        throw new Error(`Batch date ${date} cannot be written as a GS1 date (${converted.problem})`);
      attributes[ai] = converted.value;
    }
    return { gtin: batch.gtin as string, lot: batch.lot, attributes };
  }
}

/** The product code of a batch without GTIN. */
export function productCode(batch: BatchIdentity): string {
  if (batch.productCode) return batch.productCode;
  if (!batch.productId) throw new Error(`Batch ${batch.lot} has neither a GTIN nor a product`);
  return productCodeOf(batch.productId);
}
