/** Vietnam keeps UTC+7 all year. Calendar dates on labels and in rules are Vietnam's, whatever the server's zone. */
const VIETNAM_UTC_OFFSET_MS = 7 * 3600 * 1000;

export const yearInVietnam = (at: Date = new Date()): number =>
  new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS).getUTCFullYear();

/** YYYY-MM-DD of `at` in Vietnam. */
export const dateInVietnam = (at: Date = new Date()): string =>
  new Date(at.getTime() + VIETNAM_UTC_OFFSET_MS).toISOString().slice(0, 10);

/** dd/mm/yyyy, as dates are printed for Vietnamese readers. */
export const vietnameseDate = (iso: string): string =>
  `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
