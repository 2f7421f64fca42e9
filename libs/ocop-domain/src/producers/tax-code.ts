import type { ProducerType } from '@ocop/contracts';

/**
 * Vietnamese tax codes (mã số thuế), which for an enterprise or cooperative is also its registration number
 * (mã số doanh nghiệp / hợp tác xã):
 *
 *   - 10 digits: the organisation;
 *   - 10 digits, a hyphen, 3 digits: one of its dependent units (branch, factory);
 *   - 12 digits: the personal identification number, which since 1 July 2025 (Circular 86/2024/TT-BTC) is the
 *     tax code of an individual and so of a household business. Only households may use it.
 *
 * Only the shape is checked: the check digit algorithm is not published in a regulation we can cite.
 */
export type TaxCodeKind = 'organisation' | 'dependent-unit' | 'personal-id';

const ORGANISATION = /^\d{10}$/;
const DEPENDENT_UNIT = /^\d{10}-\d{3}$/;
const PERSONAL_ID = /^\d{12}$/;

export function taxCodeKind(value: string): TaxCodeKind | undefined {
  if (ORGANISATION.test(value)) return 'organisation';
  if (DEPENDENT_UNIT.test(value)) return 'dependent-unit';
  if (PERSONAL_ID.test(value)) return 'personal-id';
  return undefined;
}

export function isTaxCodeFor(type: ProducerType | undefined, value: string): boolean {
  const kind = taxCodeKind(value);
  if (!kind) return false;
  return kind !== 'personal-id' || type === 'household';
}

/** Whether this type of producer must have a tax code: registered organisations must; households and groups may. */
export function taxCodeRequired(type: ProducerType): boolean {
  return type === 'enterprise' || type === 'cooperative';
}
