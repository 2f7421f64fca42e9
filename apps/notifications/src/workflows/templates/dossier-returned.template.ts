import { DossierReturnedV1 } from '@ocop/contracts';
import { Template, vietnamDay } from './layout';

const items = (d: DossierReturnedV1) =>
  d.items
    .map(
      (i) =>
        `${i.code}${i.comment ? `: ${i.comment}` : ''}${i.supplementDueOn ? ` (${vietnamDay(i.supplementDueOn)})` : ''}`,
    )
    .join('\n');

export const dossierReturnedTemplate: Template<DossierReturnedV1> = {
  vi: (d) => ({
    subject: `Hồ sơ OCOP "${d.productName}" được trả lại để bổ sung`,
    intro: `Cán bộ đã trả lại hồ sơ của sản phẩm "${d.productName}" trong đợt "${d.roundName}". Vui lòng bổ sung và nộp lại.`,
    facts: [
      ['Nhận xét', d.comment],
      ...(d.items.length ? ([['Mục cần bổ sung', items(d)]] as [string, string][]) : []),
      ['Ngày trả', vietnamDay(d.returnedAt)],
    ],
  }),
  en: (d) => ({
    subject: `OCOP dossier "${d.productName}" returned for changes`,
    intro: `An officer returned the dossier of "${d.productName}" in the round "${d.roundName}". Please complete it and submit it again.`,
    facts: [
      ['Comment', d.comment],
      ...(d.items.length ? ([['Items to complete', items(d)]] as [string, string][]) : []),
      ['Returned on', vietnamDay(d.returnedAt)],
    ],
  }),
};
