import { DossierDecidedV1 } from '@ocop/contracts';
import { Template, vietnamDay } from './layout';

/** The lowest score of the 3★ band (QĐ 148/2023 and QĐ 1048/2019 alike): below it a product is not OCOP. */
const THREE_STAR_POINTS = 50;

const score = (d: DossierDecidedV1, language: 'vi' | 'en') =>
  language === 'vi' ? String(d.score).replace('.', ',') : String(d.score);

/** Why the result is below 3★: the score's band, then each cap (a level's limit, a criterion short of its marker). */
const reasons = (d: DossierDecidedV1, language: 'vi' | 'en') =>
  [
    ...(d.bandStars < 3
      ? [
          language === 'vi'
            ? `Tổng điểm ${score(d, 'vi')}/100, cần từ ${THREE_STAR_POINTS} điểm để đạt 3 sao`
            : `A total of ${score(d, 'en')}/100; 3★ needs ${THREE_STAR_POINTS} points or more`,
        ]
      : []),
    ...d.reasons.map((r) => r[language]),
  ]
    .map((r) => `- ${r}`)
    .join('\n');

/** A result below 3★: what the producer needs to know to do better next time. */
export const dossierBelowThreeStarsTemplate: Template<DossierDecidedV1> = {
  vi: (d) => ({
    subject: `Kết quả đánh giá "${d.productName}": ${d.stars} sao, chưa đạt OCOP`,
    intro: `Kết quả đánh giá sản phẩm "${d.productName}" trong đợt "${d.roundName}" đã được phê duyệt: ${d.stars} sao (${score(d, 'vi')} điểm). Sản phẩm chưa được công nhận OCOP, vì cần từ 3 sao.`,
    facts: [
      ['Lý do', reasons(d, 'vi')],
      ['Quyết định', `${d.decisionRef} ngày ${vietnamDay(d.decisionDate)}`],
    ],
    outro: 'Bạn có thể hoàn thiện sản phẩm theo các tiêu chí trên và đăng ký lại ở đợt đánh giá sau.',
  }),
  en: (d) => ({
    subject: `Rating result for "${d.productName}": ${d.stars}★, not OCOP yet`,
    intro: `The rating result of "${d.productName}" in the round "${d.roundName}" is approved: ${d.stars}★ (${score(d, 'en')} points). The product is not certified OCOP, which takes 3★ or more.`,
    facts: [
      ['Why', reasons(d, 'en')],
      ['Decision', `${d.decisionRef} of ${vietnamDay(d.decisionDate)}`],
    ],
    outro: 'You can improve the product on the criteria above and apply again in a later round.',
  }),
};
