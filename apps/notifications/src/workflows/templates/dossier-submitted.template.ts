import { DossierSubmittedV1 } from '@ocop/contracts';
import { Template, vietnamDay } from './layout';

export const dossierSubmittedTemplate: Template<DossierSubmittedV1> = {
  vi: (d) => ({
    subject: `Hồ sơ OCOP "${d.productName}" chờ thẩm định`,
    intro: d.resubmission
      ? `Chủ thể đã nộp lại hồ sơ của sản phẩm "${d.productName}" trong đợt "${d.roundName}" sau khi bổ sung.`
      : `Có hồ sơ mới của sản phẩm "${d.productName}" trong đợt "${d.roundName}" chờ bạn thẩm định.`,
    facts: [['Ngày nộp', vietnamDay(d.submittedAt)]],
  }),
  en: (d) => ({
    subject: `OCOP dossier "${d.productName}" awaits review`,
    intro: d.resubmission
      ? `The producer resubmitted the dossier of "${d.productName}" in the round "${d.roundName}" after completing it.`
      : `A new dossier of "${d.productName}" in the round "${d.roundName}" awaits your review.`,
    facts: [['Submitted on', vietnamDay(d.submittedAt)]],
  }),
};
