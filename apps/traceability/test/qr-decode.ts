import jsQR from 'jsqr';

/**
 * Paints QR runs ("col row width 1 re" lines, as label sheets draw them) onto a bitmap, `scale` pixels per module
 * with the 4-module quiet zone, and decodes it with jsQR, an independent decoder.
 */
export function decodeRuns(size: number, runs: string, scale = 4): string | undefined {
  const side = (size + 8) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const line of runs.split('\n').filter(Boolean)) {
    const [col, row, width] = line.split(' ').map(Number);
    for (let y = (row + 4) * scale; y < (row + 5) * scale; y++) {
      pixels.fill(0, (y * side + (col + 4) * scale) * 4, (y * side + (col + 4 + width) * scale) * 4);
      for (let x = (col + 4) * scale; x < (col + 4 + width) * scale; x++)
        pixels[(y * side + x) * 4 + 3] = 255;
    }
  }
  return jsQR(pixels, side, side)?.data;
}
