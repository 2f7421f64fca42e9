import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { bilingual, FieldError, Problems } from '@ocop/contracts';
import { ClassConstructor, plainToInstance, Transform } from 'class-transformer';
import {
  IsOptional,
  registerDecorator,
  validate,
  ValidationArguments,
  ValidationError,
  ValidationOptions,
} from 'class-validator';

export { bilingual };
export const { invalidField, invalidFields } = Problems;

export const messages = {
  required: bilingual('bắt buộc', 'is required'),
  string: bilingual('phải là chuỗi ký tự', 'must be a string'),
  empty: bilingual('không được để trống', 'must not be empty'),
  tooLong: (max: number) => bilingual(`tối đa ${max} ký tự`, `at most ${max} characters`),
  productSet: bilingual(
    'không phải bộ sản phẩm của QĐ 148 (số nguyên 1–26)',
    'is not a product set of QĐ 148 (an integer 1–26)',
  ),
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

function textProblem(value: unknown, max: number): string | undefined {
  if (value === undefined || value === null) return messages.required;
  if (typeof value !== 'string') return messages.string;
  if (value.length === 0) return messages.empty;
  return value.length > max ? messages.tooLong(max) : undefined;
}

/** One check, one message per field: a missing name is "required", not also "too long" and "not a string". */
export function IsText(max: number): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isText',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => textProblem(value, max) === undefined,
        defaultMessage: (args: ValidationArguments) => textProblem(args.value, max) ?? '',
      },
    });
}

/** A required text field: trimmed, not empty, at most `max` characters. */
export function RequiredText({ max, example, description }: TextOptions): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ type: String, minLength: 1, maxLength: max, example, description }),
    trim,
    IsText(max),
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
    IsText(max),
  );
}

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
