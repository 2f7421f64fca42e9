import { GrowingAreaChangedV1 } from '@ocop/contracts';
import { Template } from './layout';

export const growingAreaIssuedTemplate: Template<GrowingAreaChangedV1> = {
  vi: (d) => ({
    subject: `Vùng trồng "${d.growingArea.name}" đã được cấp mã ${d.growingArea.code ?? ''}`.trim(),
    intro: `Vùng trồng "${d.growingArea.name}" (${d.growingArea.crop}) đã được cấp mã số. Bạn có thể ghi mã này trên lô hàng và nhãn.`,
    facts: [['Mã vùng trồng', d.growingArea.code ?? '']],
  }),
  en: (d) => ({
    subject: `Growing area "${d.growingArea.name}" issued code ${d.growingArea.code ?? ''}`.trim(),
    intro: `The growing area "${d.growingArea.name}" (${d.growingArea.crop}) has been issued its code. You can now record it on batches and labels.`,
    facts: [['Growing-area code', d.growingArea.code ?? '']],
  }),
};

export const growingAreaRejectedTemplate: Template<GrowingAreaChangedV1> = {
  vi: (d) => ({
    subject: `Hồ sơ cấp mã vùng trồng "${d.growingArea.name}" bị từ chối`,
    intro: `Hồ sơ cấp mã cho vùng trồng "${d.growingArea.name}" chưa được chấp nhận. Bạn có thể chỉnh sửa và nộp lại.`,
    facts: [['Lý do', d.reason ?? '']],
  }),
  en: (d) => ({
    subject: `Growing-area code for "${d.growingArea.name}" refused`,
    intro: `The code application for the growing area "${d.growingArea.name}" was not accepted. You can amend it and apply again.`,
    facts: [['Reason', d.reason ?? '']],
  }),
};
