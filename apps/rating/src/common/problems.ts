import { bilingual, DomainError } from '@ocop/contracts';

export { bilingual };

/** The rating service's problems: stable codes that clients switch on, titles and details in both languages. */
export const RatingProblems = {
  notFound: (whatVi: string, whatEn: string) =>
    new DomainError('not-found', 404, bilingual(`Không tìm thấy ${whatVi}`, `${whatEn} not found`)),
  forbidden: (detailVi: string, detailEn: string) =>
    new DomainError(
      'forbidden',
      403,
      bilingual('Không có quyền', 'Forbidden'),
      bilingual(detailVi, detailEn),
    ),
  /** An action the state machine does not allow from the current status (409, `invalid-<what>-transition`). */
  invalidTransition: (what: 'round' | 'dossier', action: string, status: string) =>
    new DomainError(
      `invalid-${what}-transition`,
      409,
      bilingual('Không thể chuyển trạng thái', 'Status cannot change'),
      bilingual(
        `Không thể "${action}" khi ${what === 'round' ? 'đợt đánh giá' : 'hồ sơ'} đang ở trạng thái "${status}"`,
        `Cannot ${action} a ${what} in status "${status}"`,
      ),
      { currentStatus: status, action },
    ),
  conflict: (code: string, detailVi: string, detailEn: string, extensions: Record<string, unknown> = {}) =>
    new DomainError(code, 409, bilingual('Xung đột', 'Conflict'), bilingual(detailVi, detailEn), extensions),
  unprocessable: (
    code: string,
    detailVi: string,
    detailEn: string,
    extensions: Record<string, unknown> = {},
  ) =>
    new DomainError(
      code,
      422,
      bilingual('Không xử lý được', 'Unprocessable'),
      bilingual(detailVi, detailEn),
      extensions,
    ),
  /**
   * A request that is well formed but breaks a rule of the programme about one field (422, stable code): the field
   * is named both in `field` and in `errors`, as a validation failure names it.
   */
  ruleBroken: (
    code: string,
    field: string,
    detailVi: string,
    detailEn: string,
    extensions: Record<string, unknown> = {},
  ) =>
    new DomainError(
      code,
      422,
      bilingual('Không xử lý được', 'Unprocessable'),
      `${field}: ${bilingual(detailVi, detailEn)}`,
      { field, errors: [{ field, message: bilingual(detailVi, detailEn) }], ...extensions },
    ),
  invalid: (field: string, messageVi: string, messageEn: string) =>
    new DomainError(
      'validation-failed',
      400,
      'The request is not valid',
      `${field}: ${bilingual(messageVi, messageEn)}`,
      { errors: [{ field, message: bilingual(messageVi, messageEn) }] },
    ),
};

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
