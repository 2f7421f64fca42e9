import { DomainError } from '@ocop/contracts';
import { EntityManager } from 'typeorm';
import { CatalogueProblems, uniqueViolation } from '../common/problems';
import { bilingual } from '../common/validation';
import { ListedGtin } from './gtin-rules';

export const gtinTaken = (gtins: string[]) =>
  CatalogueProblems.conflict(
    'gtin-taken',
    'gtins',
    `Mã GTIN đã gắn với sản phẩm khác: ${gtins.join(', ')}`,
    `GTIN already belongs to another product: ${gtins.join(', ')}`,
    { gtins },
  );

export const gtinOwnedByAnotherProducer = (gtins: string[]) =>
  CatalogueProblems.conflict(
    'gtin-owned-by-another-producer',
    'gtins',
    `Mã GTIN thuộc về chủ thể khác: tem của các lô hàng đã in mã này, nên mã không bao giờ đổi chủ: ${gtins.join(', ')}`,
    `GTIN belongs to another producer: labels of its batches carry it, so it never changes hands: ${gtins.join(', ')}`,
    { gtins },
  );

export function gtinOutsideCompanyPrefix(outside: ListedGtin[], companyPrefix: string): DomainError {
  const gtins = outside.map((o) => o.gtin);
  const message = (gtin: string) =>
    bilingual(
      `${gtin} không thuộc mã doanh nghiệp GS1 ${companyPrefix} của chủ thể`,
      `${gtin} is not under the producer’s GS1 company prefix ${companyPrefix}`,
    );
  return new DomainError(
    'gtin-outside-company-prefix',
    400,
    bilingual('Dữ liệu không hợp lệ', 'Invalid data'),
    gtins.map(message).join('; '),
    {
      errors: outside.map((o) => ({ field: `gtins[${o.index}]`, message: message(o.gtin) })),
      gtins,
      companyPrefix,
    },
  );
}

/** A product and the GTINs it is to list. */
export interface GtinHolder {
  id: string;
  producerId: string;
  gtins: string[];
}

export type GtinConflict = 'taken' | 'owned';

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Who a GTIN belongs to (decision 0023). A GTIN is listed by at most one product (product_gtins) and claimed by
 * exactly that product's producer (gtin_claims; a foreign key ties the two). The claim goes when no product lists
 * the GTIN any more, unless traceability reported a batch under it: printed labels carry it, so it stays with
 * that producer for good. One statement per step for any number of products: an import claims thousands.
 */
export const GtinClaims = {
  /** The GTINs that another product lists (`taken`) or another producer holds (`owned`). */
  async conflicts(manager: EntityManager, products: GtinHolder[]): Promise<Map<string, GtinConflict>> {
    const wanted = products.flatMap((p) => p.gtins.map((gtin) => ({ gtin, p })));
    if (!wanted.length) return new Map();
    const rows: { gtin: string; listed: boolean }[] = await manager.query(
      `SELECT w.gtin, bool_or(g.gtin IS NOT NULL) AS listed
         FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS w(gtin, product_id, producer_id)
         LEFT JOIN product_gtins g ON g.gtin = w.gtin AND g.product_id <> w.product_id
         LEFT JOIN gtin_claims c ON c.gtin = w.gtin AND c.producer_id <> w.producer_id
        WHERE g.gtin IS NOT NULL OR c.gtin IS NOT NULL
        GROUP BY w.gtin`,
      [wanted.map((w) => w.gtin), wanted.map((w) => w.p.id), wanted.map((w) => w.p.producerId)],
    );
    return new Map(rows.map((r) => [r.gtin, r.listed ? 'taken' : 'owned']));
  },

  /** Files the products' GTINs under them and their producers' claims, or refuses them all with a 409. */
  async claim(manager: EntityManager, products: GtinHolder[]): Promise<void> {
    const wanted = products.flatMap((p) => p.gtins.map((gtin) => ({ gtin, p })));
    if (!wanted.length) return;
    const gtins = wanted.map((w) => w.gtin);
    const producerIds = wanted.map((w) => w.p.producerId);
    throwConflicts(await GtinClaims.conflicts(manager, products));
    // A concurrent writer claiming the same GTIN waits here for the other's commit, then sees its claim below.
    await manager.query(
      `INSERT INTO gtin_claims (gtin, producer_id, claimed_at)
       SELECT gtin, producer_id, now() FROM unnest($1::text[], $2::uuid[]) AS w(gtin, producer_id)
       ON CONFLICT (gtin) DO NOTHING`,
      [gtins, producerIds],
    );
    const heldElsewhere: { gtin: string }[] = await manager.query(
      `SELECT c.gtin FROM gtin_claims c JOIN unnest($1::text[], $2::uuid[]) AS w(gtin, producer_id)
          ON w.gtin = c.gtin AND w.producer_id <> c.producer_id`,
      [gtins, producerIds],
    );
    if (heldElsewhere.length) throw gtinOwnedByAnotherProducer(heldElsewhere.map((h) => h.gtin));
    try {
      await manager.query(
        `INSERT INTO product_gtins (gtin, product_id, producer_id)
         SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[])`,
        [gtins, wanted.map((w) => w.p.id), producerIds],
      );
    } catch (err) {
      if (uniqueViolation(err) === 'product_gtins_pkey') throw gtinTaken(gtins);
      // The claim was given up by a concurrent change of the same producer's products.
      if (driverCode(err) === FOREIGN_KEY_VIOLATION) throw gtinOwnedByAnotherProducer(gtins);
      throw err;
    }
  },

  /** The product stops listing every GTIN not in `kept`; claims nobody lists and nobody used are given up. */
  async release(manager: EntityManager, productId: string, kept: string[]): Promise<void> {
    // As a SELECT: TypeORM answers a bare DELETE … RETURNING with [rows, count].
    const dropped: { gtin: string }[] = await manager.query(
      `WITH dropped AS (DELETE FROM product_gtins WHERE product_id = $1 AND NOT (gtin = ANY ($2)) RETURNING gtin)
       SELECT gtin FROM dropped`,
      [productId, kept],
    );
    if (!dropped.length) return;
    await manager.query(
      `DELETE FROM gtin_claims c
        WHERE c.gtin = ANY ($1) AND c.first_used_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM product_gtins g WHERE g.gtin = c.gtin)`,
      [dropped.map((d) => d.gtin)],
    );
  },

  /**
   * Traceability made a batch of `producerId` under the GTIN: the claim becomes permanent, and is made again if its
   * product gave it up before the news arrived. Held by another producer, it can only be the race decision 0023
   * describes: the event fails (and ends in the dead-letter table) for an officer to settle, rather than either
   * producer losing the GTIN without being told.
   */
  async markUsed(manager: EntityManager, gtin: string, producerId: string, at: string): Promise<void> {
    const kept: unknown[] = await manager.query(
      `INSERT INTO gtin_claims (gtin, producer_id, claimed_at, first_used_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (gtin) DO UPDATE
         SET first_used_at = LEAST(COALESCE(gtin_claims.first_used_at, EXCLUDED.first_used_at), EXCLUDED.first_used_at)
         WHERE gtin_claims.producer_id = EXCLUDED.producer_id
       RETURNING gtin`,
      [gtin, producerId, at],
    );
    if (kept.length) return;
    const [holder] = (await manager.query(`SELECT producer_id FROM gtin_claims WHERE gtin = $1`, [gtin])) as {
      producer_id: string;
    }[];
    throw new Error(
      `GTIN ${gtin} was used for a batch of producer ${producerId} but is claimed by producer ${holder?.producer_id}: ` +
        'remove it from that producer’s product, then replay this event',
    );
  },
};

function throwConflicts(conflicts: Map<string, GtinConflict>): void {
  const of = (kind: GtinConflict) => [...conflicts].filter(([, k]) => k === kind).map(([gtin]) => gtin);
  if (of('owned').length) throw gtinOwnedByAnotherProducer(of('owned'));
  if (of('taken').length) throw gtinTaken(of('taken'));
}

function driverCode(err: unknown): string | undefined {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e.driverError?.code ?? e.code;
}
