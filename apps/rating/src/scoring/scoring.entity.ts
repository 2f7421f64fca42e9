import type { Choices, MarkerShortfall, RoundLevel, RubricVersionId, Stars } from '@ocop/ocop-domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { MemberConflict } from '../councils/member-conflict';

/** numeric columns come back from pg as strings; scores are read as numbers. */
const numeric = { to: (value: number) => value, from: (value: string) => Number(value) };

/** One council member's answers for one dossier. Revision 1 is the council's; amendments add later revisions. */
@Entity({ name: 'scoresheets' })
export class Scoresheet {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ type: 'smallint' })
  revision!: number;

  @Column({ name: 'member_account_id', type: 'uuid' })
  memberAccountId!: string;

  @Column({ type: 'jsonb' })
  choices!: Choices;

  @Column({ name: 'part_a', type: 'numeric', transformer: numeric })
  partA!: number;

  @Column({ name: 'part_b', type: 'numeric', transformer: numeric })
  partB!: number;

  @Column({ name: 'part_c', type: 'numeric', transformer: numeric })
  partC!: number;

  @Column({ type: 'numeric', transformer: numeric })
  total!: number;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  /** Set when the result is finalised; the database refuses any later change. */
  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt!: Date | null;

  /** Set when the result was computed without this sheet: its member had a conflict with the producer by then. */
  @Column({ name: 'excluded_for', type: 'text', nullable: true })
  excludedFor!: MemberConflict | null;

  /** The member's explanation of a submitted sheet far apart from the others' (decision 0057). */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  @Column({ name: 'noted_at', type: 'timestamptz', nullable: true })
  notedAt!: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export type ResultStatus = 'finalised' | 'approved' | 'superseded';

export interface CappedBy {
  markers: MarkerShortfall[];
  level: boolean;
}

/** The council's result for a dossier: a decision. Approved results change only by a new, amending revision. */
@Entity({ name: 'results' })
export class Result {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'dossier_id', type: 'uuid' })
  dossierId!: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId!: string;

  @Column({ type: 'smallint' })
  revision!: number;

  @Column({ name: 'rubric_version', type: 'text' })
  rubricVersion!: RubricVersionId;

  @Column({ name: 'rubric_set_no', type: 'smallint', nullable: true })
  rubricSetNo!: number | null;

  /** Null for results from before sheets were versioned (their dossier's sheet is the bundled one). */
  @Column({ name: 'rubric_set_code', type: 'text', nullable: true })
  rubricSetCode!: string | null;

  @Column({ name: 'rubric_sheet_id', type: 'uuid', nullable: true })
  rubricSheetId!: string | null;

  @Column({ name: 'rubric_case', type: 'text', nullable: true })
  rubricCase!: string | null;

  @Column({ name: 'sheet_count', type: 'smallint' })
  sheetCount!: number;

  @Column({ name: 'part_a', type: 'numeric', transformer: numeric })
  partA!: number;

  @Column({ name: 'part_b', type: 'numeric', transformer: numeric })
  partB!: number;

  @Column({ name: 'part_c', type: 'numeric', transformer: numeric })
  partC!: number;

  @Column({ type: 'numeric', transformer: numeric })
  average!: number;

  @Column({ name: 'band_stars', type: 'smallint' })
  bandStars!: Stars;

  @Column({ name: 'marker_max_stars', type: 'smallint' })
  markerMaxStars!: Stars;

  @Column({ name: 'level_max_stars', type: 'smallint' })
  levelMaxStars!: Stars;

  @Column({ type: 'smallint' })
  stars!: Stars;

  @Column({ name: 'capped_by', type: 'jsonb' })
  cappedBy!: CappedBy;

  /** The next level this result sends the product to (≥ 50 to the province, ≥ 90 on to the central council). */
  @Column({ name: 'forwarded_to', type: 'text', nullable: true })
  forwardedTo!: RoundLevel | null;

  @Column({ type: 'text' })
  status!: ResultStatus;

  @Column({ name: 'finalised_by', type: 'uuid' })
  finalisedBy!: string;

  @Column({ name: 'finalised_at', type: 'timestamptz' })
  finalisedAt!: Date;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt!: Date | null;

  @Column({ name: 'decision_ref', type: 'text', nullable: true })
  decisionRef!: string | null;

  @Column({ name: 'decision_date', type: 'date', nullable: true })
  decisionDate!: string | null;

  @Column({ name: 'amendment_reason', type: 'text', nullable: true })
  amendmentReason!: string | null;

  @Column({ name: 'amends_result_id', type: 'uuid', nullable: true })
  amendsResultId!: string | null;
}
