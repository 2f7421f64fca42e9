import { ArgumentMetadata } from '@nestjs/common';
import { DomainError } from '@ocop/contracts';
import { Type } from 'class-transformer';
import { IsString, MaxLength, ValidateNested } from 'class-validator';
import { createValidationPipe } from './validation';

class Address {
  @IsString()
  @MaxLength(5)
  communeCode!: string;
}

class Body {
  @IsString()
  name!: string;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

describe('the validation pipe', () => {
  it('names each field and the rule it broke, so that a client can say it in the person’s language', async () => {
    const metadata: ArgumentMetadata = { type: 'body', metatype: Body };
    const refused = await createValidationPipe()
      .transform({ name: 7, address: { communeCode: '283456' }, note: 'x' }, metadata)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    const problem = (refused as DomainError).toProblem();
    expect(problem.code).toBe('validation-failed');
    expect(problem['errors']).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'name', rule: 'isString' }),
        expect.objectContaining({ field: 'address.communeCode', rule: 'maxLength' }),
        expect.objectContaining({ field: 'note', rule: 'whitelistValidation' }),
      ]),
    );
  });
});
