import { Injectable } from '@nestjs/common';
import type { ProductGroupCode, UnitMapId } from '@ocop/contracts';
import { adminUnits, PRODUCER_TYPES, PRODUCT_GROUPS } from '@ocop/ocop-domain';
import { DataSource } from 'typeorm';
import { Clock, startOfVietnamDay, vietnamDate } from '../common/clock';
import { Commune, CommuneDirectory, CommuneType } from './commune-directory';

const DAY_MS = 86_400_000;

export interface CertifiedRow {
  id: string;
  number: string;
  stars: number;
  product_id: string;
  producer_id: string;
  product_name: string;
  producer_name: string;
  decision_ref: string;
  issued_at: Date;
  expires_at: Date;
  product_set: number | null;
  product_group: ProductGroupCode | null;
  producer_type: string | null;
  district_code: string | null;
  commune_code: string | null;
}

const count = <T>(items: T[], key: (item: T) => string | null) => {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item) ?? 'unknown';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
};

/** A share in percent, to two decimals, rounded half up as reports print it. */
export const percent = (part: number, whole: number): number =>
  whole ? Math.round((part * 10_000) / whole) / 100 : 0;

const TYPE_NAMES: Record<CommuneType, string> = {
  Xã: 'Commune',
  Phường: 'Ward',
  'Thị trấn': 'Township',
  'Đặc khu': 'Special zone',
};

/** Coverage per commune-level type (xã / phường / thị trấn, or đặc khu from 2025), in the order GSO lists them. */
export function coverageByType(communes: readonly Commune[], covered: readonly Commune[]) {
  const types = (Object.keys(TYPE_NAMES) as CommuneType[]).filter((t) => communes.some((c) => c.type === t));
  return types.map((type) => {
    const total = communes.filter((c) => c.type === type).length;
    const n = covered.filter((c) => c.type === type).length;
    return { type, nameEn: TYPE_NAMES[type], covered: n, total, percent: percent(n, total) };
  });
}

/**
 * The programme's figures: certified products by star, group, district and commune, producers by type, commune
 * coverage (communes with at least one certified product of 3★ or more, over all communes: the province's goal is
 * every commune) and certificates about to expire. Counted as of the end of a day, under either administrative
 * map, from the certificates and the read model of producers and products.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly directory: CommuneDirectory,
  ) {}

  /** Certificates valid at the end of the day `at` (Viet Nam), with their product and producer. */
  async certified(map: UnitMapId, at: string): Promise<CertifiedRow[]> {
    const end = new Date(startOfVietnamDay(at).getTime() + DAY_MS);
    return this.dataSource.query(
      `SELECT c.id, c.number, c.stars, c.product_id, c.producer_id, c.product_name, c.producer_name, c.decision_ref,
              c.issued_at, c.expires_at, p.product_set, p.product_group, pv.type AS producer_type,
              pv.places -> $2 ->> 'districtCode' AS district_code, pv.places -> $2 ->> 'communeCode' AS commune_code
         FROM certificates c
         LEFT JOIN product_views p ON p.id = c.product_id
         LEFT JOIN producer_views pv ON pv.id = c.producer_id
        WHERE c.issued_at < $1 AND c.expires_at >= $1
          AND (c.revoked_at IS NULL OR c.revoked_at >= $1)
          AND (c.superseded_at IS NULL OR c.superseded_at >= $1)
        ORDER BY c.number`,
      [end, map],
    );
  }

  asOf(at?: string): string {
    return at ?? vietnamDate(this.clock.now());
  }

  /** The map asked for, or the one in force on the day: 2022's districts before 1 July 2025, the merged province after. */
  mapOn(day: string, map?: UnitMapId): UnitMapId {
    return map ?? adminUnits().mapOn(day).id;
  }

  async kpis(asked: UnitMapId | undefined, at?: string) {
    const day = this.asOf(at);
    const map = this.mapOn(day, asked);
    const rows = await this.certified(map, day);
    const communes = this.directory.communes(map);
    const communeName = new Map(communes.map((c) => [c.code, c]));
    const districtName = new Map(this.directory.districts(map).map((d) => [d.code, d.name]));
    const byCommune = count(rows, (r) => r.commune_code);
    const covered = communes.filter((c) => byCommune.has(c.code));
    const producers = new Map(rows.map((r) => [r.producer_id, r.producer_type]));
    const producersByType = count([...producers.values()], (type) => type);
    const byGroup = count(rows, (r) => r.product_group);
    const byStars = count(rows, (r) => String(r.stars));
    return {
      map,
      at: day,
      certifiedProducts: rows.length,
      producers: producers.size,
      byStars: { 3: byStars.get('3') ?? 0, 4: byStars.get('4') ?? 0, 5: byStars.get('5') ?? 0 },
      byGroup: PRODUCT_GROUPS.map((g) => ({
        group: g.code,
        nameVi: g.nameVi,
        nameEn: g.nameEn,
        count: byGroup.get(g.code) ?? 0,
      })),
      byDistrict: [...count(rows, (r) => r.district_code)]
        .filter(([code]) => districtName.has(code))
        .map(([code, n]) => ({ code, name: districtName.get(code), count: n }))
        .sort((a, b) => a.code.localeCompare(b.code)),
      byCommune: [...byCommune]
        .filter(([code]) => communeName.has(code))
        .map(([code, n]) => ({ ...communeName.get(code), count: n }))
        .sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '')),
      producersByType: PRODUCER_TYPES.map((t) => ({
        type: t.code,
        nameVi: t.nameVi,
        nameEn: t.nameEn,
        count: producersByType.get(t.code) ?? 0,
      })),
      coverage: {
        goalVi: 'Mỗi xã có ít nhất một sản phẩm OCOP từ 3 sao',
        goalEn: 'Every commune has at least one OCOP product of 3★ or more',
        covered: covered.length,
        total: communes.length,
        percent: percent(covered.length, communes.length),
        byType: coverageByType(communes, covered),
        uncovered: communes.filter((c) => !byCommune.has(c.code)),
      },
      expiringWithin90Days: (await this.expiring(90)).length,
    };
  }

  /** Valid certificates that expire within `days` from now. */
  async expiring(days: number) {
    const now = this.clock.now();
    const rows: {
      id: string;
      number: string;
      product_id: string;
      product_name: string;
      producer_name: string;
      stars: number;
      expires_at: Date;
    }[] = await this.dataSource.query(
      `SELECT id, number, product_id, product_name, producer_name, stars, expires_at FROM certificates
          WHERE status = 'issued' AND expires_at > $1 AND expires_at <= $2 ORDER BY expires_at, number`,
      [now, new Date(now.getTime() + days * DAY_MS)],
    );
    return rows.map((r) => ({
      certificateId: r.id,
      number: r.number,
      productId: r.product_id,
      productName: r.product_name,
      producerName: r.producer_name,
      stars: r.stars,
      expiresAt: r.expires_at.toISOString(),
      daysLeft: Math.ceil((r.expires_at.getTime() - now.getTime()) / DAY_MS),
    }));
  }
}
