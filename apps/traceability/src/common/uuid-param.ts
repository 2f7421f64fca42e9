import { Param, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { bilingual, invalidField } from './bilingual';

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!isUUID(value, 'all')) throw invalidField(this.name, bilingual('phải là UUID', 'must be a UUID'));
    return value;
  }
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string): ParameterDecorator => Param(name, new UuidPipe(name));
