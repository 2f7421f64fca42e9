import { Controller, Logger } from '@nestjs/common';
import { CloudEvent, ProducerSnapshotV1, ProductSnapshotV1 } from '@ocop/contracts';
import { EventContext, OnEvent } from '@ocop/messaging';
import { CacheInvalidation } from '../common/cache-invalidation';
import { tags } from '../common/tagged-cache';

/**
 * Producers and products as the public may see them. Every catalogue event carries the whole record, so one
 * handler per entity serves all its event types; an older snapshot arriving late never overwrites a newer one.
 * Private fields (tax code, e-mail, legal representative) are never copied.
 */
@Controller()
export class CatalogueEventsController {
  private readonly logger = new Logger(CatalogueEventsController.name);

  constructor(private readonly invalidation: CacheInvalidation) {}

  @OnEvent('ocop.catalogue.producer.*')
  async producer(event: CloudEvent<{ producer?: ProducerSnapshotV1 }>, ctx: EventContext): Promise<void> {
    const p = event.data?.producer;
    if (!p) return this.skip(event);
    await ctx.manager.query(
      `INSERT INTO rm_producers (id, name, name_en, trading_name, type, status, unit_map, street, places, phone,
                                website, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO UPDATE
         SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, trading_name = EXCLUDED.trading_name,
             type = EXCLUDED.type, status = EXCLUDED.status, unit_map = EXCLUDED.unit_map,
             street = EXCLUDED.street, places = EXCLUDED.places, phone = EXCLUDED.phone,
             website = EXCLUDED.website, updated_at = EXCLUDED.updated_at
         WHERE rm_producers.updated_at <= EXCLUDED.updated_at`,
      [
        p.producerId,
        p.name,
        p.nameEn ?? null,
        p.tradingName ?? null,
        p.type,
        p.status,
        p.address.unitMap,
        p.address.street ?? null,
        JSON.stringify(p.address.places),
        p.contact?.phone ?? null,
        p.contact?.website ?? null,
        p.updatedAt,
      ],
    );
    this.invalidation.touch(ctx.manager, tags.producer(p.producerId));
  }

  @OnEvent('ocop.catalogue.product.*')
  async product(event: CloudEvent<{ product?: ProductSnapshotV1 }>, ctx: EventContext): Promise<void> {
    const p = event.data?.product;
    if (!p) return this.skip(event);
    const image = p.images?.[0];
    const written = (await ctx.manager.query(
      `INSERT INTO rm_products (id, producer_id, name_vi, name_en, description_vi, description_en, image_url,
                                image_caption, product_set, status, gtins, sales_links, certifications,
                                updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $14, $13)
       ON CONFLICT (id) DO UPDATE
         SET producer_id = EXCLUDED.producer_id, name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
             description_vi = EXCLUDED.description_vi, description_en = EXCLUDED.description_en,
             image_url = EXCLUDED.image_url, image_caption = EXCLUDED.image_caption,
             product_set = EXCLUDED.product_set, status = EXCLUDED.status, gtins = EXCLUDED.gtins,
             sales_links = EXCLUDED.sales_links, certifications = EXCLUDED.certifications,
             updated_at = EXCLUDED.updated_at
         WHERE rm_products.updated_at <= EXCLUDED.updated_at
       RETURNING id`,
      [
        p.productId,
        p.producerId,
        p.nameVi,
        p.nameEn ?? null,
        p.descriptionVi ?? null,
        p.descriptionEn ?? null,
        image?.url ?? null,
        image?.caption ?? null,
        p.productSet,
        p.status,
        p.gtins,
        JSON.stringify(p.salesLinks ?? []),
        p.updatedAt,
        // Only the public fields of each certification: older snapshots may have none.
        JSON.stringify(
          (p.certifications ?? []).map((c) => ({
            scheme: c.scheme,
            name: c.name ?? null,
            certificateNumber: c.certificateNumber ?? null,
            issuer: c.issuer ?? null,
            validUntil: c.validUntil ?? null,
          })),
        ),
      ],
    )) as unknown[];
    if (written.length) {
      // The GTIN index follows the product's newest snapshot; a GTIN moved to another product moves with it.
      const previous = (await ctx.manager.query(
        `DELETE FROM rm_product_gtins WHERE product_id = $1 AND NOT (gtin = ANY ($2)) RETURNING gtin`,
        [p.productId, p.gtins],
      )) as { gtin: string }[];
      await ctx.manager.query(
        `INSERT INTO rm_product_gtins (gtin, product_id, updated_at)
         SELECT g, $2, $3 FROM unnest($1::text[]) AS g
         ON CONFLICT (gtin) DO UPDATE SET product_id = EXCLUDED.product_id, updated_at = EXCLUDED.updated_at
           WHERE rm_product_gtins.updated_at <= EXCLUDED.updated_at`,
        [p.gtins, p.productId, p.updatedAt],
      );
      for (const { gtin } of previous) this.invalidation.touch(ctx.manager, tags.gtin(gtin));
      for (const gtin of p.gtins) this.invalidation.touch(ctx.manager, tags.gtin(gtin));
    }
    this.invalidation.touch(ctx.manager, tags.product(p.productId));
  }

  /** A newer catalogue may add event types we do not know; they carry nothing for us, so they are acked. */
  private skip(event: CloudEvent): void {
    this.logger.warn({ type: event.type }, 'catalogue event without the snapshot we read: skipped');
  }
}
