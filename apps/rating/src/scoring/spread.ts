/**
 * Which submitted scoresheets stand far apart (decision 0057): a sheet whose total is more than `points` from every
 * other sheet's. With three sheets of 46, 100 and 46 points only the 100 is flagged, as the two 46s agree; with two
 * sheets far apart both are, as nothing says which one is off. One sheet alone is never flagged.
 */
export function farApartSheets(
  sheets: readonly { id: string; total: number }[],
  points: number,
): Set<string> {
  const flagged = new Set<string>();
  if (sheets.length < 2) return flagged;
  for (const sheet of sheets) {
    const others = sheets.filter((o) => o.id !== sheet.id);
    if (others.every((o) => Math.abs(o.total - sheet.total) > points)) flagged.add(sheet.id);
  }
  return flagged;
}
