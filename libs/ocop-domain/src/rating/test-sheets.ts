import { decisionSetByNo } from '../ocop/decision-sets';
import { Rubric, RUBRIC_VERSIONS } from './rubric';
import { readSheetsCsv } from './rubric-sheets';

const HEADER = 'set_no,set_name,level,title,description,min_star_marker,score,unverified';

/** A row of a QĐ 148-style sheet: [level, title, score, marker?, unverified reason?]. */
export type SheetRow = [number, string, number | string, number?, string?];

export function qd148Csv(sets: Record<number, SheetRow[]>): string {
  const lines = [HEADER];
  for (const [setNo, rows] of Object.entries(sets)) {
    const name = decisionSetByNo('qd148-2023', Number(setNo))?.nameVi ?? `Bộ thử ${setNo}`;
    for (const [level, title, score, marker, unverified] of rows) {
      lines.push(`${setNo},"${name}",${level},"${title}",,${marker ?? ''},${score},"${unverified ?? ''}"`);
    }
  }
  return lines.join('\n');
}

/**
 * A sheet where any whole total from 0 to 100 can be scored: each part is one section whose options are worth
 * 0, 1, 2 … up to the part's maximum (the section is its own criterion).
 */
export function everyTotalSheet(): SheetRow[] {
  const part = (code: string, max: number): SheetRow[] => [
    [0, `Phần ${code}`, max],
    [1, `${code}1. Mục`, max],
    ...Array.from({ length: max + 1 }, (_, points): SheetRow => [3, `□ ${points} điểm`, points]),
  ];
  return [...part('A', 40), ...part('B', 25), ...part('C', 35)];
}

export const qd148Spec = RUBRIC_VERSIONS[0];

export function readTestSheets(sets: Record<number, SheetRow[]>): Rubric {
  return readSheetsCsv(qd148Spec, qd148Csv(sets));
}
