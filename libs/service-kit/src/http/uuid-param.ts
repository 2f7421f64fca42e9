import { Param, PipeTransform } from '@nestjs/common';
import { bilingual, Problems } from '@ocop/contracts';
import { isUUID } from 'class-validator';

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!isUUID(value, 'all'))
      throw Problems.invalidField(this.name, bilingual('phải là mã định danh (UUID)', 'must be a UUID'));
    return value;
  }
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter (never a 500 from SQL). */
export const UuidParam = (name: string): ParameterDecorator => Param(name, new UuidPipe(name));
