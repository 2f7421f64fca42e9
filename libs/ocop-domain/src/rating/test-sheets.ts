import { Rubric, RUBRIC_VERSIONS } from './rubric';
import { readQd148Sheets } from './rubric-sheets';

const HEADER = 'set_no,set_name,level,title,description,min_star_marker,score';

/** A row of a QĐ 148-style sheet: [level, title, score, marker?]. */
export type SheetRow = [number, string, number | string, number?];

export function qd148Csv(sets: Record<number, SheetRow[]>): string {
  const lines = [HEADER];
  for (const [setNo, rows] of Object.entries(sets)) {
    for (const [level, title, score, marker] of rows) {
      lines.push(`${setNo},"Bộ thử ${setNo}",${level},"${title}",,${marker ?? ''},${score}`);
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
  return readQd148Sheets(qd148Spec, qd148Csv(sets));
}
