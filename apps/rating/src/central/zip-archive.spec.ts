import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipArchive } from './zip-archive';

describe('zipArchive', () => {
  const text = Buffer.from('Kẹo dừa Đông Á — '.repeat(200));
  const random = Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919) % 251));
  const build = () =>
    zipArchive(
      [
        { name: 'de-xuat.pdf', content: text },
        { name: 'minh-chung/Phiếu kiểm nghiệm.png', content: random },
      ],
      new Date('2025-09-05T02:00:00Z'),
    );

  it('holds every file byte for byte, compressed, with Vietnamese names', async () => {
    const zip = await build();
    const archive = await JSZip.loadAsync(zip);
    const names = Object.values(archive.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
    expect(names).toEqual(['de-xuat.pdf', 'minh-chung/Phiếu kiểm nghiệm.png']);
    expect((await archive.file('de-xuat.pdf')?.async('nodebuffer'))?.equals(text)).toBe(true);
    expect(
      (await archive.file('minh-chung/Phiếu kiểm nghiệm.png')?.async('nodebuffer'))?.equals(random),
    ).toBe(true);
    expect(zip.length).toBeLessThan(text.length);
  });

  it('is an archive the system unzip accepts, when it is installed', async () => {
    let hasUnzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      hasUnzip = false;
    }
    if (!hasUnzip) return; // the reading above is the proof then
    const dir = mkdtempSync(join(tmpdir(), 'zip-'));
    try {
      writeFileSync(join(dir, 'p.zip'), await build());
      execFileSync('unzip', ['-tq', join(dir, 'p.zip')]);
      execFileSync('unzip', ['-q', join(dir, 'p.zip'), '-d', join(dir, 'out')]);
      expect(readFileSync(join(dir, 'out', 'de-xuat.pdf')).equals(text)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
