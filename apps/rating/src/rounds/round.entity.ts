import type { TerritoryScope, UnitMapId } from '@ocop/contracts';
import type { LevelChainId, RoundLevel, RoundStatus, RubricVersionId } from '@ocop/ocop-domain';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Territory } from '../common/access';

/** An evaluation round ("đợt đánh giá"): one council of one level, over one territory, for one period. */
@Entity({ name: 'rounds' })
export class Round {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  level!: RoundLevel;

  /** The chain of levels in force (QĐ 148 of 2023, QĐ 1489 of 2025). */
  @Column({ type: 'text' })
  rules!: LevelChainId;

  @Column({ name: 'unit_map', type: 'text' })
  unitMap!: UnitMapId;

  @Column({ name: 'province_code', type: 'text' })
  provinceCode!: string;

  @Column({ name: 'district_code', type: 'text', nullable: true })
  districtCode!: string | null;

  @Column({ name: 'commune_code', type: 'text', nullable: true })
  communeCode!: string | null;

  /** ISO dates: the period dossiers are received in. */
  @Column({ name: 'opens_on', type: 'date' })
  opensOn!: string;

  @Column({ name: 'closes_on', type: 'date' })
  closesOn!: string;

  @Column({ name: 'rubric_version', type: 'text' })
  rubricVersion!: RubricVersionId;

  @Column({ type: 'text' })
  status!: RoundStatus;

  /** The decision approving the round's results (People's Committee or ministry). */
  @Column({ name: 'decision_ref', type: 'text', nullable: true })
  decisionRef!: string | null;

  @Column({ name: 'decision_date', type: 'date', nullable: true })
  decisionDate!: string | null;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

export function territoryOf(round: Round): Territory {
  return {
    unitMap: round.unitMap,
    provinceCode: round.provinceCode,
    ...(round.districtCode ? { districtCode: round.districtCode } : {}),
    ...(round.communeCode ? { communeCode: round.communeCode } : {}),
  };
}

/** The round's territory as events carry it (codes only; the map follows from the province code). */
export function roundScope(round: Round): TerritoryScope {
  return {
    provinceCode: round.provinceCode,
    ...(round.districtCode ? { districtCode: round.districtCode } : {}),
    ...(round.communeCode ? { communeCode: round.communeCode } : {}),
  };
}

export function roundView(round: Round) {
  return {
    roundId: round.id,
    name: round.name,
    level: round.level,
    rules: round.rules,
    territory: territoryOf(round),
    opensOn: round.opensOn,
    closesOn: round.closesOn,
    rubricVersion: round.rubricVersion,
    status: round.status,
    ...(round.decisionRef ? { decision: { ref: round.decisionRef, date: round.decisionDate } } : {}),
    createdAt: round.createdAt.toISOString(),
  };
}
