import { LabelFont } from './label-layout-engine';
import { forgetLaidOutWords, labelFontPath, loadPdfkit, selectLabelFont } from './label-fonts';

describe('label fonts', () => {
  it('are parsed once per document, however many pages select them', async () => {
    // pdfkit re-parsed a face selected by a registered name once a page: a 100,000-label job ran at a third of
    // its speed with twice the memory (docs/benchmarks.md). Parsing shows as pdfkit's font count.
    const PDFDocument = (await loadPdfkit()).default;
    const doc = new PDFDocument({ autoFirstPage: false, font: labelFontPath('regular') });
    const faces: LabelFont[] = ['regular', 'bold', 'mono'];
    for (let page = 0; page < 5; page++) {
      doc.addPage({ size: [200, 200], margin: 0 });
      for (const face of faces) selectLabelFont(doc, face).fontSize(8).text('Kẹo dừa 0123', 10, 10);
    }
    doc.end();
    expect((doc as unknown as { _fontCount: number })._fontCount).toBe(faces.length);
  });

  it('keep no word once forgotten: a run of unique serials does not grow the job', async () => {
    const PDFDocument = (await loadPdfkit()).default;
    const doc = new PDFDocument({ autoFirstPage: false, font: labelFontPath('regular') });
    const fonts = (doc as unknown as { _fontFamilies: Record<string, { layoutCache: object }> })
      ._fontFamilies;
    doc.addPage({ size: [200, 200], margin: 0 });
    for (let serial = 0; serial < 50; serial++)
      selectLabelFont(doc, 'mono').fontSize(6).text(`S${serial}`, 10, 10, { lineBreak: false });
    const words = () => Object.values(fonts).reduce((n, f) => n + Object.keys(f.layoutCache).length, 0);
    expect(words()).toBeGreaterThanOrEqual(50);
    forgetLaidOutWords(doc);
    expect(words()).toBe(0);
    doc.end();
  });
});
