import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ProducerType, ProductGroupCode, UnitMapId } from '@ocop/contracts';
import { foldVietnamese, PRODUCER_TYPES, productGroup, productSet } from '@ocop/ocop-domain';
import { DataSource, In } from 'typeorm';
import { adminUnits } from '@ocop/ocop-domain';
import { decodeCursor, decodeCursorKind, encodeCursor } from '@ocop/service-kit';
import { CatalogueProblems } from '../common/problems';
import { PUBLIC_PRODUCER_STATUSES } from '../producers/producer-identity';
import { Producer } from '../producers/producer.entity';
import { ocopOf } from '../products/product-views';
import { Product } from '../products/product.entity';
import { CatalogueSearchQuery } from './dto/catalogue-search.query';
import { organizationJsonLd, productJsonLd } from './json-ld';
import {
  publicProducerSummary,
  publicProductDetail,
  publicProductSummary,
  PublicProductSummary,
  summaryOf,
} from './public-views';

export interface FacetValue {
  value: string | number;
  count: number;
  nameVi?: string;
  nameEn?: string;
}

export interface SearchResult {
  items: PublicProductSummary[];
  nextCursor?: string;
  /** Public products matching the query and every filter. */
  total: number;
  /** True when no product had every query word and these are the nearest names instead. */
  approximate: boolean;
  /** Counts per value within the result (every filter applied); the commune facet is under `unitMap`. */
  facets: Record<'stars' | 'group' | 'productSet' | 'district' | 'commune' | 'producerType', FacetValue[]>;
  unitMap: UnitMapId;
}

interface PageRow {
  id: string;
  score: number;
  nameFolded: string;
  nameVi: string;
  nameEn: string | null;
  productSet: number;
  productGroup: ProductGroupCode;
  imageUrl: string | null;
  ocopStars: 3 | 4 | 5 | null;
  ocopCertificateId: string | null;
  ocopCertificateNumber: string | null;
  ocopIssuedAt: string | null;
  ocopExpiresAt: string | null;
  ocopDecisionRef: string | null;
  producerId: string;
  producerName: string;
  tradingName: string | null;
  producerType: ProducerType;
  unitMap: UnitMapId;
  communeCode: string | null;
}

const summaryOfRow = (row: PageRow): PublicProductSummary =>
  summaryOf(
    {
      ...row,
      ocopIssuedAt: row.ocopIssuedAt ? new Date(row.ocopIssuedAt) : null,
      ocopExpiresAt: row.ocopExpiresAt ? new Date(row.ocopExpiresAt) : null,
    },
    {
      id: row.producerId,
      name: row.producerName,
      tradingName: row.tradingName,
      type: row.producerType,
      unitMap: row.unitMap,
      communeCode: row.communeCode,
    },
  );

interface SearchRow {
  total: string;
  page: PageRow[];
  /** [GROUPING() bits, value, count]: the bits say which of the six facets the row belongs to. */
  facets: [number, string | null, number][];
}

type FacetName = keyof SearchResult['facets'];

// GROUPING(stars, group, set, district, commune, producer type) sets a bit for each column NOT grouped on.
const FACET_BY_GROUPING = new Map<number, FacetName>([
  [0b011111, 'stars'],
  [0b101111, 'group'],
  [0b110111, 'productSet'],
  [0b111011, 'district'],
  [0b111101, 'commune'],
  [0b111110, 'producerType'],
]);

/**
 * What makes a product public: on sale, from a producer an officer has verified. Written exactly as the partial
 * indexes' predicate, so that the planner uses them.
 */
const PUBLIC = `p.status = 'active' AND p.producer_verified`;

const publicProductNotFound = () => CatalogueProblems.notFound('sản phẩm', 'Product');

/**
 * The public catalogue. Text matching and ranking run in Postgres on `catalogue_fold()` (unaccent, lower case,
 * GSO spelling variants), the same fold the stored search columns are built with:
 *
 *   - a product matches when every query word starts a word of its Vietnamese or English name or its producer's
 *     names (tsvector prefix match); only when none does, names close to the query (pg_trgm) stand in, for typos;
 *   - rank: exact name > name starting with the query > every word in the product's own names > some words only
 *     in its producer's names; within a rank the shorter name (closer to the query) first, then id. Near misses
 *     rank by trigram similarity. Plain integers: cheap to compute for every match, and exact in the cursor
 *     (rank, id) that pages through a stable order.
 */
@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async search(query: CatalogueSearchQuery): Promise<SearchResult> {
    const ranked = query.q !== undefined && foldVietnamese(query.q) !== '';
    const cursorKind = query.cursor ? decodeCursorKind(query.cursor) : undefined;
    if (!ranked) return this.run(query, 'name');
    if (cursorKind === 'search-fuzzy') return this.run(query, 'fuzzy');
    const exact = await this.run(query, 'words');
    // Near misses only when no product has all the words: a typo ("keo dau") still finds something, while a
    // query that matches does not drown in look-alikes.
    return exact.total === 0 && !query.cursor ? this.run(query, 'fuzzy') : exact;
  }

  private async run(query: CatalogueSearchQuery, mode: 'name' | 'words' | 'fuzzy'): Promise<SearchResult> {
    const unitMap = query.unitMap ?? adminUnits().mapAt(new Date()).id;
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [PUBLIC];
    let rank = '0::bigint';
    if (mode !== 'name') {
      // Folded here rather than by catalogue_fold() in SQL: the two agree (a test compares them on every unit and
      // demo name), and constants keep the plan cheap to build.
      const folded = foldVietnamese(query.q ?? '');
      const q = param(folded);
      if (mode === 'fuzzy') {
        where.push(`${q} <% p.name_folded`);
        rank = `round(similarity(p.name_folded, ${q}) * 99999)::bigint`;
      } else {
        const prefixes = folded.split(' ').map((w) => `${w}:*`);
        const words = `to_tsquery('simple', ${param(prefixes.join(' & '))})`;
        // The same words restricted to weights A and B: found in the product's own names, not its producer's.
        const nameWords = `to_tsquery('simple', ${param(prefixes.map((w) => `${w}AB`).join(' & '))})`;
        where.push(`p.search_vector @@ ${words}`);
        rank = `(CASE WHEN p.name_folded = ${q} OR p.name_en_folded = ${q} THEN 4
                      WHEN p.name_folded LIKE ${q} || ' %' THEN 3
                      WHEN p.search_vector @@ ${nameWords} THEN 2 ELSE 1 END)::bigint * 100000
                + (99999 - least(length(p.name_folded), 99999))`;
      }
    }
    if (query.stars) where.push(`p.ocop_stars = ${param(query.stars)} AND p.ocop_expires_at > now()`);
    if (query.group) where.push(`p.product_group = ${param(query.group)}`);
    if (query.productSet) where.push(`p.product_set = ${param(query.productSet)}`);
    if (query.district) where.push(`p.bt2022_district_code = ${param(query.district)}`);
    const communeColumn = unitMap === 'bt-2022' ? 'p.bt2022_commune_code' : 'p.vl2025_commune_code';
    if (query.commune) where.push(`${communeColumn} = ${param(query.commune)}`);
    if (query.producerType) where.push(`p.producer_type = ${param(query.producerType)}`);
    if (query.producerId) where.push(`p.producer_id = ${param(query.producerId)}`);

    const cursorKind = mode === 'name' ? 'search-name' : mode === 'fuzzy' ? 'search-fuzzy' : 'search-rank';
    let after = 'true';
    if (query.cursor && mode === 'name') {
      const [name, id] = decodeCursor(query.cursor, cursorKind, ['text', 'uuid']);
      after = `(name_folded, id) > (${param(name)}, ${param(id)}::uuid)`;
    } else if (query.cursor) {
      const [score, id] = decodeCursor(query.cursor, cursorKind, ['int8', 'uuid']);
      after = `(score < ${param(score)} OR (score = $${params.length} AND id > ${param(id)}::uuid))`;
    }
    const order = (alias: string) =>
      mode === 'name' ? `${alias}name_folded, ${alias}id` : `${alias}score DESC, ${alias}id`;

    const [row] = (await this.dataSource.query(
      `WITH matched AS MATERIALIZED (
         SELECT p.id, p.name_folded, ${rank} AS score,
                CASE WHEN p.ocop_expires_at > now() THEN p.ocop_stars END AS stars,
                p.product_group, p.product_set, p.bt2022_district_code AS district, ${communeColumn} AS commune,
                p.producer_type
           FROM products p
          WHERE ${where.join(' AND ')}
       ),
       page AS (SELECT id, score, name_folded FROM matched WHERE ${after} ORDER BY ${order('')} LIMIT ${param(query.limit + 1)})
       SELECT (SELECT count(*) FROM matched) AS total,
              (SELECT coalesce(json_agg(json_build_object(
                        'id', p.id, 'score', m.score, 'nameFolded', m.name_folded, 'nameVi', p.name_vi, 'nameEn', p.name_en,
                        'productSet', p.product_set, 'productGroup', p.product_group, 'imageUrl', p.images -> 0 ->> 'url',
                        'ocopStars', p.ocop_stars, 'ocopCertificateId', p.ocop_certificate_id,
                        'ocopCertificateNumber', p.ocop_certificate_number, 'ocopIssuedAt', p.ocop_issued_at,
                        'ocopExpiresAt', p.ocop_expires_at, 'ocopDecisionRef', p.ocop_decision_ref,
                        'producerId', r.id, 'producerName', r.name, 'tradingName', r.trading_name, 'producerType', r.type,
                        'unitMap', r.unit_map, 'communeCode', r.commune_code
                      ) ORDER BY ${order('m.')}), '[]')
                 FROM page m JOIN products p ON p.id = m.id JOIN producers r ON r.id = p.producer_id
              ) AS page,
              -- Every facet in one pass over the matches; GROUPING() tells which facet a row counts.
              (SELECT coalesce(json_agg(json_build_array(g, k, n)), '[]') FROM (
                 SELECT GROUPING(stars, product_group, product_set, district, commune, producer_type) AS g,
                        coalesce(stars::text, product_group, product_set::text, district, commune, producer_type) AS k,
                        count(*) AS n
                   FROM matched
                  GROUP BY GROUPING SETS ((stars), (product_group), (product_set), (district), (commune), (producer_type))
              ) f) AS facets`,
      params,
    )) as SearchRow[];

    const page = row.page.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(summaryOfRow),
      ...(row.page.length > query.limit && last
        ? {
            nextCursor: encodeCursor(
              cursorKind,
              mode === 'name' ? [last.nameFolded, last.id] : [Number(last.score), last.id],
            ),
          }
        : {}),
      total: Number(row.total),
      approximate: mode === 'fuzzy',
      facets: facets(row, unitMap),
      unitMap,
    };
  }

  async product(id: string) {
    const found = await this.publicProduct(id);
    if (!found) throw publicProductNotFound();
    const { product, producer } = found;
    return {
      ...publicProductDetail(product, producer),
      jsonLd: productJsonLd(product, producer, ocopOf(product)),
    };
  }

  /**
   * A verified producer with its public products (the first 100; search with producerId for the rest). Its
   * record holds the verified identity even while a change waits for review (decision 0024).
   */
  async producer(id: string) {
    const producer = await this.dataSource.manager.findOneBy(Producer, {
      id,
      status: In(PUBLIC_PRODUCER_STATUSES),
    });
    if (!producer) throw CatalogueProblems.notFound('chủ thể', 'Producer');
    const products = await this.dataSource.manager.find(Product, {
      where: { producerId: id, status: 'active' },
      order: { nameFolded: 'ASC', id: 'ASC' },
      take: 100,
    });
    return {
      producer: {
        ...publicProducerSummary(producer),
        ...(producer.nameEn ? { nameEn: producer.nameEn } : {}),
        contact: {
          phone: producer.phone ?? undefined,
          email: producer.email ?? undefined,
          website: producer.website ?? undefined,
        },
      },
      products: products.map((p) => publicProductSummary(p, producer)),
      jsonLd: organizationJsonLd(producer),
    };
  }

  private async publicProduct(id: string) {
    const product = await this.dataSource.manager.findOneBy(Product, { id, status: 'active' });
    if (!product) return undefined;
    const producer = await this.dataSource.manager.findOneBy(Producer, {
      id: product.producerId,
      status: In(PUBLIC_PRODUCER_STATUSES),
    });
    return producer ? { product, producer } : undefined;
  }
}

function facets(row: SearchRow, unitMap: UnitMapId): SearchResult['facets'] {
  const counts: Record<FacetName, Map<string, number>> = {
    stars: new Map(),
    group: new Map(),
    productSet: new Map(),
    district: new Map(),
    commune: new Map(),
    producerType: new Map(),
  };
  for (const [grouping, value, count] of row.facets) {
    const facet = FACET_BY_GROUPING.get(grouping);
    if (facet && value !== null) counts[facet].set(value, Number(count));
  }
  const units = adminUnits();
  const list = (
    facet: FacetName,
    name: (value: string) => { nameVi?: string; nameEn?: string },
    numeric = false,
  ) =>
    [...counts[facet].entries()]
      .map(([value, count]) => ({ value: numeric ? Number(value) : value, count, ...name(value) }))
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
  const unitName = (map: UnitMapId) => (code: string) => {
    const name = units.unit(map, code)?.name;
    return name ? { nameVi: name } : {};
  };
  return {
    stars: list('stars', () => ({}), true).sort((a, b) => Number(b.value) - Number(a.value)),
    group: list('group', (code) => {
      const g = productGroup(code as ProductGroupCode);
      return { nameVi: g.nameVi, nameEn: g.nameEn };
    }),
    productSet: list(
      'productSet',
      (no) => ({ nameVi: productSet(Number(no))?.nameVi, nameEn: productSet(Number(no))?.nameEn }),
      true,
    ),
    district: list('district', unitName('bt-2022')),
    commune: list('commune', unitName(unitMap)),
    producerType: list('producerType', (code) => {
      const t = PRODUCER_TYPES.find((type) => type.code === code);
      return t ? { nameVi: t.nameVi, nameEn: t.nameEn } : {};
    }),
  };
}
