import { RoundScoringStartedV1 } from '@ocop/contracts';
import { Template, vietnamDay } from './layout';

export const roundScoringStartedTemplate: Template<RoundScoringStartedV1> = {
  vi: (d) => ({
    subject: `Hội đồng bắt đầu chấm điểm đợt "${d.roundName}"`,
    intro: `Đợt "${d.roundName}" đã chuyển sang chấm điểm. Bạn là thành viên hội đồng và có ${d.dossierCount} hồ sơ cần chấm.`,
    facts: [['Ngày bắt đầu', vietnamDay(d.startedAt)]],
  }),
  en: (d) => ({
    subject: `The council starts scoring the round "${d.roundName}"`,
    intro: `The round "${d.roundName}" is now in scoring. You sit on its council and have ${d.dossierCount} dossiers to score.`,
    facts: [['Started on', vietnamDay(d.startedAt)]],
  }),
};
