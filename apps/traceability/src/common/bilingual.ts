import { bilingual, DomainError, Problems } from '@ocop/contracts';

export { bilingual };
export const { invalidField, invalidFields } = Problems;

/**
 * A domain rule broken by one field, with its own stable code (e.g. `area-below-minimum`), so that clients can
 * switch on the rule and still show the field next to the input.
 */
export function ruleViolation(
  code: string,
  field: string,
  vi: string,
  en: string,
  status = 400,
): DomainError {
  const message = bilingual(vi, en);
  return new DomainError(code, status, bilingual('Dữ liệu không hợp lệ', 'Invalid data'), message, {
    errors: [{ field, message }],
  });
}

export const notFound = (whatVi: string, whatEn: string): DomainError =>
  new DomainError('not-found', 404, bilingual(`Không tìm thấy ${whatVi}`, `${whatEn} not found`));

export const conflict = (code: string, vi: string, en: string, extensions: Record<string, unknown> = {}) =>
  new DomainError(code, 409, bilingual('Xung đột trạng thái', 'Conflict'), bilingual(vi, en), extensions);

/** Postgres unique_violation, with the constraint that was hit. */
export function uniqueViolation(err: unknown): string | undefined {
  const e = err as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e.driverError?.code ?? e.code;
  return code === '23505' ? (e.driverError?.constraint ?? e.constraint ?? '') : undefined;
}
