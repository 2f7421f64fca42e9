export type QrErrorCorrection = 'L' | 'M' | 'Q' | 'H';
export const QR_ERROR_CORRECTION: readonly QrErrorCorrection[] = ['L', 'M', 'Q', 'H'];

/** The part of the `qrcode` package used here (its own typings declare more). */
export interface QrLibrary {
  create(
    segments: { data: string; mode: 'byte' }[],
    options: { errorCorrectionLevel: string; maskPattern?: number },
  ): { modules: { size: number; data: Uint8Array } };
}

/** A QR symbol as horizontal runs of dark modules, in PDF path syntax at one unit per module. */
export interface QrRuns {
  /** Modules per side, quiet zone excluded. */
  size: number;
  /** "column row width 1 re" per run, newline-separated: drawn under a `cm` that scales one unit to a module. */
  runs: string;
}

/**
 * Encodes `text` (a Digital Link URI) as one byte-mode segment, skipping the library's segment optimiser (which
 * would find no better mode for a mixed-case URI and costs as much as the encoding), and returns its dark
 * modules as merged horizontal runs: a 49×49 symbol becomes a few hundred rectangles instead of ~1,200.
 * `mask` null lets the library score all eight masks.
 *
 * Self-contained on purpose (no imports, no outer variables): its source text is also run in worker threads.
 */
export function encodeQrRuns(qr: QrLibrary, text: string, ecc: string, mask: number | null): QrRuns {
  const options =
    mask === null ? { errorCorrectionLevel: ecc } : { errorCorrectionLevel: ecc, maskPattern: mask };
  const modules = qr.create([{ data: text, mode: 'byte' }], options).modules;
  const size = modules.size;
  const data = modules.data;
  let runs = '';
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (data[row * size + col]) {
        const start = col;
        while (col < size && data[row * size + col]) col++;
        runs += start + ' ' + row + ' ' + (col - start) + ' 1 re\n';
      } else {
        col++;
      }
    }
  }
  return { size, runs };
}
