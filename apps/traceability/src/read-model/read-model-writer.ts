import { ProducerSnapshotV1, ProductSnapshotV1, ProductSummaryV1 } from '@ocop/contracts';
import { EntityManager } from 'typeorm';

/** Writes of the catalogue read model: from events (authoritative, newest wins) and from RPC answers. */
export const ReadModelWriter = {
  async upsertProducer(manager: EntityManager, p: ProducerSnapshotV1): Promise<void> {
    await manager.query(
      `INSERT INTO catalogue_producers (id, name, status, gs1_company_prefix, places, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE
         SET name = EXCLUDED.name, status = EXCLUDED.status, gs1_company_prefix = EXCLUDED.gs1_company_prefix,
             places = EXCLUDED.places, updated_at = EXCLUDED.updated_at
         WHERE catalogue_producers.updated_at <= EXCLUDED.updated_at`,
      [
        p.producerId,
        p.name,
        p.status,
        p.gs1CompanyPrefix ?? null,
        JSON.stringify(p.address.places),
        p.updatedAt,
      ],
    );
  },

  async upsertProductFromEvent(manager: EntityManager, p: ProductSnapshotV1): Promise<void> {
    await manager.query(
      `INSERT INTO catalogue_products
         (id, producer_id, name_vi, name_en, status, gtins, shelf_life_days, updated_at, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'event')
       ON CONFLICT (id) DO UPDATE
         SET producer_id = EXCLUDED.producer_id, name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
             status = EXCLUDED.status, gtins = EXCLUDED.gtins, shelf_life_days = EXCLUDED.shelf_life_days,
             updated_at = EXCLUDED.updated_at, source = 'event'
         WHERE catalogue_products.updated_at <= EXCLUDED.updated_at`,
      [
        p.productId,
        p.producerId,
        p.nameVi,
        p.nameEn ?? null,
        p.status,
        p.gtins,
        p.shelfLifeDays ?? null,
        p.updatedAt,
      ],
    );
  },

  /** Only fills a gap: an event-sourced row is never replaced by an RPC answer. */
  async insertProductFromRpc(manager: EntityManager, p: ProductSummaryV1): Promise<void> {
    await manager.query(
      `INSERT INTO catalogue_products
         (id, producer_id, name_vi, name_en, status, gtins, shelf_life_days, updated_at, source)
       VALUES ($1, $2, $3, $4, $5, $6, NULL, 'epoch', 'rpc')
       ON CONFLICT (id) DO UPDATE
         SET producer_id = EXCLUDED.producer_id, name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
             status = EXCLUDED.status, gtins = EXCLUDED.gtins
         WHERE catalogue_products.source = 'rpc'`,
      [p.productId, p.producerId, p.nameVi, p.nameEn ?? null, p.status, p.gtins],
    );
  },
};
