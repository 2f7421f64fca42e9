import type { UnitMapId } from '@ocop/contracts';
import { adminUnits } from '@ocop/ocop-domain';
import type { Certificate } from './certificate.entity';
import type { CertificateIssuer } from './certificate-pdf';

export interface IssuerSettings {
  central: CertificateIssuer;
  /** The province's own names per map, when they differ from the unit data's (PROVINCE_ISSUERS). */
  provinceOverrides: Partial<Record<UnitMapId, CertificateIssuer>>;
}

/**
 * Who is printed as the issuer of a certificate (decision 0036): the ministry for a 5★ or central-level one; for
 * the others, the People's Committee of the province on the administrative map in force on the decision's date.
 * A Bến Tre certificate decided in 2024 is Bến Tre's; one decided after 1 July 2025 is Vĩnh Long's, the province
 * Bến Tre merged into.
 */
export function certificateIssuer(
  certificate: Pick<Certificate, 'level' | 'stars' | 'decisionDate'>,
  settings: IssuerSettings,
): CertificateIssuer {
  if (certificate.level === 'central' || certificate.stars === 5) return settings.central;
  const map = adminUnits().mapOn(certificate.decisionDate);
  return settings.provinceOverrides[map.id] ?? map.issuer;
}
