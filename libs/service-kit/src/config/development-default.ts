import { registerDecorator, ValidationArguments } from 'class-validator';

/**
 * A secret whose development default is public (it is in the README and the code): the service refuses to start
 * in production until the variable is set to a value of its own.
 */
export function RefusedInProduction(developmentDefault: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'refusedInProduction',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          (args.object as { NODE_ENV?: string }).NODE_ENV !== 'production' || value !== developmentDefault,
        defaultMessage: () =>
          'must be set to a secret of your own in production (the development default is public)',
      },
    });
}
