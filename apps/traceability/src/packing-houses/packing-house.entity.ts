import { ExportCodeV1, SiteStatus } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericColumn } from '../common/numeric';
import type { SitePoint } from '../site-codes/site.dto';

/** A packing house (cơ sở đóng gói) and its code, numbered per province like growing areas. */
@Entity({ name: 'packing_houses' })
export class PackingHouse {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode!: string;

  @Column({ name: 'district_code', type: 'text', nullable: true })
  districtCode!: string | null;

  @Column({ name: 'commune_code', type: 'text' })
  communeCode!: string;

  @Column({ name: 'capacity_tonnes_per_day', type: 'numeric', nullable: true, transformer: numericColumn })
  capacityTonnesPerDay!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  location!: SitePoint | null;

  /** What it packs, e.g. "sầu riêng", "bưởi da xanh". */
  @Column({ type: 'text', array: true })
  products!: string[];

  @Column({ type: 'text' })
  status!: SiteStatus;

  @Column({ type: 'text', nullable: true })
  code!: string | null;

  @Column({ name: 'facility_number', type: 'integer', nullable: true })
  facilityNumber!: number | null;

  @Column({ name: 'export_codes', type: 'jsonb' })
  exportCodes!: ExportCodeV1[];

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ type: 'integer' })
  version!: number;
}
