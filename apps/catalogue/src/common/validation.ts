import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DomainError, FieldError } from '@ocop/contracts';
import { ClassConstructor, plainToInstance, Transform } from 'class-transformer';
import {
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  validate,
  ValidationError,
  ValidationOptions,
} from 'class-validator';

/** Vietnamese first, English second, in every message a person reads. */
export const bilingual = (vi: string, en: string): string => `${vi} / ${en}`;

export const messages = {
  string: bilingual('phải là chuỗi ký tự', 'must be a string'),
  empty: bilingual('không được để trống', 'must not be empty'),
  tooLong: (max: number) => bilingual(`tối đa ${max} ký tự`, `at most ${max} characters`),
  oneOf: (values: readonly (string | number)[]) =>
    bilingual(`phải là một trong: ${values.join(', ')}`, `must be one of: ${values.join(', ')}`),
};

export const withMessage = (message: string): ValidationOptions => ({ message });

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Surrounding spaces are never meant: "  Kẹo dừa " is "Kẹo dừa". */
export const Trimmed = (): PropertyDecorator => trim;

interface TextOptions {
  max: number;
  example?: string;
  description?: string;
}

/** A required text field: trimmed, not empty, at most `max` characters. */
export function RequiredText({ max, example, description }: TextOptions): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, minLength: 1, maxLength: max, example, description }),
    trim,
    IsString(withMessage(messages.string)),
    MinLength(1, withMessage(messages.empty)),
    MaxLength(max, withMessage(messages.tooLong(max))),
  );
}

/**
 * An optional text field. Absent or null means "none" (PATCH uses null to clear it); a present value must not be
 * blank, so that "  " is reported rather than stored as an empty name.
 */
export function OptionalText({ max, example, description }: TextOptions): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: String, minLength: 1, maxLength: max, example, description, nullable: true }),
    trim,
    IsOptional(),
    IsString(withMessage(messages.string)),
    MinLength(1, withMessage(messages.empty)),
    MaxLength(max, withMessage(messages.tooLong(max))),
  );
}

/** A 400 naming the fields, shaped exactly like the validation pipe's, for checks that need the database. */
export function invalidFields(errors: FieldError[]): DomainError {
  return new DomainError(
    'validation-failed',
    400,
    'The request is not valid',
    errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    { errors },
  );
}

export const invalidField = (field: string, message: string): DomainError =>
  invalidFields([{ field, message }]);

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Validates a plain object against a DTO class outside the HTTP pipe (merged PATCH results, CSV rows), with the
 * same rules and the same field names, so every path into the catalogue is held to one standard.
 */
export async function fieldErrorsOf<T extends object>(
  cls: ClassConstructor<T>,
  plain: object,
): Promise<{ value: T; errors: FieldError[] }> {
  const value = plainToInstance(cls, plain);
  const errors = await validate(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
  });
  return { value, errors: flatten(errors) };
}
