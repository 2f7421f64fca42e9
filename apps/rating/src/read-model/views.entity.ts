import type {
  AccountStatus,
  Language,
  PlaceV1,
  ProductGroupCode,
  Role,
  TerritoryScope,
  UnitMapId,
} from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A producer (chủ thể) as the catalogue last told us: what dossiers, territory checks and reports need. */
@Entity({ name: 'producer_views' })
export class ProducerView {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text' })
  status!: string;

  /** The producer's place under each administrative map, as the catalogue computed it. */
  @Column({ type: 'jsonb' })
  places!: Record<UnitMapId, PlaceV1>;

  @Column({ name: 'source_updated_at', type: 'timestamptz' })
  sourceUpdatedAt!: Date;
}

@Entity({ name: 'product_views' })
export class ProductView {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId!: string;

  @Column({ name: 'name_vi', type: 'text' })
  nameVi!: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn!: string | null;

  /** OCOP product set of QĐ 148 (1–26). */
  @Column({ name: 'product_set', type: 'smallint' })
  productSet!: number;

  @Column({ name: 'product_group', type: 'text' })
  productGroup!: ProductGroupCode;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'source_updated_at', type: 'timestamptz' })
  sourceUpdatedAt!: Date;
}

/** An account as identity last told us: council members must be known, active accounts with the council role. */
@Entity({ name: 'account_views' })
export class AccountView {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'text', array: true })
  roles!: Role[];

  @Column({ type: 'text' })
  status!: AccountStatus;

  @Column({ name: 'producer_id', type: 'uuid', nullable: true })
  producerId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  scope!: TerritoryScope | null;

  @Column({ type: 'text' })
  language!: Language;

  /** Time of the event this row reflects: a late, older event never overwrites a newer one. */
  @Column({ name: 'event_time', type: 'timestamptz' })
  eventTime!: Date;
}
