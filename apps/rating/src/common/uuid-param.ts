import { Param, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { RatingProblems } from './problems';

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!isUUID(value, 'all'))
      throw RatingProblems.invalid(this.name, 'phải là mã định danh (UUID)', 'must be a UUID');
    return value;
  }
}

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string): ParameterDecorator => Param(name, new UuidPipe(name));
