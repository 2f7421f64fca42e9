import { CropCycle, ExportCodeV1, FarmingStandard, SiteStatus } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericColumn } from '../common/numeric';
import type { SitePoint } from '../site-codes/site.dto';
import { BoundaryGeometry } from '../site-codes/geojson-boundary';

/** A growing area (vùng trồng) and its code (mã số vùng trồng, QĐ 3156/QĐ-BNN-TT). */
@Entity({ name: 'growing_areas' })
export class GrowingArea {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  crop!: string;

  @Column({ type: 'text' })
  variety!: string;

  @Column({ name: 'crop_cycle', type: 'text' })
  cropCycle!: CropCycle;

  @Column({ name: 'area_ha', type: 'numeric', transformer: numericColumn })
  areaHa!: number;

  @Column({ type: 'text' })
  standard!: FarmingStandard;

  @Column({ name: 'standard_detail', type: 'text', nullable: true })
  standardDetail!: string | null;

  @Column({ name: 'expected_yield_tonnes', type: 'numeric', transformer: numericColumn })
  expectedYieldTonnesPerYear!: number;

  /** The organisation or household that farms the area (cơ sở sản xuất). */
  @Column({ name: 'facility_name', type: 'text' })
  facilityName!: string;

  /** How the area keeps its records (nhật ký canh tác…), part of the registration file. */
  @Column({ name: 'traceability_note', type: 'text', nullable: true })
  traceabilityNote!: string | null;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode!: string;

  @Column({ name: 'district_code', type: 'text', nullable: true })
  districtCode!: string | null;

  @Column({ name: 'commune_code', type: 'text' })
  communeCode!: string;

  @Column({ type: 'jsonb', nullable: true })
  boundary!: BoundaryGeometry | null;

  @Column({ type: 'jsonb', nullable: true })
  location!: SitePoint | null;

  @Column({ name: 'boundary_area_ha', type: 'numeric', nullable: true, transformer: numericColumn })
  boundaryAreaHa!: number | null;

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
