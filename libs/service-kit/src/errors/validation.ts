import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, Problems } from '@ocop/contracts';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.entries(e.constraints ?? {}).map(([rule, message]) => ({ field, message, rule }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Unknown fields are rejected (not silently dropped) so that a producer's typo in a field name is reported,
 * and every error names its field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => Problems.invalidFields(flatten(errors)),
  });
}
