import {
  readQd1048Sheets,
  readQd148Sheets,
  Rubric,
  RubricIssue,
  RubricSet,
  rubricVersionSpec,
  RubricVersionId,
  RUBRIC_VERSIONS,
} from '@ocop/ocop-domain';
import { RatingProblems } from '../common/problems';
import qd1048Csv from './data/ocop-criteria-qd1048-2019.csv';
import qd148Csv from './data/ocop-criteria-qd148-2023.csv';

export interface SetValidation {
  setNo: number;
  name: string | null;
  usable: boolean;
  errors: RubricIssue[];
  warnings: RubricIssue[];
}

export interface VersionValidation {
  version: RubricVersionId;
  usableSets: number[];
  unusableSets: number[];
  sets: SetValidation[];
}

/**
 * The rubric versions the service knows, read from the bundled sheets and checked once per process. Versions are
 * immutable data: a corrected transcription is a new version with its own id, so an assessment's recorded version
 * always means the sheet it was scored on.
 */
export class RubricCatalog {
  private readonly rubrics: Map<RubricVersionId, Rubric>;

  constructor(rubrics: Rubric[]) {
    this.rubrics = new Map(rubrics.map((r) => [r.spec.id, r]));
  }

  versions(): Rubric[] {
    return [...this.rubrics.values()];
  }

  version(id: string): Rubric {
    const rubric = this.rubrics.get(id as RubricVersionId);
    if (!rubric) throw RatingProblems.notFound(`bộ tiêu chí "${id}"`, `Rubric version "${id}"`);
    return rubric;
  }

  /** A sheet, usable or not (for reading and reports). */
  set(version: string, setNo: number): RubricSet {
    const set = this.version(version).sets.find((s) => s.setNo === setNo);
    if (!set)
      throw RatingProblems.notFound(`phiếu đánh giá bộ ${setNo}`, `Scoring sheet of product set ${setNo}`);
    return set;
  }

  /** A sheet to score with: one that does not add up is refused, never used. */
  usableSet(version: string, setNo: number): RubricSet {
    const set = this.set(version, setNo);
    if (!set.usable) {
      throw RatingProblems.unprocessable(
        'rubric-set-unusable',
        `Phiếu đánh giá bộ ${setNo} (${version}) không cộng đúng điểm và không được dùng để chấm; xem GET /rubrics/validation`,
        `The scoring sheet of set ${setNo} (${version}) does not add up and cannot be used; see GET /rubrics/validation`,
        { version, setNo, issues: set.issues.filter((i) => i.severity === 'error') },
      );
    }
    return set;
  }

  validation(): VersionValidation[] {
    return this.versions().map((rubric) => {
      const sets: SetValidation[] = rubric.spec.setNumbers.map((setNo) => {
        const set = rubric.sets.find((s) => s.setNo === setNo);
        const issues = [...(set?.issues ?? []), ...rubric.issues.filter((i) => i.setNo === setNo)];
        return {
          setNo,
          name: set?.name ?? null,
          usable: set?.usable ?? false,
          errors: issues.filter((i) => i.severity === 'error'),
          warnings: issues.filter((i) => i.severity === 'warning'),
        };
      });
      return {
        version: rubric.spec.id,
        usableSets: sets.filter((s) => s.usable).map((s) => s.setNo),
        unusableSets: sets.filter((s) => !s.usable).map((s) => s.setNo),
        sets,
      };
    });
  }
}

const SHEETS: Record<RubricVersionId, (csv: string) => Rubric> = {
  'qd148-2023': (csv) => readQd148Sheets(specOf('qd148-2023'), csv),
  'qd1048-2019': (csv) => readQd1048Sheets(specOf('qd1048-2019'), csv),
};

function specOf(id: RubricVersionId) {
  const spec = rubricVersionSpec(id);
  if (!spec) throw new Error(`Unknown rubric version ${id}`);
  return spec;
}

export function loadRubricCatalog(): RubricCatalog {
  const texts: Record<RubricVersionId, string> = { 'qd148-2023': qd148Csv, 'qd1048-2019': qd1048Csv };
  return new RubricCatalog(RUBRIC_VERSIONS.map((spec) => SHEETS[spec.id](texts[spec.id])));
}
