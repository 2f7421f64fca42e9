import { loadPdfkit } from './lazy-modules';

/**
 * The fonts ship with the `dejavu-fonts-ttf` package (they cover Vietnamese). node_modules stay outside the webpack
 * bundle, so in the bundle the path is resolved by Node's own require (`__non_webpack_require__`), not webpack's;
 * under ts-jest there is no webpack and `require` is Node's. The paths are literals: a computed one would make
 * webpack bundle every file of the font package.
 */
declare const __non_webpack_require__: NodeJS.Require | undefined;
const PDF_FONTS =
  typeof __non_webpack_require__ === 'function'
    ? {
        regular: __non_webpack_require__.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
        bold: __non_webpack_require__.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
      }
    : {
        regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
        bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
      };

export interface PdfOptions {
  layout?: 'portrait' | 'landscape';
  compress: boolean;
  /** Keep the pages until the end, to write on each again (page numbers). */
  bufferPages?: boolean;
  info: { Title: string; Subject: string; Author: string };
}

/**
 * An A4 document with 48 pt margins and the fonts 'regular' and 'bold' registered, and the whole file once the
 * caller has ended it (`doc.end()`, then await `done`).
 */
export async function openPdf(
  options: PdfOptions,
): Promise<{ doc: PDFKit.PDFDocument; done: Promise<Buffer> }> {
  const PDFDocument = (await loadPdfkit()).default;
  const doc = new PDFDocument({ size: 'A4', margin: 48, ...options });
  doc.registerFont('regular', PDF_FONTS.regular);
  doc.registerFont('bold', PDF_FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}
