import type { RubricSet, RubricVersionId } from '@ocop/ocop-domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type RubricSheetStatus = 'draft' | 'active' | 'superseded';
export type RubricSheetSource = 'bundled' | 'import';

/** One revision of one product set's scoring sheet. Content is written once (a trigger refuses changes). */
@Entity({ name: 'rubric_sheets' })
export class RubricSheet {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  decision!: RubricVersionId;

  @Column({ name: 'set_code', type: 'text' })
  setCode!: string;

  @Column({ type: 'integer' })
  revision!: number;

  @Column({ type: 'text' })
  status!: RubricSheetStatus;

  @Column({ type: 'boolean' })
  usable!: boolean;

  @Column({ type: 'boolean' })
  provisional!: boolean;

  @Column({ type: 'text' })
  source!: RubricSheetSource;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column({ name: 'file_format', type: 'text' })
  fileFormat!: 'csv' | 'xlsx';

  /** Of the sheet as read (not of the file): the same sheet imported twice is recognised. */
  @Column({ name: 'content_sha256', type: 'text' })
  contentSha256!: string;

  /** The sheet as read and checked: parts, criteria, options, cases, issues. */
  @Column({ type: 'jsonb' })
  sheet!: RubricSet;

  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'imported_by', type: 'uuid', nullable: true })
  importedBy!: string | null;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;

  @Column({ name: 'activated_by', type: 'uuid', nullable: true })
  activatedBy!: string | null;

  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true })
  activatedAt!: Date | null;
}

export function rubricSheetSummary(s: RubricSheet) {
  return {
    sheetId: s.id,
    decision: s.decision,
    setCode: s.setCode,
    ...(s.sheet.setNo !== undefined ? { setNo: s.sheet.setNo } : {}),
    name: s.sheet.name,
    revision: s.revision,
    status: s.status,
    usable: s.usable,
    provisional: s.provisional,
    source: s.source,
    fileName: s.fileName,
    note: s.note,
    importedBy: s.importedBy,
    importedAt: s.importedAt.toISOString(),
    activatedBy: s.activatedBy,
    activatedAt: s.activatedAt?.toISOString() ?? null,
  };
}
