/**
 * Codes of growing areas and packing houses (QĐ 3156/QĐ-BNN-TT): VN – province – district – commune – facility
 * number (from 01, per province) – 2-digit year of issue. The guidance we hold fixes the parts, not the
 * separator, so the layout is a configurable template:
 *
 *   {province} {district} {commune}   GSO codes of the site's place
 *   {district?}                       the district where the site has one; for a commune directly under the
 *                                     province (the map since 1 July 2025) it is left out with the separator
 *                                     after it (VN-86-28756-01-26)
 *   {facility} / {facility:N}         the facility number, zero-padded to N digits
 *   {yy} / {yyyy}                     year of issue
 *
 * Anything else in the template is copied as it is.
 */
export const CODE_FORMAT_PATTERN =
  /^(?=.*\{facility(?::[1-9])?\})(?:[^{}]|\{(?:province|district\??|commune|facility(?::[1-9])?|yy|yyyy)\})+$/u;

const PLACEHOLDER = /\{(province|district\??|commune|facility|yy|yyyy)(?::([1-9]))?\}/gu;
/** An optional district with the one separator that follows it, dropped where the site has no district. */
const OPTIONAL_DISTRICT = /\{district\?\}[^{}]?/gu;

export interface SiteCodeParts {
  provinceCode: string;
  districtCode?: string | null;
  communeCode: string;
  facilityNumber: number;
  /** Year of issue (or re-issue), e.g. 2024. */
  year: number;
}

export class SiteCodeFormatError extends Error {}

export function formatSiteCode(template: string, parts: SiteCodeParts): string {
  if (!CODE_FORMAT_PATTERN.test(template)) throw new SiteCodeFormatError(`Not a code template: ${template}`);
  const layout = parts.districtCode ? template : template.replace(OPTIONAL_DISTRICT, '');
  return layout.replace(PLACEHOLDER, (_match, name: string, width?: string) => {
    switch (name) {
      case 'province':
        return parts.provinceCode;
      case 'district?':
        return parts.districtCode as string;
      case 'district':
        if (!parts.districtCode) {
          // Since July 2025 communes sit directly under the province; a template that insists on the district
          // ({district}, not {district?}) cannot be filled for them and must be changed by configuration.
          throw new SiteCodeFormatError('The code template needs a district code and the site has none');
        }
        return parts.districtCode;
      case 'commune':
        return parts.communeCode;
      case 'facility':
        return String(parts.facilityNumber).padStart(width ? Number(width) : 1, '0');
      case 'yy':
        return String(parts.year % 100).padStart(2, '0');
      default:
        return String(parts.year);
    }
  });
}
