import { DomainError } from '@ocop/contracts';
import { bilingual } from './validation';

/** The catalogue's own problems: stable codes, titles a person reads (Vietnamese first). */
export const CatalogueProblems = {
  notFound: (whatVi: string, whatEn: string) =>
    new DomainError('not-found', 404, bilingual(`Không tìm thấy ${whatVi}`, `${whatEn} not found`)),
  forbidden: (detailVi: string, detailEn: string) =>
    new DomainError(
      'forbidden',
      403,
      bilingual('Không có quyền', 'Forbidden'),
      bilingual(detailVi, detailEn),
    ),
  conflict: (
    code: string,
    field: string | undefined,
    detailVi: string,
    detailEn: string,
    extensions: Record<string, unknown> = {},
  ) =>
    new DomainError(code, 409, bilingual('Xung đột dữ liệu', 'Conflict'), bilingual(detailVi, detailEn), {
      ...(field ? { errors: [{ field, message: bilingual(detailVi, detailEn) }] } : {}),
      ...extensions,
    }),
  invalidTransition: (fromVi: string, from: string, action: string) =>
    new DomainError(
      'invalid-status-transition',
      409,
      bilingual('Không thể đổi trạng thái', 'Status cannot change'),
      bilingual(
        `Không thể ${action} khi đang ở trạng thái "${fromVi}"`,
        `Cannot ${action} from status "${from}"`,
      ),
      { status: from },
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
