import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnitMapId } from '@ocop/contracts';
import { foldVietnamese, PRODUCER_TYPES, productGroup, productSet } from '@ocop/ocop-domain';
import { DataSource, In } from 'typeorm';
import { adminUnits } from '../admin-units/admin-unit-registry';
import { decodeCursor, decodeCursorKind, encodeCursor } from '../common/cursor';
import { CatalogueProblems } from '../common/problems';
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

interface SearchRow {
  total: string;
  page: [string, number, string][];
  stars: Record<string, number>;
  group: Record<string, number>;
  product_set: Record<string, number>;
  district: Record<string, number>;
  commune: Record<string, number>;
  producer_type: Record<string, number>;
}

/** What makes a product public: on sale, from a producer an officer has verified. */
const PUBLIC = `p.status = 'active' AND r.status = 'verified'`;

const publicProductNotFound = () => CatalogueProblems.notFound('sản phẩm', 'Product');

/**
 * The public catalogue. Text matching and ranking run in Postgres on `catalogue_fold()` (unaccent, lower case,
 * GSO spelling variants), the same fold the stored search columns are built with:
 *
 *   - a product matches when every query word starts a word of its Vietnamese or English name or its producer's
 *     names (tsvector prefix match); only when none does, names close to the query (pg_trgm) stand in, for typos;
 *   - rank: exact name > name starting with the query > all words found > near miss; then trigram similarity
 *     (the closer, shorter name first), then ts_rank (name words weigh more than producer words), then id.
 *
 * The rank is an integer so that the cursor (rank, id) pages through a stable order.
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
      const q = `catalogue_fold(${param(query.q)})`;
      const words = `to_tsquery('simple', regexp_replace(${q}, ' ', ':* & ', 'g') || ':*')`;
      where.push(mode === 'words' ? `p.search_vector @@ ${words}` : `${q} <% p.name_folded`);
      rank = `(CASE WHEN p.name_folded = ${q} OR catalogue_fold(coalesce(p.name_en, '')) = ${q} THEN 3
                    WHEN p.name_folded LIKE ${q} || ' %' THEN 2
                    WHEN p.search_vector @@ ${words} THEN 1 ELSE 0 END)::bigint * 10000000
             + round(similarity(p.name_folded, ${q}) * 999)::bigint * 10000
             + least(round(ts_rank('{0.1, 0.2, 0.4, 1.0}', p.search_vector, ${words}) * 1000), 9999)::bigint`;
    }
    if (query.stars) where.push(`p.ocop_stars = ${param(query.stars)} AND p.ocop_expires_at > now()`);
    if (query.group) where.push(`p.product_group = ${param(query.group)}`);
    if (query.productSet) where.push(`p.product_set = ${param(query.productSet)}`);
    if (query.district) where.push(`r.bt2022_district_code = ${param(query.district)}`);
    const communeColumn = unitMap === 'bt-2022' ? 'r.bt2022_commune_code' : 'r.vl2025_commune_code';
    if (query.commune) where.push(`${communeColumn} = ${param(query.commune)}`);
    if (query.producerType) where.push(`r.type = ${param(query.producerType)}`);
    if (query.producerId) where.push(`p.producer_id = ${param(query.producerId)}`);

    const cursorKind = mode === 'name' ? 'search-name' : mode === 'fuzzy' ? 'search-fuzzy' : 'search-rank';
    let after = 'true';
    if (query.cursor && mode === 'name') {
      const [name, id] = decodeCursor(query.cursor, cursorKind, ['string', 'string']);
      after = `(name_folded, id) > (${param(name)}, ${param(id)}::uuid)`;
    } else if (query.cursor) {
      const [score, id] = decodeCursor(query.cursor, cursorKind, ['number', 'string']);
      after = `(score < ${param(score)} OR (score = $${params.length} AND id > ${param(id)}::uuid))`;
    }
    const order = mode === 'name' ? 'name_folded ASC, id ASC' : 'score DESC, id ASC';
    const facet = (column: string) =>
      `(SELECT coalesce(json_object_agg(k, n), '{}') FROM (SELECT ${column} AS k, count(*) AS n FROM matched WHERE ${column} IS NOT NULL GROUP BY 1) f)`;

    const [row] = (await this.dataSource.query(
      `WITH matched AS MATERIALIZED (
         SELECT p.id, p.name_folded, ${rank} AS score,
                CASE WHEN p.ocop_expires_at > now() THEN p.ocop_stars END AS stars,
                p.product_group, p.product_set, r.bt2022_district_code AS district, ${communeColumn} AS commune,
                r.type AS producer_type
           FROM products p JOIN producers r ON r.id = p.producer_id
          WHERE ${where.join(' AND ')}
       )
       SELECT (SELECT count(*) FROM matched) AS total,
              (SELECT coalesce(json_agg(json_build_array(id, score, name_folded) ORDER BY ${order}), '[]')
                 FROM (SELECT id, score, name_folded FROM matched WHERE ${after} ORDER BY ${order} LIMIT ${param(query.limit + 1)}) page
              ) AS page,
              ${facet('stars')} AS stars, ${facet('product_group')} AS group, ${facet('product_set')} AS product_set,
              ${facet('district')} AS district, ${facet('commune')} AS commune, ${facet('producer_type')} AS producer_type`,
      params,
    )) as SearchRow[];

    const page = row.page.slice(0, query.limit);
    const entities = await this.load(page.map(([id]) => id));
    const last = page[page.length - 1];
    const nextKey = (entry: [string, number, string]) =>
      mode === 'name' ? [entry[2], entry[0]] : [Number(entry[1]), entry[0]];
    return {
      items: page
        .map(([id]) => entities.get(id))
        .flatMap((e) => (e ? [publicProductSummary(e.product, e.producer)] : [])),
      ...(row.page.length > query.limit && last
        ? { nextCursor: encodeCursor(cursorKind, nextKey(last)) }
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

  /** A verified producer with its public products (the first 100; search with producerId for the rest). */
  async producer(id: string) {
    const producer = await this.dataSource.manager.findOneBy(Producer, { id, status: 'verified' });
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
      status: 'verified',
    });
    return producer ? { product, producer } : undefined;
  }

  private async load(ids: string[]): Promise<Map<string, { product: Product; producer: Producer }>> {
    if (!ids.length) return new Map();
    const products = await this.dataSource.manager.findBy(Product, { id: In(ids) });
    const producers = await this.dataSource.manager.findBy(Producer, {
      id: In([...new Set(products.map((p) => p.producerId))]),
    });
    const producerById = new Map(producers.map((p) => [p.id, p]));
    return new Map(
      products.flatMap((product) => {
        const producer = producerById.get(product.producerId);
        return producer ? [[product.id, { product, producer }] as const] : [];
      }),
    );
  }
}

function facets(row: SearchRow, unitMap: UnitMapId): SearchResult['facets'] {
  const units = adminUnits();
  const list = (
    counts: Record<string, number>,
    name: (value: string) => { nameVi?: string; nameEn?: string },
    numeric = false,
  ) =>
    Object.entries(counts)
      .map(([value, count]) => ({
        value: numeric ? Number(value) : value,
        count: Number(count),
        ...name(value),
      }))
      .sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
  const unitName = (map: UnitMapId) => (code: string) => {
    const name = units.unit(map, code)?.name;
    return name ? { nameVi: name } : {};
  };
  return {
    stars: list(row.stars, () => ({}), true).sort((a, b) => Number(b.value) - Number(a.value)),
    group: list(row.group, (code) => {
      const g = productGroup(code as Parameters<typeof productGroup>[0]);
      return { nameVi: g.nameVi, nameEn: g.nameEn };
    }),
    productSet: list(
      row.product_set,
      (no) => ({ nameVi: productSet(Number(no))?.nameVi, nameEn: productSet(Number(no))?.nameEn }),
      true,
    ),
    district: list(row.district, unitName('bt-2022')),
    commune: list(row.commune, unitName(unitMap)),
    producerType: list(row.producer_type, (code) => {
      const t = PRODUCER_TYPES.find((type) => type.code === code);
      return t ? { nameVi: t.nameVi, nameEn: t.nameEn } : {};
    }),
  };
}
