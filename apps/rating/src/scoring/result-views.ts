import { LEVEL_RULES, potentialFiveStar, RoundLevel } from '@ocop/ocop-domain';
import { Result, Scoresheet } from './scoring.entity';

/** Why the star is below the score's band, in words the council and the producer read. */
export function capExplanations(result: Result, level: RoundLevel): { vi: string; en: string }[] {
  const rule = LEVEL_RULES[level];
  return [
    ...(result.cappedBy.level
      ? [
          {
            vi: `Hội đồng ${rule.nameVi.toLowerCase()} công nhận tối đa ${rule.maxStars} sao`,
            en: `A ${rule.nameEn.toLowerCase()} council awards at most ${rule.maxStars}★`,
          },
        ]
      : []),
    ...result.cappedBy.markers.map((m) => ({
      vi: `Tiêu chí ${m.criterionKey} "${m.criterionTitle}": cần đạt ${m.requiredPoints} điểm${
        m.requiredOption ? ` ("${m.requiredOption}")` : ''
      } để được ${m.requiredStars} sao; điểm trung bình của hội đồng là ${m.achievedPoints}`,
      en: `Criterion ${m.criterionKey} "${m.criterionTitle}" needs ${m.requiredPoints} points${
        m.requiredOption ? ` ("${m.requiredOption}")` : ''
      } for ${m.requiredStars}★; the council's average is ${m.achievedPoints}`,
    })),
  ];
}

/** A sheet the result leaves out, and why (decision 0025). */
export const excludedSheetView = (sheet: Scoresheet) => ({
  scoresheetId: sheet.id,
  memberAccountId: sheet.memberAccountId,
  conflict: sheet.excludedFor,
});

export function resultView(
  result: Result,
  level: RoundLevel,
  certificateId: string | undefined,
  excluded: readonly Scoresheet[],
) {
  return {
    resultId: result.id,
    dossierId: result.dossierId,
    roundId: result.roundId,
    revision: result.revision,
    status: result.status,
    rubric: {
      version: result.rubricVersion,
      ...(result.rubricSetCode ? { setCode: result.rubricSetCode } : {}),
      ...(result.rubricSetNo !== null ? { setNo: result.rubricSetNo } : {}),
      ...(result.rubricSheetId ? { sheetId: result.rubricSheetId } : {}),
      ...(result.rubricCase ? { case: result.rubricCase } : {}),
    },
    sheetCount: result.sheetCount,
    excludedSheets: excluded.map(excludedSheetView),
    partAverages: { A: result.partA, B: result.partB, C: result.partC },
    average: result.average,
    bandStars: result.bandStars,
    markerMaxStars: result.markerMaxStars,
    levelMaxStars: result.levelMaxStars,
    stars: result.stars,
    cappedBy: { ...result.cappedBy, explanations: capExplanations(result, level) },
    forwardedTo: result.forwardedTo,
    // Results stored before forwarding looked at the markers were forwarded on the score alone: "potential 5★"
    // is said only when the 5★ markers were met too.
    potentialFiveStar: result.forwardedTo === 'central' && potentialFiveStar(level, result),
    finalisedAt: result.finalisedAt.toISOString(),
    approvedAt: result.approvedAt?.toISOString() ?? null,
    decision: result.decisionRef ? { ref: result.decisionRef, date: result.decisionDate } : null,
    amendment: result.amendsResultId
      ? { reason: result.amendmentReason, amends: result.amendsResultId }
      : null,
    certificateId: certificateId ?? null,
  };
}

/**
 * A scoresheet as one reader may see it. `farApart` and the member's note go to whoever sees the sheet at all (its
 * author, the chair, officers; everyone once finalised): they say that the sheets disagree, not how anyone scored.
 */
export function scoresheetView(
  sheet: Scoresheet,
  withScores: boolean,
  spread: { farApart: boolean; points: number },
) {
  return {
    scoresheetId: sheet.id,
    memberAccountId: sheet.memberAccountId,
    revision: sheet.revision,
    submitted: sheet.submittedAt !== null,
    submittedAt: sheet.submittedAt?.toISOString() ?? null,
    locked: sheet.lockedAt !== null,
    excludedFor: sheet.excludedFor,
    farApart: spread.farApart,
    spreadPoints: spread.points,
    note: sheet.note,
    notedAt: sheet.notedAt?.toISOString() ?? null,
    // Before finalisation members score independently: nobody but the author sees the answers and totals.
    ...(withScores
      ? {
          choices: sheet.choices,
          totals: { A: sheet.partA, B: sheet.partB, C: sheet.partC, total: sheet.total },
        }
      : {}),
  };
}
