import { formatVietnameseDate, vietnamDateOf } from '@ocop/ocop-domain';

/** Calendar dates on labels and in rules are Vietnam's, whatever the server's zone (the domain's one calendar). */
export const yearInVietnam = (at: Date = new Date()): number => Number(vietnamDateOf(at).slice(0, 4));

/** YYYY-MM-DD of `at` in Vietnam. */
export const dateInVietnam = (at: Date = new Date()): string => vietnamDateOf(at);

/** dd/mm/yyyy, as dates are printed for Vietnamese readers. */
export const vietnameseDate = (iso: string): string => formatVietnameseDate(iso);
