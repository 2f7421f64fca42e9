import { AccountMailV1, RegistrationRepeatedV1 } from '@ocop/contracts';
import { NoticeContent, Template, vietnamDateTime } from './layout';

/** An account mail as its template sees it: the token opened and the portal link built (NotificationPlanner). */
export type OpenedAccountMail = AccountMailV1 & { token: string; link: string };

const invitationContent: Template<OpenedAccountMail> = {
  vi: (d) => ({
    subject: 'Lời mời sử dụng nền tảng OCOP Bến Tre',
    intro: `Chào ${d.displayName}, bạn được mời sử dụng nền tảng OCOP. Mở liên kết dưới đây để đặt mật khẩu và đăng nhập lần đầu. Liên kết chỉ dùng được một lần.`,
    facts: [
      ['Liên kết', d.link],
      ['Mã mời', d.token],
      ['Hết hạn', vietnamDateTime(d.expiresAt)],
    ],
    outro: 'Nếu bạn không chờ lời mời này, hãy bỏ qua thư.',
  }),
  en: (d) => ({
    subject: 'Your invitation to the OCOP Ben Tre platform',
    intro: `Hello ${d.displayName}, you are invited to the OCOP platform. Open the link below to set your password and sign in for the first time. The link works once.`,
    facts: [
      ['Link', d.link],
      ['Invitation code', d.token],
      ['Expires', vietnamDateTime(d.expiresAt)],
    ],
    outro: 'If you did not expect this invitation, ignore this message.',
  }),
};

const passwordResetContent: Template<OpenedAccountMail> = {
  vi: (d) => ({
    subject: 'Đặt lại mật khẩu OCOP',
    intro: `Chào ${d.displayName}, có yêu cầu đặt lại mật khẩu cho tài khoản của bạn. Mở liên kết dưới đây để chọn mật khẩu mới; mọi phiên đăng nhập khác sẽ kết thúc. Liên kết chỉ dùng được một lần.`,
    facts: [
      ['Liên kết', d.link],
      ['Mã đặt lại', d.token],
      ['Hết hạn', vietnamDateTime(d.expiresAt)],
    ],
    outro: 'Nếu bạn không yêu cầu, hãy bỏ qua thư: mật khẩu hiện tại vẫn giữ nguyên.',
  }),
  en: (d) => ({
    subject: 'Reset your OCOP password',
    intro: `Hello ${d.displayName}, someone asked to reset the password of your account. Open the link below to choose a new one; every other session will end. The link works once.`,
    facts: [
      ['Link', d.link],
      ['Reset code', d.token],
      ['Expires', vietnamDateTime(d.expiresAt)],
    ],
    outro: 'If you did not ask, ignore this message: your password stays as it is.',
  }),
};

const registrationRepeatedContent: Template<RegistrationRepeatedV1> = {
  vi: (d) => ({
    subject: 'Có người đăng ký lại bằng thông tin của bạn',
    intro:
      d.reason === 'account-exists'
        ? 'Có người vừa đăng ký chủ thể OCOP bằng e-mail hoặc số điện thoại của tài khoản bạn. Không có tài khoản mới nào được tạo. Nếu đó là bạn, hãy đăng nhập, hoặc dùng "Quên mật khẩu" để đặt lại mật khẩu.'
        : 'Có người vừa đăng ký chủ thể OCOP bằng mã số thuế hoặc số định danh của chủ thể bạn. Không có gì được tạo. Nếu người đó thuộc chủ thể của bạn, hãy đề nghị cán bộ xã cấp tài khoản cho họ.',
    facts: [['Thời điểm', vietnamDateTime(d.attemptedAt)]],
    outro: 'Nếu bạn không biết người này, hãy báo cán bộ phụ trách.',
  }),
  en: (d) => ({
    subject: 'Someone registered again with your details',
    intro:
      d.reason === 'account-exists'
        ? 'Someone just registered an OCOP producer with the e-mail or phone number of your account. No new account was created. If it was you, sign in, or use "Forgot password" to reset it.'
        : 'Someone just registered an OCOP producer with the tax code or personal ID of your producer. Nothing was created. If they belong to your producer, ask your commune officer to give them an account.',
    facts: [['At', vietnamDateTime(d.attemptedAt)]],
    outro: 'If you do not know who did this, tell your officer.',
  }),
};

/**
 * Account mails may reach someone whose language nobody knows yet (an invitation, a stranger's registration), so
 * they carry both languages whatever the account chose: Vietnamese first, then English, facts labelled in both.
 */
function vietnameseThenEnglish<T>(content: Template<T>): Template<T> {
  const both = (data: T): NoticeContent => {
    const vi = content.vi(data);
    const en = content.en(data);
    const enFacts = en.facts ?? [];
    return {
      subject: `${vi.subject} / ${en.subject}`,
      intro: `${vi.intro}\n\n${en.intro}`,
      facts: (vi.facts ?? []).map(([label, value], i) => [`${label} / ${enFacts[i]?.[0] ?? label}`, value]),
      outro: [vi.outro, en.outro].filter(Boolean).join(' / '),
    };
  };
  return { vi: both, en: both };
}

export const invitationTemplate = vietnameseThenEnglish(invitationContent);
export const passwordResetTemplate = vietnameseThenEnglish(passwordResetContent);
export const registrationRepeatedTemplate = vietnameseThenEnglish(registrationRepeatedContent);
