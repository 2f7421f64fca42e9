import { nodeRequire } from '../common/node-require';
import { encodeQrRuns, QrErrorCorrection, QrLibrary } from './qr-encoding';

export interface QrImageOptions {
  /** Width and height in pixels. */
  size: number;
  ecc: QrErrorCorrection;
  /** Quiet zone in modules (ISO/IEC 18004 asks for 4). */
  margin: number;
}

const qrLibrary = () =>
  nodeRequire('qrcode') as QrLibrary & {
    toBuffer(
      segments: { data: string; mode: 'byte' }[],
      options: { type: 'png'; errorCorrectionLevel: string; margin: number; width: number },
    ): Promise<Buffer>;
  };

/**
 * One QR code as SVG: the quiet zone white, dark modules as one path of horizontal runs, crisp edges so that
 * scaling never blurs modules into each other. Single codes let the library choose the best mask.
 */
export function qrSvg(text: string, options: QrImageOptions): string {
  const { size: modules, runs } = encodeQrRuns(qrLibrary(), text, options.ecc, null);
  const total = modules + 2 * options.margin;
  const path = runs
    .split('\n')
    .filter(Boolean)
    .map((run) => {
      const [col, row, width] = run.split(' ').map(Number);
      return `M${col + options.margin} ${row + options.margin}h${width}v1h-${width}z`;
    })
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${options.size}" height="${options.size}" ` +
    `viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges">` +
    `<rect width="${total}" height="${total}" fill="#fff"/><path fill="#000" d="${path}"/></svg>`
  );
}

export function qrPng(text: string, options: QrImageOptions): Promise<Buffer> {
  return qrLibrary().toBuffer([{ data: text, mode: 'byte' }], {
    type: 'png',
    errorCorrectionLevel: options.ecc,
    margin: options.margin,
    width: options.size,
  });
}
