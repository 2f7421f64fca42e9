import { bilingual, DomainError } from '@ocop/contracts';

export { bilingual };

/** The notifications service's problems: stable codes that clients switch on, texts in both languages. */
export const NotificationProblems = {
  notFound: (whatVi: string, whatEn: string) =>
    new DomainError('not-found', 404, bilingual(`Không tìm thấy ${whatVi}`, `${whatEn} not found`)),
  conflict: (code: string, detailVi: string, detailEn: string) =>
    new DomainError(code, 409, bilingual('Xung đột', 'Conflict'), bilingual(detailVi, detailEn)),
  unprocessable: (code: string, detailVi: string, detailEn: string) =>
    new DomainError(code, 422, bilingual('Không xử lý được', 'Unprocessable'), bilingual(detailVi, detailEn)),
  invalid: (field: string, messageVi: string, messageEn: string) =>
    new DomainError(
      'validation-failed',
      400,
      'The request is not valid',
      `${field}: ${bilingual(messageVi, messageEn)}`,
      { errors: [{ field, message: bilingual(messageVi, messageEn) }] },
    ),
};
