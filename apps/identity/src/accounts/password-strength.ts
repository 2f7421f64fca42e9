import { bilingual, DomainError } from '@ocop/contracts';
import { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en';

/**
 * zxcvbn's score, 0–4: 3 means about 10^8 guesses or more ("safely unguessable: moderate protection from an
 * offline slow-hash scenario"), which our scrypt hashes are. 2 still lets through "matkhau@2024".
 */
export const PASSWORD_MIN_SCORE = 3;

/**
 * Only the first 64 characters are analysed: zxcvbn's matching grows fast with length (a 128-character password
 * took seconds here), and a password whose first 64 characters are weak is weak.
 */
const ANALYSED_LENGTH = 64;
/** Each l33t substitution multiplies the work; past a few, the estimate barely moves. */
const L33T_MAX_SUBSTITUTIONS = 5;

/**
 * Words a Vietnamese user of this platform reaches for and an attacker tries first, folded (no diacritics, no
 * spaces); zxcvbn's own lists are English. By zxcvbn's dictionary kinds, which choose the warning shown:
 * favourite Vietnamese passwords; the programme, the province, its districts, Viet Nam's provinces and Bến Tre's
 * OCOP products; the commonest family and given names.
 */
export const VIETNAMESE_WEAK_WORDS = {
  'passwords-vi': [
    ...['matkhau', 'doimatkhau', 'quantri', 'quantrivien', 'xinchao', 'chaoban', 'taikhoan', 'dangnhap'],
    ...['anhyeuem', 'emyeuanh', 'yeuem', 'yeuanh', 'anhiuem', 'emiuanh', 'tinhyeu', 'hanhphuc', 'maimai'],
    ...['thuongem', 'vietnam', 'saigon', 'hanoi', 'ocop', 'bentre', 'xudua'],
  ],
  'wikipedia-vi': [
    ...['motxamotsanpham', 'moixamotsanpham', 'ocoptrace', 'truyxuat', 'nguongoc', 'truyxuatnguongoc'],
    ...['hochiminh', 'mekong', 'mientay', 'cholach', 'mocay', 'mocaybac', 'mocaynam', 'giongtrom', 'bachi'],
    ...['binhdai', 'thanhphu', 'chauthanh', 'angiang', 'bariavungtau', 'bacgiang', 'backan', 'baclieu'],
    ...['bacninh', 'binhdinh', 'binhduong', 'binhphuoc', 'binhthuan', 'camau', 'cantho', 'caobang', 'danang'],
    ...['daklak', 'daknong', 'dienbien', 'dongnai', 'dongthap', 'gialai', 'hagiang', 'hanam', 'hatinh'],
    ...[
      'haiduong',
      'haiphong',
      'haugiang',
      'hoabinh',
      'hungyen',
      'khanhhoa',
      'kiengiang',
      'kontum',
      'laichau',
    ],
    ...['lamdong', 'langson', 'laocai', 'longan', 'namdinh', 'nghean', 'ninhbinh', 'ninhthuan', 'phutho'],
    ...['phuyen', 'quangbinh', 'quangnam', 'quangngai', 'quangninh', 'quangtri', 'soctrang', 'sonla'],
    ...['tayninh', 'thaibinh', 'thainguyen', 'thanhhoa', 'hue', 'thuathienhue', 'tiengiang', 'travinh'],
    ...['tuyenquang', 'vinhlong', 'vinhphuc', 'yenbai', 'keodua', 'dua', 'duaxiem', 'buoi', 'buoidaxanh'],
    ...['chomchom', 'saurieng', 'mangcut', 'cacao', 'banhtrang', 'banhphong', 'matong', 'nuocmam', 'caphe'],
    ...['caygiong', 'hoakieng', 'chanhthu', 'donga'],
  ],
  'names-vi': [
    ...[
      'nguyen',
      'tran',
      'le',
      'pham',
      'hoang',
      'huynh',
      'phan',
      'vu',
      'vo',
      'dang',
      'bui',
      'do',
      'ho',
      'ngo',
    ],
    ...['duong', 'ly', 'anh', 'minh', 'hung', 'huy', 'dung', 'linh', 'lan', 'huong', 'thao', 'trang', 'hoa'],
    ...[
      'mai',
      'ngoc',
      'tuan',
      'nam',
      'long',
      'phuong',
      'thu',
      'hien',
      'hanh',
      'thanh',
      'quang',
      'duc',
      'khanh',
    ],
    ...['tam', 'tien', 'trung', 'hai', 'son', 'hieu', 'nhung', 'yen', 'thuy', 'giang', 'loan', 'nga', 'phuc'],
    'quoc',
  ],
};

type Bilingual = { vi: string; en: string };

/** zxcvbn answers with keys (no translations loaded); these are the texts a person reads. */
const WARNINGS: Record<string, Bilingual> = {
  straightRow: {
    vi: 'Các phím liền nhau trên một hàng bàn phím rất dễ đoán.',
    en: 'Straight rows of keys on your keyboard are easy to guess.',
  },
  keyPattern: { vi: 'Các mẫu phím ngắn rất dễ đoán.', en: 'Short keyboard patterns are easy to guess.' },
  simpleRepeat: {
    vi: 'Ký tự lặp lại như "aaa" rất dễ đoán.',
    en: 'Repeated characters like "aaa" are easy to guess.',
  },
  extendedRepeat: {
    vi: 'Nhóm ký tự lặp lại như "abcabcabc" rất dễ đoán.',
    en: 'Repeated character patterns like "abcabcabc" are easy to guess.',
  },
  sequences: {
    vi: 'Dãy ký tự quen thuộc như "abc" hay "1234" rất dễ đoán.',
    en: 'Common character sequences like "abc" are easy to guess.',
  },
  recentYears: { vi: 'Các năm gần đây rất dễ đoán.', en: 'Recent years are easy to guess.' },
  dates: { vi: 'Ngày tháng rất dễ đoán.', en: 'Dates are easy to guess.' },
  topTen: {
    vi: 'Đây là một trong những mật khẩu bị dùng nhiều nhất.',
    en: 'This is a heavily used password.',
  },
  topHundred: { vi: 'Đây là mật khẩu bị dùng rất nhiều.', en: 'This is a frequently used password.' },
  common: { vi: 'Đây là mật khẩu phổ biến.', en: 'This is a commonly used password.' },
  similarToCommon: {
    vi: 'Mật khẩu này gần giống một mật khẩu phổ biến.',
    en: 'This is similar to a commonly used password.',
  },
  wordByItself: { vi: 'Một từ đứng riêng rất dễ đoán.', en: 'Single words are easy to guess.' },
  namesByThemselves: {
    vi: 'Tên hoặc họ đứng riêng rất dễ đoán.',
    en: 'Single names or surnames are easy to guess.',
  },
  commonNames: { vi: 'Họ và tên phổ biến rất dễ đoán.', en: 'Common names and surnames are easy to guess.' },
  userInputs: {
    vi: 'Mật khẩu không nên chứa e-mail, số điện thoại hay tên của tài khoản.',
    en: "The password should not contain the account's e-mail, phone number or name.",
  },
  pwned: {
    vi: 'Mật khẩu này đã bị lộ trong một vụ rò rỉ dữ liệu.',
    en: 'This password was exposed in a data breach.',
  },
};

const SUGGESTIONS: Record<string, Bilingual> = {
  l33t: {
    vi: 'Tránh thay chữ bằng ký tự dễ đoán như "@" thay cho "a".',
    en: "Avoid predictable letter substitutions like '@' for 'a'.",
  },
  reverseWords: {
    vi: 'Tránh viết ngược các từ quen thuộc.',
    en: 'Avoid reversed spellings of common words.',
  },
  allUppercase: {
    vi: 'Viết hoa một vài chữ, không phải tất cả.',
    en: 'Capitalize some, but not all letters.',
  },
  capitalization: {
    vi: 'Viết hoa thêm chữ khác ngoài chữ đầu tiên.',
    en: 'Capitalize more than the first letter.',
  },
  dates: {
    vi: 'Tránh ngày tháng và năm gắn với bạn.',
    en: 'Avoid dates and years that are associated with you.',
  },
  recentYears: { vi: 'Tránh các năm gần đây.', en: 'Avoid recent years.' },
  associatedYears: { vi: 'Tránh các năm gắn với bạn.', en: 'Avoid years that are associated with you.' },
  sequences: { vi: 'Tránh các dãy ký tự quen thuộc.', en: 'Avoid common character sequences.' },
  repeated: { vi: 'Tránh lặp lại từ và ký tự.', en: 'Avoid repeated words and characters.' },
  longerKeyboardPattern: {
    vi: 'Dùng mẫu phím dài hơn và đổi hướng gõ nhiều lần.',
    en: 'Use longer keyboard patterns and change typing direction multiple times.',
  },
  anotherWord: { vi: 'Thêm vài từ ít gặp.', en: 'Add more words that are less common.' },
  useWords: {
    vi: 'Dùng nhiều từ, nhưng tránh các cụm từ quen thuộc.',
    en: 'Use multiple words, but avoid common phrases.',
  },
  noNeed: {
    vi: 'Mật khẩu mạnh không cần ký hiệu, chữ số hay chữ hoa: một câu gồm vài từ ít gặp là đủ.',
    en: 'You can create strong passwords without using symbols, numbers, or uppercase letters.',
  },
  pwned: {
    vi: 'Nếu bạn dùng mật khẩu này ở nơi khác, hãy đổi nó.',
    en: 'If you use this password elsewhere, you should change it.',
  },
};

const PUBLISHED_WARNING: Bilingual = {
  vi: 'Mật khẩu này được công bố trong mã nguồn của nền tảng (tài khoản mẫu).',
  en: "This password is published in the platform's source code (a demo account).",
};

/** Vietnamese typed with or without its marks is the same password to a guesser. */
export const withoutDiacritics = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** The forms a guesser tries for one password: as typed, without diacritics, and without its spaces too. */
const guessedForms = (password: string): string[] => {
  const folded = withoutDiacritics(password);
  return [...new Set([password, folded, folded.replace(/\s+/g, '')])];
};

/** What the account says about its owner: a password built from it is guessed first. */
export function accountWords(account: {
  email?: string | null;
  phone?: string | null;
  displayName?: string;
}) {
  const words = new Set<string>();
  const add = (word: string | undefined | null) => {
    const folded = withoutDiacritics(word ?? '')
      .toLowerCase()
      .trim();
    if (folded.length >= 2) words.add(folded);
  };
  if (account.email) {
    add(account.email);
    const [local, domain] = account.email.split('@');
    add(local);
    add(domain);
    local?.split(/[._+-]/).forEach(add);
  }
  if (account.phone) {
    const digits = account.phone.replace(/\D/g, '');
    add(digits);
    if (digits.startsWith('84')) add(`0${digits.slice(2)}`);
  }
  if (account.displayName) {
    const name = withoutDiacritics(account.displayName).toLowerCase();
    add(name.replace(/[^\p{L}\p{N}]+/gu, ''));
    name.split(/[^\p{L}\p{N}]+/u).forEach(add);
  }
  return [...words];
}

export interface PasswordAssessment {
  acceptable: boolean;
  score: number;
  warning?: Bilingual;
  suggestions: Bilingual[];
}

/**
 * The rule for every password a person sets (account creation, invitation, change, the bootstrap admin):
 * at least PASSWORD_MIN_SCORE by zxcvbn with the common-password list (OWASP ASVS 2.1.7), English words and
 * VIETNAMESE_WEAK_WORDS, with and without diacritics and spaces; the account's own words count as known to the attacker.
 * Where `published` words are given (production: every value of PUBLISHED_SECRETS), they are as good as known too.
 */
export class PasswordStrength {
  private factory?: ZxcvbnFactory;

  constructor(private readonly published: readonly string[] = []) {}

  assess(password: string, userWords: readonly string[] = []): PasswordAssessment {
    if (this.published.includes(password.trim())) {
      return { acceptable: false, score: 0, warning: PUBLISHED_WARNING, suggestions: [] };
    }
    const results = guessedForms(password).map((p) => this.zxcvbn().check(p, [...userWords]));
    const weakest = results.reduce((a, b) => (b.guesses < a.guesses ? b : a));
    return {
      acceptable: weakest.score >= PASSWORD_MIN_SCORE,
      score: weakest.score,
      ...warningOf(weakest),
      suggestions: weakest.feedback.suggestions.flatMap((key) => SUGGESTIONS[key] ?? []),
    };
  }

  /** Throws 400 password-too-weak, naming the field, in Vietnamese and English. */
  assertAcceptable(password: string, userWords: readonly string[], field = 'password'): void {
    const assessment = this.assess(password, userWords);
    if (assessment.acceptable) return;
    throw passwordTooWeak(assessment, field);
  }

  // Built at first use: the dictionaries cost about a second and 13 MB, which a replica that never sets a
  // password should not pay.
  private zxcvbn(): ZxcvbnFactory {
    this.factory ??= new ZxcvbnFactory({
      dictionary: {
        ...commonDictionary,
        ...englishDictionary,
        ...VIETNAMESE_WEAK_WORDS,
        // Matching is on the lower-cased password; "Officer-ocop-2026!1" is as public as the original.
        ...(this.published.length
          ? { 'passwords-published': this.published.map((p) => p.toLowerCase()) }
          : {}),
      },
      graphs: adjacencyGraphs,
      maxLength: ANALYSED_LENGTH,
      l33tMaxSubstitutions: L33T_MAX_SUBSTITUTIONS,
    });
    return this.factory;
  }
}

function warningOf(result: ZxcvbnResult): { warning?: Bilingual } {
  const key = result.feedback.warning;
  const warning = key ? WARNINGS[key] : undefined;
  return warning ? { warning } : {};
}

function passwordTooWeak(assessment: PasswordAssessment, field: string): DomainError {
  const hint = [assessment.warning, ...assessment.suggestions].filter((t): t is Bilingual => !!t);
  const vi = ['Mật khẩu quá dễ đoán; hãy chọn mật khẩu khác, ví dụ một câu gồm vài từ ít gặp.']
    .concat(hint.map((h) => h.vi))
    .join(' ');
  const en = [
    'The password is too easy to guess; choose another one, e.g. a sentence of a few uncommon words.',
  ]
    .concat(hint.map((h) => h.en))
    .join(' ');
  const message = bilingual(vi, en);
  return new DomainError(
    'password-too-weak',
    400,
    bilingual('Mật khẩu quá yếu', 'Password too weak'),
    message,
    {
      errors: [{ field, message }],
      score: assessment.score,
      minScore: PASSWORD_MIN_SCORE,
    },
  );
}
