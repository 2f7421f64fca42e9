import { detailLines, LabelItem, LabelText } from './label-content';
import { LabelLayout } from './label-layouts';

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

const dots = (points: number, layout: LabelLayout) => Math.round((points / 72) * 25.4 * layout.zplDotsPerMm);

/**
 * One label in ZPL II for Zebra printers: the printer draws the QR code itself (^BQ, model 2, error correction
 * Q) from the URI, so a run of thousands of labels costs nothing to encode here. ^CI28 declares UTF-8; printing
 * Vietnamese needs a printer font with Vietnamese glyphs (e.g. a TrueType font downloaded as E:DEJAVU.TTF and
 * selected by ^A@), which the first ^CW line maps when present.
 */
export function zplLabel(layout: LabelLayout, text: LabelText, item: LabelItem): string {
  const width = dots(layout.cellWidth, layout);
  const height = dots(layout.cellHeight, layout);
  const pad = dots(layout.padding, layout);
  const qrSide = dots(layout.qrSide, layout);
  // ^BQ magnification is dots per module; a signed unit's URI is a version 8–9 symbol (49–53 modules + zone).
  const magnification = Math.max(1, Math.min(10, Math.floor(qrSide / 57)));
  const textX = pad * 2 + qrSide;
  const textWidth = width - textX - pad;
  const name = dots(layout.fontSize.name, layout);
  const detail = dots(layout.fontSize.detail, layout);
  const lines = [
    `^XA`,
    `^CI28`,
    `^CWV,E:DEJAVU.TTF`,
    `^PW${width}`,
    `^LL${height}`,
    `^FO${pad},${pad}^BQN,2,${magnification}^FH^FDQA,${zplFieldData(item.uri)}^FS`,
    `^FO${textX},${pad}^AVN,${name},${name}^FB${textWidth},2,0,L^FH^FD${zplFieldData(text.productNameVi)}^FS`,
  ];
  let y = pad + name * 2 + 4;
  for (const line of [...(text.productNameEn ? [text.productNameEn] : []), ...detailLines(text)]) {
    lines.push(`^FO${textX},${y}^AVN,${detail},${detail}^FB${textWidth},1,0,L^FH^FD${zplFieldData(line)}^FS`);
    y += Math.round(detail * 1.3);
  }
  const uri = dots(layout.fontSize.uri, layout);
  lines.push(
    `^FO${pad},${height - pad - uri}^A0N,${uri},${uri}^FB${width - 2 * pad},1,0,L^FH^FD${zplFieldData(item.shortUri)}^FS`,
  );
  lines.push('^XZ');
  return `${lines.join('\n')}\n`;
}
