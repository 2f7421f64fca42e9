/**
 * What a product photo may be and how it is served (decision 0043): the rules are pure so that the controller,
 * the store and the tests read the same ones.
 */

/** Media types a producer may upload, and the format sharp must find in the bytes for each. */
export const PHOTO_TYPES: Readonly<Record<string, 'jpeg' | 'png' | 'webp'>> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/** Widths served (4:3, cropped to fill): a phone's page asks for 640, a high-density screen for 1280. */
export const PHOTO_WIDTHS = [320, 640, 1280] as const;
export type PhotoWidth = (typeof PHOTO_WIDTHS)[number];
export const DEFAULT_PHOTO_WIDTH: PhotoWidth = 640;
export const photoHeight = (width: number) => Math.round((width * 3) / 4);

/** Large enough for any phone camera; a decompression bomb (a tiny file of a huge image) stops here. */
export const MAX_PHOTO_PIXELS = 50_000_000;
export const MIN_PHOTO_SIDE = 200;

export interface PhotoProblem {
  code: 'photo-type-mismatch' | 'photo-too-small';
  vi: string;
  en: string;
}

/**
 * Whether decoded bytes are the photo the upload declared: the format matches the Content-Type (a PNG sent as
 * JPEG is refused, so that a file is never trusted by its label) and the picture is big enough to show.
 */
export function photoProblem(
  declaredType: string,
  meta: { format?: string; width?: number; height?: number },
): PhotoProblem | undefined {
  const expected = PHOTO_TYPES[declaredType];
  if (!expected || meta.format !== expected) {
    return {
      code: 'photo-type-mismatch',
      vi: `tệp không phải ảnh ${expected ?? declaredType} như khai báo`,
      en: `the file is not the ${expected ?? declaredType} image it was declared as`,
    };
  }
  if ((meta.width ?? 0) < MIN_PHOTO_SIDE || (meta.height ?? 0) < MIN_PHOTO_SIDE) {
    return {
      code: 'photo-too-small',
      vi: `ảnh phải rộng và cao ít nhất ${MIN_PHOTO_SIDE} điểm ảnh`,
      en: `the photo must be at least ${MIN_PHOTO_SIDE} pixels wide and high`,
    };
  }
  return undefined;
}

const FILE = /^([0-9a-f]{32})(?:-(\d+))?\.webp$/;

/** `{hash}.webp` (640 wide) or `{hash}-{width}.webp`: the content hash makes every URL immutable. */
export function photoFileName(hash: string, width?: PhotoWidth): string {
  return width && width !== DEFAULT_PHOTO_WIDTH ? `${hash}-${width}.webp` : `${hash}.webp`;
}

export function parsePhotoFileName(name: string): { hash: string; width: PhotoWidth } | undefined {
  const m = FILE.exec(name);
  if (!m) return undefined;
  const width = m[2] === undefined ? DEFAULT_PHOTO_WIDTH : Number(m[2]);
  return (PHOTO_WIDTHS as readonly number[]).includes(width)
    ? { hash: m[1], width: width as PhotoWidth }
    : undefined;
}
