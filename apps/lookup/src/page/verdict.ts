import { Bilingual } from '../common/bilingual';
import { Verification } from '../verification/verification';

/**
 * What the consumer page says first: exactly one state, from the verification outcome and the suspicious-scan
 * signal (decision 0042). `registered` is a genuine batch or product scan, which says nothing about this very item.
 */
export type VerdictState =
  | 'genuine'
  | 'registered'
  | 'possibly-copied'
  | 'not-released'
  | 'recalled'
  | 'expired'
  | 'certificate-expired'
  | 'certificate-revoked'
  | 'producer-suspended'
  | 'forged'
  | 'unknown';

/** ok is green, warn amber, bad red: the colour a shopper reads before any word. */
export type Tone = 'ok' | 'warn' | 'bad';

export interface Verdict {
  state: VerdictState;
  tone: Tone;
  headline: Bilingual;
  /**
   * Replaces the verification's own reason where the state says something else: a possibly copied label's reason
   * would otherwise begin with "Genuine".
   */
  reason?: Bilingual;
  /** What to do, in order; empty for a genuine item. */
  advice: Bilingual[];
  /**
   * Whether the page may show what the platform knows about the item (product card, producer, batch, journey).
   * False for forged and unknown codes: nothing on their page may look like a genuine item's.
   */
  trusted: boolean;
  /** Whether the OCOP star badge may be shown (still only with a certificate in force). */
  stars: boolean;
  /** Whether the authority's hotline is part of the advice. */
  hotline: boolean;
}

const b = (vi: string, en: string): Bilingual => ({ vi, en });

const DO_NOT_USE = b('Không ăn, uống hay sử dụng sản phẩm này.', 'Do not eat, drink or use this product.');
const KEEP = b(
  'Giữ lại sản phẩm, bao bì và hóa đơn mua hàng.',
  'Keep the product, its packaging and the receipt.',
);
const REPORT = b(
  'Báo cáo cho chúng tôi bằng mẫu ở cuối trang.',
  'Report it with the form at the end of this page.',
);
const ASK_SELLER = b('Hỏi người bán về nguồn gốc sản phẩm.', 'Ask the seller where the product comes from.');
const RETURN = b('Mang trả lại nơi đã mua.', 'Take it back to where you bought it.');

const VERDICTS: Record<Exclude<VerdictState, 'registered'>, Omit<Verdict, 'state'>> = {
  genuine: {
    tone: 'ok',
    headline: b('Chính hãng', 'Genuine'),
    advice: [],
    trusted: true,
    stars: true,
    hotline: false,
  },
  'possibly-copied': {
    tone: 'warn',
    headline: b('Tem có thể bị sao chép', 'Label possibly copied'),
    reason: b(
      'Cảnh báo: số sê-ri này có thật, nhưng mã đã được quét từ nhiều mạng, nhiều nơi khác nhau; tem có thể đã bị sao chép lên hàng khác.',
      'Warning: this serial number is real, but the code has been scanned from many networks and places; the label may have been copied onto other goods.',
    ),
    advice: [
      b(
        'Kiểm tra bao bì có bị bóc, dán lại hay in mờ không.',
        'Check whether the packaging was opened, relabelled or poorly printed.',
      ),
      ASK_SELLER,
      REPORT,
    ],
    trusted: true,
    stars: true,
    hotline: true,
  },
  'not-released': {
    tone: 'warn',
    headline: b('Lô hàng chưa phát hành', 'Batch not released'),
    advice: [ASK_SELLER, REPORT],
    trusted: true,
    stars: true,
    hotline: false,
  },
  recalled: {
    tone: 'bad',
    headline: b('Lô hàng đã bị thu hồi', 'Batch recalled'),
    advice: [DO_NOT_USE, RETURN, REPORT],
    trusted: true,
    stars: false,
    hotline: true,
  },
  expired: {
    tone: 'bad',
    headline: b('Hết hạn sử dụng', 'Expired'),
    advice: [DO_NOT_USE, RETURN],
    trusted: true,
    stars: false,
    hotline: false,
  },
  'certificate-expired': {
    tone: 'warn',
    headline: b('Chứng nhận OCOP hết hạn', 'OCOP certificate expired'),
    advice: [
      b(
        'Sản phẩm hiện không còn chứng nhận OCOP: số sao in trên bao bì không còn giá trị.',
        'The product no longer holds an OCOP certificate: the stars printed on the pack no longer count.',
      ),
    ],
    trusted: true,
    stars: false,
    hotline: false,
  },
  'certificate-revoked': {
    tone: 'warn',
    headline: b('Chứng nhận OCOP bị thu hồi', 'OCOP certificate revoked'),
    advice: [
      b(
        'Cơ quan có thẩm quyền đã thu hồi chứng nhận OCOP: số sao in trên bao bì không còn giá trị.',
        'The authority revoked the OCOP certificate: the stars printed on the pack no longer count.',
      ),
      REPORT,
    ],
    trusted: true,
    stars: false,
    hotline: false,
  },
  'producer-suspended': {
    tone: 'bad',
    headline: b('Chủ thể bị tạm ngưng', 'Producer suspended'),
    advice: [ASK_SELLER, REPORT],
    trusted: true,
    stars: false,
    hotline: true,
  },
  forged: {
    tone: 'bad',
    headline: b('Tem không hợp lệ: nghi hàng giả', 'Invalid label: suspected fake'),
    advice: [DO_NOT_USE, KEEP, REPORT],
    trusted: false,
    stars: false,
    hotline: true,
  },
  unknown: {
    tone: 'bad',
    headline: b('Mã không có trên hệ thống', 'Code not registered'),
    advice: [DO_NOT_USE, KEEP, REPORT],
    trusted: false,
    stars: false,
    hotline: true,
  },
};

const REGISTERED: Record<'batch' | 'product', Bilingual> = {
  batch: b('Lô hàng đã đăng ký', 'Registered batch'),
  product: b('Sản phẩm đã đăng ký', 'Registered product'),
};

/**
 * The page's one state. The verification outcome already puts the most serious finding first; "possibly copied"
 * only replaces a genuine verdict (a recalled or forged item stays what it is, however often it was scanned), so
 * "genuine" and "may be copied" never share the green box.
 */
export function verdictOf(verification: Verification, suspicious: boolean): Verdict {
  const outcome = verification.outcome;
  if (outcome === 'genuine') {
    if (suspicious) return { state: 'possibly-copied', ...VERDICTS['possibly-copied'] };
    if (verification.level !== 'unit') {
      return { state: 'registered', ...VERDICTS.genuine, headline: REGISTERED[verification.level] };
    }
  }
  return { state: outcome, ...VERDICTS[outcome] };
}
