import { readFileSync } from 'node:fs';
import { nodeRequire } from '../common/node-require';
import { QrLibrary } from '../qr/qr-encoding';
import { LabelItem } from './label-content';
import { labelFontPath } from './label-fonts';
import { LabelDesign, PlacedText } from './label-layout-engine';
import { LabelTemplate } from './label-layouts';

/**
 * Field data for ZPL: with ^FH every character outside printable ASCII, and the three that ZPL reads as commands
 * or escapes (^ ~ _), travel as _XX hex bytes of their UTF-8, so that no product name can break the label.
 */
export function zplFieldData(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      b < 0x20 || b > 0x7e || b === 0x5e || b === 0x7e || b === 0x5f
        ? `_${b.toString(16).toUpperCase().padStart(2, '0')}`
        : String.fromCharCode(b),
    )
    .join('');
}

/**
 * How a job gets its Vietnamese font (decision 0041): `download` sends DejaVu Sans Condensed to the printer's
 * RAM (R:) at the head of the job, so any Zebra prints the labels as designed; `printer` assumes the same file
 * was stored once in the printer's flash as E:OCOPVN.TTF and sends nothing.
 */
export type ZplFontSource = 'download' | 'printer';
export const ZPL_FONT_SOURCES: readonly ZplFontSource[] = ['download', 'printer'];

export const zplFontName = (source: ZplFontSource) => `${source === 'download' ? 'R' : 'E'}:OCOPVN.TTF`;

let fontHex: string | undefined;

const qr = nodeRequire('qrcode') as QrLibrary;
const modulesByLength = new Map<number, number>();

/**
 * Modules per side of the printer's symbol for `uri` (error correction Q): a byte-mode encoding, which the
 * printer's automatic mode never exceeds. URIs of one length share a version, so a run encodes one or two.
 */
function qrModules(uri: string): number {
  let modules = modulesByLength.get(uri.length);
  if (modules === undefined) {
    modules = qr.create([{ data: uri, mode: 'byte' }], { errorCorrectionLevel: 'Q' }).modules.size;
    modulesByLength.set(uri.length, modules);
  }
  return modules;
}

/**
 * The job's preamble: ~DY stores the TrueType file (format A: ASCII hex, extension T: .TTF, its size in bytes),
 * read once per process. Printers keep R: until they are switched off.
 */
export function zplPreamble(source: ZplFontSource): string {
  if (source === 'printer') return '';
  fontHex ??= readFileSync(labelFontPath('regular')).toString('hex').toUpperCase();
  return `~DY${zplFontName(source)},A,T,${fontHex.length / 2},,${fontHex}\n`;
}

/**
 * One label in ZPL II, laid out by the same design as the PDF (positions converted to the printer's dots). ^CI28
 * declares the field data UTF-8; ^CW maps font V to the downloaded DejaVu, which has every Vietnamese letter
 * (the printers' built-in fonts do not). The printer draws the QR code itself (^BQ, model 2) from the URI, so a
 * run of thousands of labels costs nothing to encode here. The downloaded font is the regular face: the names
 * the design sets in bold (wider) come out narrower, never wider than planned.
 */
export function zplLabel(
  template: LabelTemplate,
  design: LabelDesign,
  item: LabelItem,
  source: ZplFontSource = 'download',
): string {
  const dots = (points: number) => Math.round((points / 72) * 25.4 * template.zplDotsPerMm);
  const text = (t: PlacedText, reverse = false) =>
    `^FO${dots(t.x)},${dots(t.y)}^AVN,${dots(t.size)},0${reverse ? '^FR' : ''}^FH^FD${zplFieldData(t.text)}^FS`;
  // ^BQ magnification is whole dots per module: the largest that keeps the symbol and its quiet zone in the box.
  const magnification = Math.max(
    1,
    Math.min(10, Math.floor(dots(design.qr.width) / (qrModules(item.uri) + 8))),
  );
  const lines = [
    `^XA`,
    `^CI28`,
    `^CWV,${zplFontName(source)}`,
    `^PW${dots(template.labelWidth)}`,
    `^LL${dots(template.labelHeight)}`,
    `^FO${dots(design.qr.x) + 4 * magnification},${dots(design.qr.y) + 4 * magnification}^BQN,2,${magnification}^FH^FDQA,${zplFieldData(item.uri)}^FS`,
  ];
  if (design.mark) {
    const { badge, word, stars } = design.mark;
    // A thermal printer has one colour: the badge is a black box with the word reversed out of it.
    lines.push(
      `^FO${dots(badge.x)},${dots(badge.y)}^GB${dots(badge.width)},${dots(badge.height)},${dots(badge.height)}^FS`,
    );
    lines.push(text(word, true));
    lines.push(
      text({
        text: '★'.repeat(stars.count),
        font: 'regular',
        size: stars.side,
        x: stars.x,
        y: stars.y,
        width: stars.step * stars.count,
      }),
    );
  }
  for (const t of design.texts) lines.push(text(t));
  if (item.serial && design.serial) {
    const s = design.serial;
    lines.push(
      `^FO${dots(s.x)},${dots(s.y)}^AVN,${dots(s.size)},0^FB${dots(s.width)},1,0,C^FH^FD${zplFieldData(item.serial)}^FS`,
    );
  }
  lines.push('^XZ');
  return `${lines.join('\n')}\n`;
}
