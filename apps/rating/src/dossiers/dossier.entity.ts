import type { Choices, DossierStatus, RubricVersionId } from '@ocop/ocop-domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Places } from '../common/access';
import type { Registration } from './dto/dossier.dto';

/** A product's application ("hồ sơ") to one round. */
@Entity({ name: 'dossiers' })
export class Dossier {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ name: 'product_id', type: 'uuid' })
  productId!: string;

  @Column({ name: 'producer_id', type: 'uuid' })
  producerId!: string;

  /** Names as they were when the dossier was made: what the council saw. */
  @Column({ name: 'product_name', type: 'text' })
  productName!: string;

  @Column({ name: 'producer_name', type: 'text' })
  producerName!: string;

  /** The producer's place under each map, for territory checks. */
  @Column({ type: 'jsonb' })
  places!: Places;

  /** The decision whose sheets the dossier is assessed on. */
  @Column({ name: 'rubric_version', type: 'text' })
  rubricVersion!: RubricVersionId;

  /** The decision's own number for the set, where it has one (QĐ 148). */
  @Column({ name: 'rubric_set_no', type: 'smallint', nullable: true })
  rubricSetNo!: number | null;

  /** The set of the round's decision whose sheet scores the product (decision 0031: sets by identity). */
  @Column({ name: 'rubric_set_code', type: 'text' })
  rubricSetCode!: string;

  /** The revision of that sheet the round pinned: what every score of the dossier is computed on. */
  @Column({ name: 'rubric_sheet_id', type: 'uuid' })
  rubricSheetId!: string;

  /** The alternative chosen at intake, on a sheet that offers several ("Trường hợp 1/2"). */
  @Column({ name: 'rubric_case', type: 'text', nullable: true })
  rubricCase!: string | null;

  @Column({ type: 'text' })
  status!: DossierStatus;

  @Column({ type: 'jsonb' })
  registration!: Registration;

  /** The producer's own answers to the sheet. */
  @Column({ name: 'self_assessment', type: 'jsonb', nullable: true })
  selfAssessment!: Choices | null;

  /** For a dossier taken in from the level below: the result that forwarded it. */
  @Column({ name: 'forwarded_from_result_id', type: 'uuid', nullable: true })
  forwardedFromResultId!: string | null;

  /** For a dossier taken in from a review-only level (the commune under QĐ 1489): the dossier it proposed. */
  @Column({ name: 'forwarded_from_dossier_id', type: 'uuid', nullable: true })
  forwardedFromDossierId!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;
}

@Entity({ name: 'dossier_checklist' })
export class ChecklistEntry {
  @PrimaryColumn({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'boolean' })
  required!: boolean;

  @Column({ name: 'officer_comment', type: 'text', nullable: true })
  officerComment!: string | null;

  /** Until this day (inclusive) the producer may still file evidence for the item. */
  @Column({ name: 'supplement_due_on', type: 'date', nullable: true })
  supplementDueOn!: string | null;
}

/** A file of a dossier; its bytes live in dossier_attachment_contents. */
@Entity({ name: 'dossier_attachments' })
export class Attachment {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ name: 'item_code', type: 'text' })
  itemCode!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ name: 'content_type', type: 'text' })
  contentType!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'bytea' })
  sha256!: Buffer;

  @Column({ name: 'uploaded_by', type: 'uuid' })
  uploadedBy!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz' })
  uploadedAt!: Date;
}
