/**
 * RFC 9457 problem details. `code` is the stable, machine-readable identifier clients switch on; `type` is the
 * same code as a URN so that the document is valid without the platform owning a documentation host.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  /** Field-level errors for validation problems. */
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface FieldError {
  field: string;
  message: string;
  /**
   * The check that failed, as class-validator names it (isNotEmpty, maxLength, matches…): a client shows the field's
   * problem in its own words from this, whatever language `message` is in.
   */
  rule?: string;
}

/** Every message a person reads is Vietnamese first, then English: "Không tìm thấy / Not found". */
export const bilingual = (vi: string, en: string): string => `${vi} / ${en}`;

export const problemTypeFor = (code: string): string => `urn:ocop:problem:${code}`;

/**
 * An expected failure with a stable code. Thrown anywhere (HTTP handler, event handler, RPC handler); the HTTP
 * filter renders it as problem+json and RPC carries it across the wire so that the caller re-throws the same.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = 'DomainError';
  }

  toProblem(instance?: string): Problem {
    return {
      ...this.extensions,
      type: problemTypeFor(this.code),
      title: this.title,
      status: this.status,
      code: this.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
    };
  }

  static fromProblem(problem: Problem): DomainError {
    const { type: _t, title, status, code, detail, instance: _i, ...extensions } = problem;
    return new DomainError(code, status, title, detail, extensions);
  }

  static isProblem(value: unknown): value is Problem {
    if (typeof value !== 'object' || value === null) return false;
    const v = value as Record<string, unknown>;
    return typeof v['code'] === 'string' && typeof v['status'] === 'number' && typeof v['title'] === 'string';
  }
}

/** A 400 naming the fields, shaped exactly like the validation pipe's, for checks a DTO cannot express. */
function invalidFields(errors: FieldError[]): DomainError {
  return new DomainError(
    'validation-failed',
    400,
    'The request is not valid',
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    { errors },
  );
}

// Common errors every service may raise; service-specific ones live with their service.
export const Problems = {
  notFound: (what: string, detail?: string) => new DomainError('not-found', 404, `${what} not found`, detail),
  unauthenticated: (detail = 'A valid access token is required.') =>
    new DomainError('unauthenticated', 401, 'Authentication required', detail),
  forbidden: (detail = 'You are not allowed to do this.') =>
    new DomainError('forbidden', 403, 'Forbidden', detail),
  conflict: (code: string, detail: string) => new DomainError(code, 409, 'Conflict', detail),
  invalidFields,
  invalidField: (field: string, message: string) => invalidFields([{ field, message }]),
  upstreamTimeout: (service: string) =>
    new DomainError(
      'upstream-timeout',
      504,
      'Upstream timeout',
      `The ${service} service did not answer in time.`,
    ),
  upstreamUnavailable: (service: string) =>
    new DomainError(
      'upstream-unavailable',
      503,
      'Upstream unavailable',
      `The ${service} service is not available.`,
    ),
};
