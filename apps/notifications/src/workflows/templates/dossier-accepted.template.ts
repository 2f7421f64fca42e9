import { DossierAcceptedV1 } from '@ocop/contracts';
import { Template, vietnamDay } from './layout';

const supplements = (d: DossierAcceptedV1) =>
  d.supplements.map((s) => `${s.code} (${vietnamDay(s.supplementDueOn)})`).join('\n');

export const dossierAcceptedTemplate: Template<DossierAcceptedV1> = {
  vi: (d) => ({
    subject: `Hồ sơ OCOP "${d.productName}" đã được tiếp nhận`,
    intro: `Cán bộ đã kiểm tra và tiếp nhận hồ sơ của sản phẩm "${d.productName}" trong đợt "${d.roundName}". Hồ sơ chuyển sang bước đánh giá.`,
    facts: [
      ...(d.supplements.length
        ? ([['Tài liệu được bổ sung sau (hạn nộp)', supplements(d)]] as [string, string][])
        : []),
      ['Ngày tiếp nhận', vietnamDay(d.acceptedAt)],
    ],
  }),
  en: (d) => ({
    subject: `OCOP dossier "${d.productName}" accepted`,
    intro: `An officer checked and accepted the dossier of "${d.productName}" in the round "${d.roundName}". It goes on to scoring.`,
    facts: [
      ...(d.supplements.length
        ? ([['Documents allowed later (deadline)', supplements(d)]] as [string, string][])
        : []),
      ['Accepted on', vietnamDay(d.acceptedAt)],
    ],
  }),
};
