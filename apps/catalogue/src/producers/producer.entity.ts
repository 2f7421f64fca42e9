import { ProducerStatus, ProducerType, UnitMapId } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProducerIdentity } from './producer-identity';

/** A producer (chủ thể OCOP): household, cooperative group, cooperative or enterprise. */
@Entity({ name: 'producers' })
export class Producer {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  type!: ProducerType;

  /** Legal name, in Vietnamese. */
  @Column({ type: 'text' })
  name!: string;

  /** catalogue_fold(name), computed by Postgres: the sort key of lists and the key import matches names on. */
  @Column({ name: 'name_folded', type: 'text', insert: false, update: false })
  nameFolded!: string;

  /** Brand or trading name ("tên giao dịch"), which is often what buyers know. */
  @Column({ name: 'trading_name', type: 'text', nullable: true })
  tradingName!: string | null;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  /** Tax code = enterprise/cooperative registration number; unique when present. */
  @Column({ name: 'tax_code', type: 'text', nullable: true })
  taxCode!: string | null;

  @Column({ name: 'gs1_company_prefix', type: 'text', nullable: true })
  gs1CompanyPrefix!: string | null;

  @Column({ name: 'legal_rep_name', type: 'text' })
  legalRepName!: string;

  @Column({ name: 'legal_rep_position', type: 'text', nullable: true })
  legalRepPosition!: string | null;

  /** The rubric scores producers led by women and by ethnic-minority people. */
  @Column({ name: 'legal_rep_woman', type: 'boolean' })
  legalRepWoman!: boolean;

  @Column({ name: 'legal_rep_ethnic_minority', type: 'boolean' })
  legalRepEthnicMinority!: boolean;

  @Column({ type: 'text', nullable: true })
  street!: string | null;

  /** The map `communeCode` was valid in when the address was recorded; the code is kept as it was. */
  @Column({ name: 'unit_map', type: 'text' })
  unitMap!: UnitMapId;

  @Column({ name: 'commune_code', type: 'text', nullable: true })
  communeCode!: string | null;

  /** The address rolled up under each map (see AdminUnitRegistry.places), for filters and reports. */
  @Column({ name: 'bt2022_district_code', type: 'text', nullable: true })
  bt2022DistrictCode!: string | null;

  @Column({ name: 'bt2022_commune_code', type: 'text', nullable: true })
  bt2022CommuneCode!: string | null;

  @Column({ name: 'vl2025_commune_code', type: 'text', nullable: true })
  vl2025CommuneCode!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ type: 'text' })
  status!: ProducerStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason!: string | null;

  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt!: Date | null;

  @Column({ name: 'status_changed_by', type: 'text', nullable: true })
  statusChangedBy!: string | null;

  /** When an officer last verified who the producer is; from then on that changes only through review. */
  @Column({ name: 'identity_verified_at', type: 'timestamptz', nullable: true })
  identityVerifiedAt!: Date | null;

  /**
   * The identity the producer asked for and no officer has accepted yet (decision 0024). The columns above keep
   * the verified identity meanwhile: they are what the public sees.
   */
  @Column({ name: 'pending_identity', type: 'jsonb', nullable: true })
  pendingIdentity!: ProducerIdentity | null;

  @Column({ name: 'pending_since', type: 'timestamptz', nullable: true })
  pendingSince!: Date | null;

  @Column({ name: 'pending_by', type: 'text', nullable: true })
  pendingBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'created_by', type: 'text' })
  createdBy!: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
