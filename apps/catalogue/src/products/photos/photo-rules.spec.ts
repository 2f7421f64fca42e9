import { parsePhotoFileName, photoFileName, photoProblem } from './photo-rules';

describe('product photo rules', () => {
  const hash = '0123456789abcdef0123456789abcdef';

  it('takes JPEG, PNG and WebP whose bytes are what the upload declared, and big enough to show', () => {
    expect(photoProblem('image/jpeg', { format: 'jpeg', width: 1200, height: 900 })).toBeUndefined();
    expect(photoProblem('image/webp', { format: 'webp', width: 200, height: 200 })).toBeUndefined();
    expect(photoProblem('image/jpeg', { format: 'png', width: 1200, height: 900 })?.code).toBe(
      'photo-type-mismatch',
    );
    expect(photoProblem('image/gif', { format: 'gif', width: 1200, height: 900 })?.code).toBe(
      'photo-type-mismatch',
    );
    expect(photoProblem('image/png', { format: 'png', width: 199, height: 900 })?.code).toBe(
      'photo-too-small',
    );
  });

  it('names each served size by the content hash, and reads only those names back', () => {
    expect(photoFileName(hash)).toBe(`${hash}.webp`);
    expect(photoFileName(hash, 320)).toBe(`${hash}-320.webp`);
    expect(parsePhotoFileName(`${hash}.webp`)).toEqual({ hash, width: 640 });
    expect(parsePhotoFileName(`${hash}-1280.webp`)).toEqual({ hash, width: 1280 });
    for (const bad of [
      `${hash}-999.webp`,
      `${hash}.png`,
      `../${hash}.webp`,
      `${hash.toUpperCase()}.webp`,
      '',
    ]) {
      expect(parsePhotoFileName(bad)).toBeUndefined();
    }
  });
});
