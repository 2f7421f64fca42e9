/**
 * GS1 character sets (GS1 General Specifications 7.11). Lots, serials and consumer product variants use set 82;
 * the digital signature of AI 8030 uses set 64 (base64url with optional "=" padding).
 */
export const GS1_CSET82 = /^[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]*$/;
const CSET82_CHAR = /[!"%&'()*+,\-./0-9:;<=>?A-Z_a-z]/;
export const GS1_CSET64 = /^[A-Za-z0-9\-_]*={0,2}$/;

export type TextProblem =
  | { kind: 'empty' }
  | { kind: 'too-long'; maxLength: number }
  | { kind: 'invalid-character'; character: string; position: number };

/**
 * Why a value is not 1–maxLength characters of set 82 (undefined when it is). Reports the first offending
 * character and its position, since that is what a producer has to correct (a space, "#", "@", "Đ"…).
 */
export function cset82Problem(value: string, maxLength = 20): TextProblem | undefined {
  if (value.length === 0) return { kind: 'empty' };
  const characters = [...value];
  const bad = characters.findIndex((c) => !CSET82_CHAR.test(c));
  if (bad >= 0) return { kind: 'invalid-character', character: characters[bad], position: bad + 1 };
  if (value.length > maxLength) return { kind: 'too-long', maxLength };
  return undefined;
}

export const isCset82 = (value: string, maxLength = 20): boolean =>
  cset82Problem(value, maxLength) === undefined;

/** Vietnamese then English, for a producer typing a lot code. */
export function describeTextProblem(problem: TextProblem): { vi: string; en: string } {
  switch (problem.kind) {
    case 'empty':
      return { vi: 'không được để trống', en: 'must not be empty' };
    case 'too-long':
      return { vi: `tối đa ${problem.maxLength} ký tự`, en: `at most ${problem.maxLength} characters` };
    default: {
      const shown = problem.character === ' ' ? 'dấu cách / space' : `"${problem.character}"`;
      return {
        vi: `ký tự ${shown} ở vị trí ${problem.position} không thuộc bộ ký tự GS1 (chữ Latinh không dấu, số, ! " % & ' ( ) * + , - . / : ; < = > ? _)`,
        en: `character ${shown} at position ${problem.position} is not in GS1 character set 82 (unaccented Latin letters, digits, ! " % & ' ( ) * + , - . / : ; < = > ? _)`,
      };
    }
  }
}
