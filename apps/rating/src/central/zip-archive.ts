import { loadZip } from '../common/lazy-modules';

export interface ZipEntry {
  /** A path inside the archive, with `/` between folders. */
  name: string;
  content: Buffer;
}

/**
 * The proposal package's files as one ZIP (deflate, UTF-8 names), built in memory: a package is a handful of files
 * of a few megabytes. jszip is the version exceljs already brings, declared so that it is ours to rely on.
 */
export async function zipArchive(entries: readonly ZipEntry[], at: Date): Promise<Buffer> {
  const JSZip = (await loadZip()).default;
  const zip = new JSZip();
  for (const entry of entries) zip.file(entry.name, entry.content, { date: at, createFolders: false });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}
