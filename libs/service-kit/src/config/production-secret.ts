import 'reflect-metadata';
import { registerDecorator, ValidationArguments } from 'class-validator';
import { isSecretName } from './mask-secrets';
import { isPublishedSecret } from './published-secrets';

/** 32 characters: a random secret this long carries well over the 128 bits an AES key or HMAC key needs. */
export const PRODUCTION_SECRET_MIN_LENGTH = 32;

const SECRET_PROPERTY = Symbol('ocop:secret-config-property');

export interface ProductionSecretOptions {
  /** Shortest value production accepts [PRODUCTION_SECRET_MIN_LENGTH]. */
  minLength?: number;
}

const inProduction = (args: ValidationArguments) =>
  (args.object as { NODE_ENV?: string }).NODE_ENV === 'production';

/**
 * A secret variable. Its value is never printed (a refusal shows `***`), and production refuses a value that
 * ships in the repository (PUBLISHED_SECRETS: development defaults, old compose fallbacks, demo passwords) or is
 * shorter than the minimum, so that no public or guessable value protects real data. Development keeps its
 * defaults so that `npm start` needs no configuration.
 */
export function ProductionSecret(options: ProductionSecretOptions = {}): PropertyDecorator {
  const minLength = options.minLength ?? PRODUCTION_SECRET_MIN_LENGTH;
  return (target, propertyName) => {
    Reflect.defineMetadata(SECRET_PROPERTY, true, target, propertyName);
    registerDecorator({
      name: 'productionSecret',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          !inProduction(args) ||
          typeof value !== 'string' ||
          (!isPublishedSecret(value) && value.length >= minLength),
        defaultMessage: (args: ValidationArguments) =>
          typeof args.value === 'string' && isPublishedSecret(args.value)
            ? 'must be a secret of your own in production: this value is published in the repository'
            : `must be at least ${minLength} characters long in production`,
      },
    });
  };
}

/** Whether a refusal must hide this property's value: marked @ProductionSecret, or named like a secret. */
export function isSecretProperty(target: object, propertyName: string): boolean {
  return Reflect.getMetadata(SECRET_PROPERTY, target, propertyName) === true || isSecretName(propertyName);
}
