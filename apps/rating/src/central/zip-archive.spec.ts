import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { zipArchive } from './zip-archive';

/** Reads the entries back by walking the central directory, as any unzip does. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + size);
    files.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength;
  }
  return files;
}

describe('zipArchive', () => {
  const text = Buffer.from('Kẹo dừa Đông Á — '.repeat(200));
  const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 251));
  const zip = zipArchive(
    [
      { name: 'de-xuat.pdf', content: text },
      { name: 'minh-chung/Phiếu kiểm nghiệm.png', content: random },
    ],
    new Date('2025-09-05T02:00:00Z'),
  );

  it('holds every file byte for byte, compressed where that helps, with UTF-8 names', () => {
    const files = readZip(zip);
    expect([...files.keys()]).toEqual(['de-xuat.pdf', 'minh-chung/Phiếu kiểm nghiệm.png']);
    expect(files.get('de-xuat.pdf')?.equals(text)).toBe(true);
    expect(files.get('minh-chung/Phiếu kiểm nghiệm.png')?.equals(random)).toBe(true);
    expect(zip.length).toBeLessThan(text.length);
  });

  it('is an archive the system unzip accepts, when it is installed', () => {
    let hasUnzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      hasUnzip = false;
    }
    if (!hasUnzip) return; // the byte-level reading above is the proof then
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    try {
      writeFileSync(join(dir, 'p.zip'), zip);
      execFileSync('unzip', ['-tq', join(dir, 'p.zip')]);
      execFileSync('unzip', ['-q', join(dir, 'p.zip'), '-d', join(dir, 'out')]);
      expect(readFileSync(join(dir, 'out', 'de-xuat.pdf')).equals(text)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
