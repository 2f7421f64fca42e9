import { PlaceV1, ProducerStatus, UnitMapId } from '@ocop/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What traceability knows about a producer (chủ thể), kept from the catalogue's producer events. */
@Entity({ name: 'catalogue_producers' })
export class CatalogueProducer {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  status!: ProducerStatus;

  @Column({ name: 'gs1_company_prefix', type: 'text', nullable: true })
  gs1CompanyPrefix!: string | null;

  @Column({ type: 'jsonb' })
  places!: Record<UnitMapId, PlaceV1>;

  /** The catalogue's own updatedAt: an older snapshot arriving late never overwrites a newer one. */
  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
