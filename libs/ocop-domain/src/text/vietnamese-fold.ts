/**
 * Folding Vietnamese text into a search key, so that what people type matches what registers spell:
 *
 *  - diacritics and case go: "Kẹo dừa" → "keo dua", "Đông Á" → "dong a";
 *  - the spelling variants of the GSO catalogue and of older typists meet: "Qưới Sơn" and "Quới Sơn" both fold
 *    to "quoi son" once the marks are gone, and a final "y" after a consonant (or "qu") is the same letter as
 *    "i" in Vietnamese spelling ("An Qui" = "An Quy", "Mỹ" = "Mĩ", "Kỳ" = "Kì"), so it folds to "i";
 *    "Thủy"/"Thuỷ" differ only in where the mark sits;
 *  - numbers lose leading zeros ("Phường 08" = "Phường 8") and punctuation becomes a single space.
 *
 * PostgreSQL's `catalogue_fold()` (unaccent + the same rules) must give the same result; the catalogue's tests
 * compare the two on every unit and product name.
 */
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;
const FINAL_Y_AFTER_CONSONANT = /\b(b|ch|c|d|gh|g|h|kh|k|l|m|ngh|ng|nh|n|ph|p|qu|r|s|th|tr|t|v|x)y\b/g;
const LEADING_ZEROS = /\b0+(\d)/g;

export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim()
    .replace(FINAL_Y_AFTER_CONSONANT, '$1i')
    .replace(LEADING_ZEROS, '$1');
}

/** The folded words of a text: the unit of prefix matching ("keo du" finds "Kẹo dừa"). */
export function foldedWords(text: string): string[] {
  const folded = foldVietnamese(text);
  return folded ? folded.split(' ') : [];
}

/** Whether every folded word of `query` starts a word of `text`, in any order. */
export function matchesAllWords(text: string, query: string): boolean {
  const words = foldedWords(text);
  return foldedWords(query).every((q) => words.some((w) => w.startsWith(q)));
}
