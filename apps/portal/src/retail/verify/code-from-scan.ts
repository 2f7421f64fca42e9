/** The group separator (FNC1 as a decoder transmits it). */
const GS = '\u001d';

/**
 * The code line a camera's decoded text becomes, as a scanner that types would hand it over. A GS1 DataMatrix
 * starts with FNC1, which the decoder passes on as a leading GS: that only says "GS1 data", so it becomes the AIM
 * identifier `]d2` that lookup reads (the separators inside the element string stay, lookup needs them). Line breaks
 * would split one code into several lines of the list; undefined when nothing is left.
 */
export function codeFromScan(text: string): string | undefined {
  const code = (text.startsWith(GS) ? `]d2${text.slice(1)}` : text).replace(/[\r\n]+/g, '').trim();
  return code || undefined;
}
