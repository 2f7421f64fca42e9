import { DOSSIER_CHECKLIST, RubricSet, sheetTotals } from '@ocop/ocop-domain';
import { Attachment, ChecklistEntry, Dossier } from './dossier.entity';

export function attachmentView(a: Attachment) {
  return {
    attachmentId: a.id,
    itemCode: a.itemCode,
    fileName: a.fileName,
    contentType: a.contentType,
    sizeBytes: a.sizeBytes,
    sha256: a.sha256.toString('hex'),
    uploadedAt: a.uploadedAt.toISOString(),
  };
}

export function dossierView(
  d: Dossier,
  checklist: ChecklistEntry[],
  attachments: Attachment[],
  set: RubricSet | undefined,
) {
  return {
    dossierId: d.id,
    roundId: d.roundId,
    productId: d.productId,
    producerId: d.producerId,
    productName: d.productName,
    producerName: d.producerName,
    rubric: {
      version: d.rubricVersion,
      setCode: d.rubricSetCode,
      ...(d.rubricSetNo !== null ? { setNo: d.rubricSetNo } : {}),
      sheetId: d.rubricSheetId,
      ...(d.rubricCase !== null ? { case: d.rubricCase } : {}),
      ...(set?.provisional ? { provisional: true } : {}),
    },
    status: d.status,
    registration: d.registration,
    selfAssessment: d.selfAssessment
      ? {
          choices: d.selfAssessment,
          ...(set?.usable ? sheetTotals(set, d.selfAssessment, d.rubricCase) : {}),
        }
      : null,
    ...(d.forwardedFromResultId ? { forwardedFromResultId: d.forwardedFromResultId } : {}),
    ...(d.forwardedFromDossierId ? { forwardedFromDossierId: d.forwardedFromDossierId } : {}),
    checklist: DOSSIER_CHECKLIST.map((item) => {
      const entry = checklist.find((c) => c.code === item.code);
      return {
        code: item.code,
        nameVi: item.nameVi,
        nameEn: item.nameEn,
        required: entry?.required ?? item.required,
        officerComment: entry?.officerComment ?? null,
        supplementDueOn: entry?.supplementDueOn ?? null,
        attachments: attachments.filter((a) => a.itemCode === item.code).map(attachmentView),
      };
    }),
    submittedAt: d.submittedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

export type DossierView = ReturnType<typeof dossierView>;
