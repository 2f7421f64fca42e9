import { inflateSync } from 'node:zlib';

/**
 * Just enough of a PDF reader for tests of our own uncompressed certificates (pdfkit, `compress: false`): the text
 * of each text operation, decoded through the fonts' ToUnicode maps, and the embedded images' pixels. Reading the
 * file proves more than rendering it would need, and needs no external tool.
 */
interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  // latin1 keeps one character per byte, so string offsets are byte offsets.
  const text = pdf.toString('latin1');
  const found = new Map<number, PdfObject>();
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(text); match; match = header.exec(text)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const streamAt = body.indexOf('stream\n');
    if (streamAt < 0) {
      found.set(Number(match[1]), { dict: body });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
    const from = start + streamAt + 'stream\n'.length;
    found.set(Number(match[1]), { dict, stream: pdf.subarray(from, from + length) });
    header.lastIndex = end;
  }
  return found;
}

const ref = (dict: string, key: string) => Number(new RegExp(`/${key} (\\d+) 0 R`).exec(dict)?.[1]);

function toUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, start, entries] of cmap.matchAll(/<([0-9a-f]{4})> <[0-9a-f]{4}> \[([^\]]*)\]/g)) {
    [...entries.matchAll(/<([0-9a-f ]+)>/g)].forEach(([, hex], i) => {
      map.set(parseInt(start, 16) + i, String.fromCharCode(...hex.split(' ').map((h) => parseInt(h, 16))));
    });
  }
  return map;
}

/** The text of every text-showing operation, in page order. */
export function pdfText(pdf: Buffer): string[] {
  const objs = objects(pdf);
  const fonts = new Map<string, Map<number, string>>();
  const lines: string[] = [];
  for (const page of [...objs.values()].filter((o) => /\/Type \/Page\b/.test(o.dict))) {
    const resources = objs.get(ref(page.dict, 'Resources'))?.dict ?? '';
    for (const [, name, id] of resources.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objs.get(Number(id))?.dict ?? '';
      fonts.set(name, toUnicode(objs.get(ref(font, 'ToUnicode'))?.stream?.toString('latin1') ?? ''));
    }
    const content = objs.get(ref(page.dict, 'Contents'))?.stream?.toString('latin1') ?? '';
    let font = new Map<number, string>();
    for (const [, name, array] of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (name) {
        font = fonts.get(name) ?? new Map();
        continue;
      }
      const glyphs = [...array.matchAll(/<([0-9a-f]+)>/g)].flatMap(([, hex]) => hex.match(/.{4}/g) ?? []);
      lines.push(glyphs.map((g) => font.get(parseInt(g, 16)) ?? '?').join(''));
    }
  }
  return lines;
}

/** The embedded RGB images, pixels inflated. */
export function pdfImages(pdf: Buffer): { width: number; height: number; rgb: Buffer }[] {
  return [...objects(pdf).values()]
    .filter((o) => /\/Subtype \/Image/.test(o.dict) && /\/ColorSpace \/DeviceRGB/.test(o.dict) && o.stream)
    .map((o) => ({
      width: Number(/\/Width (\d+)/.exec(o.dict)?.[1]),
      height: Number(/\/Height (\d+)/.exec(o.dict)?.[1]),
      rgb: inflateSync(o.stream as Buffer),
    }));
}
