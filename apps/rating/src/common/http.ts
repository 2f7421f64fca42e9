/** RFC 6266 file name for any characters: an ASCII fallback and the UTF-8 original. */
export function contentDisposition(kind: 'attachment' | 'inline', fileName: string): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '') || 'file';
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
