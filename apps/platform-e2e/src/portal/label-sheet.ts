import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import jsQR from 'jsqr';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';

/** Rasterised as an office laser printer prints. */
const DPI = 300;
const mmToPx = (mm: number) => Math.round((mm * DPI) / 25.4);

/** The A4 3 × 8 sheet (70 × 37 mm labels, the grid centred: 0.5 mm above), as the service lays it out. */
const SHEET = { columns: 3, rows: 8, width: 70, height: 37, top: 0.5 };

/** A square of the page (pixels), grey, as both decoders take it. */
function crop(png: PNG, x0: number, y0: number, wanted: number) {
  const side = Math.min(wanted, png.width - x0, png.height - y0);
  const grey = new Uint8ClampedArray(side * side);
  const rgba = new Uint8ClampedArray(side * side * 4);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const v = png.data[((y0 + y) * png.width + x0 + x) * 4];
      grey[y * side + x] = v;
      rgba.fill(v, (y * side + x) * 4, (y * side + x) * 4 + 3);
      rgba[(y * side + x) * 4 + 3] = 255;
    }
  }
  return { side, grey, rgba };
}

/**
 * The code of each label of the page, read where it prints: a square at the label's left (the code, its quiet
 * zone and the serial; the text column is on the right), tighter when the first misses. ZXing first; jsQR, an
 * independent decoder, when ZXing misses (its detector misses some symbols at some pixel ratios, as
 * label-render.int-spec.ts found): a code is unreadable only when both miss it in every square.
 */
function readSheet(png: PNG): (string | undefined)[] {
  const codes: (string | undefined)[] = [];
  for (let row = 0; row < SHEET.rows; row++) {
    for (let column = 0; column < SHEET.columns; column++) {
      const x0 = mmToPx(column * SHEET.width);
      const y0 = mmToPx(SHEET.top + row * SHEET.height);
      let text: string | undefined;
      for (const sideMm of [SHEET.height, 32, 28]) {
        const square = crop(png, x0, y0, mmToPx(sideMm));
        try {
          const source = new RGBLuminanceSource(square.grey, square.side, square.side);
          text = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
        } catch {
          text = jsQR(square.rgba, square.side, square.side)?.data;
        }
        if (text) break;
      }
      codes.push(text);
    }
  }
  return codes;
}

/**
 * The codes on the first page of an A4 24-label PDF, as a phone reads them off a sheet printed at 300 dpi (the page
 * rasterised with poppler's pdftoppm, each label's square decoded), in print order.
 */
export async function firstSheetCodes(pdfPath: string): Promise<(string | undefined)[]> {
  const dir = await mkdtemp(join(tmpdir(), 'ocop-sheet-'));
  try {
    await promisify(execFile)('pdftoppm', [
      '-r',
      String(DPI),
      '-gray',
      '-png',
      '-f',
      '1',
      '-l',
      '1',
      pdfPath,
      join(dir, 'page'),
    ]);
    const [pagePng] = (await readdir(dir)).filter((f) => f.startsWith('page') && f.endsWith('.png'));
    return readSheet(PNG.sync.read(await readFile(join(dir, pagePng))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
