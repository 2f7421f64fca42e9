import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { decodeRuns } from '../../test/qr-decode';
import { nodeRequire } from '../common/node-require';
import { encodeQrRuns, QrLibrary } from './qr-encoding';
import { qrPng, qrSvg } from './qr-images';
import { QrPool } from './qr-pool';

const URI = 'https://id.ocop.vn/01/08936047000500/10/L%2F26-A/21/Q7KX9M2P4T6V?17=261231';

describe('QR encoding', () => {
  const qr = nodeRequire('qrcode') as QrLibrary;

  it('draws runs that decode to exactly the text, with a fixed or a scored mask', () => {
    for (const mask of [null, 0, 2, 7]) {
      const { size, runs } = encodeQrRuns(qr, URI, 'M', mask);
      expect(decodeRuns(size, runs)).toBe(URI);
    }
  });

  it('encodes the same on worker threads as on the main thread', async () => {
    const pool = new QrPool(2, 'Q', 2);
    try {
      const texts = Array.from({ length: 9 }, (_, i) => `${URI}&n=${i}`);
      const fromWorkers = (await pool.encode(texts)).map((r) => ({
        size: r.size,
        runs: Buffer.from(r.runs).toString('latin1'),
      }));
      expect(fromWorkers).toEqual(texts.map((t) => encodeQrRuns(qr, t, 'Q', 2)));
      expect(fromWorkers.map((r) => decodeRuns(r.size, r.runs))).toEqual(texts);
    } finally {
      await pool.close();
    }
  });

  it('renders a PNG that an independent decoder reads as exactly the URI', async () => {
    for (const ecc of ['L', 'H'] as const) {
      const png = PNG.sync.read(await qrPng(URI, { size: 250, ecc, margin: 4 }));
      expect(png.width).toBe(250);
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(URI);
    }
  });

  it('renders an SVG of the requested size with the quiet zone in its view box', () => {
    const svg = qrSvg(URI, { size: 300, ecc: 'M', margin: 4 });
    expect(svg).toMatch(/^<svg [^>]*width="300" height="300" viewBox="0 0 (\d+) \1"/);
    const modules = Number(/viewBox="0 0 (\d+)/.exec(svg)?.[1]) - 8;
    expect([37, 41, 45, 49, 53, 57]).toContain(modules);
  });
});
