import { inflateSync } from 'node:zlib';
import { decodeRuns } from './qr-decode';

/**
 * Just enough of a PDF reader to check label sheets as pdfkit writes them: it reads the objects, counts pages,
 * paints each QR code (drawn as `q 0 g s 0 0 s x y cm <runs> f Q`) to a bitmap for an independent decoder, and
 * reads the text through each font's encoding (ToUnicode for embedded fonts, bytes for standard ones).
 */
export interface InspectedPdf {
  pages: number;
  /** The QR codes, in drawing order, as runs ("col row width 1 re" lines) with their module count. */
  qrCodes: { size: number; runs: string }[];
  /** What each QR code decodes to (undefined for one that does not decode); decoding costs ~20 ms a code. */
  qrTexts(): (string | undefined)[];
  /** The text shown, one line per text-showing operator, in drawing order. */
  lines: string[];
}

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const source = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const start = m.index + m[0].length;
    const end = source.indexOf('endobj', start);
    const body = source.slice(start, end);
    const streamAt = body.indexOf('stream\n');
    if (streamAt < 0) {
      found.set(Number(m[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const raw = pdf.subarray(start + streamAt + 7, start + streamAt + 7 + length);
    found.set(Number(m[1]), { dict, stream: /FlateDecode/.test(dict) ? inflateSync(raw) : raw });
  }
  return found;
}

type Decoder = (hex: string) => string;

function toUnicode(cmap: string): Decoder {
  const map = new Map<number, string>();
  const unicode = (hex: string) =>
    String.fromCodePoint(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const [, lo, target] of cmap.matchAll(/<([0-9a-f]{4})>\s*<[0-9a-f]{4}>\s*(\[[^\]]*\])/gi)) {
    [...target.matchAll(/<([0-9a-f]+)>/gi)].forEach(([, hex], i) =>
      map.set(parseInt(lo, 16) + i, unicode(hex)),
    );
  }
  for (const [, code, hex] of cmap.matchAll(/<([0-9a-f]{4})>\s*<([0-9a-f]{4,})>(?!\s*<)/gi))
    map.set(parseInt(code, 16), unicode(hex));
  return (hex) => (hex.match(/.{4}/g) ?? []).map((c) => map.get(parseInt(c, 16)) ?? '?').join('');
}

function fontDecoders(objs: Map<number, PdfObject>): Map<string, Decoder> {
  const decoders = new Map<string, Decoder>();
  for (const { dict } of objs.values()) {
    const fonts = /\/Font\s*<<([^>]*)>>/.exec(dict)?.[1];
    for (const [, name, ref] of fonts?.matchAll(/\/(\w+) (\d+) 0 R/g) ?? []) {
      const font = objs.get(Number(ref))?.dict ?? '';
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(font)?.[1];
      decoders.set(
        name,
        cmapRef
          ? toUnicode(objs.get(Number(cmapRef))?.stream?.toString('latin1') ?? '')
          : (hex) => Buffer.from(hex, 'hex').toString('latin1'),
      );
    }
  }
  return decoders;
}

export function inspectPdf(pdf: Buffer): InspectedPdf {
  const objs = objects(pdf);
  const decoders = fontDecoders(objs);
  const pages = [...objs.values()].filter((o) => /\/Type \/Page\b/.test(o.dict)).length;
  const qrCodes: { size: number; runs: string }[] = [];
  const lines: string[] = [];
  for (const { dict, stream } of objs.values()) {
    if (!stream || /\/Length1|\/Subtype/.test(dict)) continue;
    const content = stream.toString('latin1');
    for (const m of content.matchAll(
      /q\n0 g\n[\d.]+ 0 0 [\d.]+ [\d.]+ [\d.]+ cm\n((?:\d+ \d+ \d+ 1 re\n)+)f\nQ/g,
    )) {
      const runs = m[1];
      const cells = runs
        .trim()
        .split('\n')
        .map((l) => l.split(' ').map(Number));
      const size = Math.max(...cells.map(([c, , w]) => c + w), ...cells.map(([, r]) => r + 1));
      qrCodes.push({ size, runs });
    }
    let decode: Decoder = (hex) => hex;
    for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (m[1]) {
        decode = decoders.get(m[1]) ?? decode;
        continue;
      }
      lines.push([...m[2].matchAll(/<([0-9a-f]+)>/gi)].map(([, hex]) => decode(hex)).join(''));
    }
  }
  return { pages, qrCodes, qrTexts: () => qrCodes.map((c) => decodeRuns(c.size, c.runs, 2)), lines };
}
