import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ProducerType, UnitMapId } from '@ocop/contracts';
import { isTaxCodeFor, PRODUCER_TYPE_CODES, taxCodeRequired } from '@ocop/ocop-domain';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  registerDecorator,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import { UNIT_MAP_IDS } from '@ocop/ocop-domain';
import { IsCommuneCode } from '../../admin-units/commune-code.validator';
import { bilingual, messages, OptionalText, RequiredText, withMessage } from '../../common/validation';

const mustBeBoolean = withMessage(bilingual('phải là true hoặc false', 'must be true or false'));
const mustBeObject = withMessage(bilingual('phải là một đối tượng', 'must be an object'));

/**
 * Tax code of the producer's type: 10 digits, or 10 + "-" + 3 for a dependent unit, or (households only) the
 * 12-digit personal identification number. Enterprises and cooperatives must have one.
 */
function IsTaxCodeOfType(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isTaxCodeOfType',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const type = (args.object as { type?: ProducerType }).type;
          if (value === undefined || value === null) return !type || !taxCodeRequired(type);
          return typeof value === 'string' && isTaxCodeFor(type, value);
        },
        defaultMessage(args: ValidationArguments): string {
          if (args.value === undefined || args.value === null) {
            return bilingual(
              'bắt buộc với doanh nghiệp và hợp tác xã',
              'is required for enterprises and cooperatives',
            );
          }
          return bilingual(
            'mã số thuế gồm 10 chữ số, hoặc 10 chữ số - 3 chữ số (đơn vị phụ thuộc); hộ kinh doanh được dùng số định danh cá nhân 12 chữ số',
            'a tax code is 10 digits, or 10 digits - 3 digits for a dependent unit; households may use their 12-digit personal ID number',
          );
        },
      },
    });
}

export class LegalRepresentativeDto {
  @RequiredText({ max: 100, example: 'Trần Văn Thu' })
  fullName!: string;

  @OptionalText({ max: 100, example: 'Giám đốc' })
  position?: string | null;

  @ApiProperty({
    description: 'Người đại diện là nữ / the legal representative is a woman (scored by the rubric)',
  })
  @IsBoolean(mustBeBoolean)
  woman!: boolean;

  @ApiProperty({ description: 'Người dân tộc thiểu số / from an ethnic minority (scored by the rubric)' })
  @IsBoolean(mustBeBoolean)
  ethnicMinority!: boolean;
}

export class AddressDto {
  @OptionalText({ max: 300, example: 'Ấp Hòa Khánh' })
  street?: string | null;

  @ApiPropertyOptional({
    enum: UNIT_MAP_IDS,
    description:
      'Bản đồ hành chính của mã xã; mặc định là bản đồ đang có hiệu lực / map the commune code belongs to; default: the map in force today',
  })
  @IsOptional()
  @IsIn(UNIT_MAP_IDS, withMessage(messages.oneOf(UNIT_MAP_IDS)))
  unitMap?: UnitMapId;

  @ApiPropertyOptional({
    example: '28870',
    nullable: true,
    description:
      'Mã xã/phường (GSO); cần có trước khi chủ thể được xác minh / GSO commune code; needed before the producer can be verified',
  })
  @IsOptional()
  @IsString(withMessage(messages.string))
  @IsCommuneCode()
  communeCode?: string | null;
}

export class ContactDto {
  @ApiPropertyOptional({ example: '0275 3822 123', nullable: true })
  @IsOptional()
  @Matches(
    /^\+?[0-9][0-9 .()-]{7,19}$/,
    withMessage(bilingual('không phải số điện thoại', 'is not a phone number')),
  )
  phone?: string | null;

  @ApiPropertyOptional({ example: 'lienhe@chanhthu.vn', nullable: true })
  @IsOptional()
  @MaxLength(254, withMessage(messages.tooLong(254)))
  @IsEmail({}, withMessage(bilingual('không phải địa chỉ e-mail', 'is not an e-mail address')))
  email?: string | null;

  @ApiPropertyOptional({ example: 'https://chanhthu.vn', nullable: true })
  @IsOptional()
  @MaxLength(300, withMessage(messages.tooLong(300)))
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true },
    withMessage(bilingual('không phải địa chỉ web', 'is not a web address')),
  )
  website?: string | null;
}

export class CreateProducerDto {
  @ApiProperty({ enum: PRODUCER_TYPE_CODES })
  @IsIn(PRODUCER_TYPE_CODES, withMessage(messages.oneOf(PRODUCER_TYPE_CODES)))
  type!: ProducerType;

  @RequiredText({ max: 200, example: 'Công ty TNHH XNK Trái cây Chánh Thu' })
  name!: string;

  @OptionalText({ max: 200, example: 'Chánh Thu' })
  tradingName?: string | null;

  @OptionalText({ max: 200, example: 'Chanh Thu Fruit Import Export Co., Ltd' })
  nameEn?: string | null;

  @ApiPropertyOptional({
    example: '1300123456',
    nullable: true,
    description:
      'Mã số thuế / mã số doanh nghiệp (bắt buộc với doanh nghiệp, HTX) / tax or registration number',
  })
  @IsTaxCodeOfType()
  taxCode?: string | null;

  @ApiPropertyOptional({
    example: '8936047',
    nullable: true,
    description: 'GS1 Company Prefix (4–12 digits)',
  })
  @IsOptional()
  @Matches(/^\d{4,12}$/, withMessage(bilingual('gồm 4 đến 12 chữ số', 'must be 4 to 12 digits')))
  gs1CompanyPrefix?: string | null;

  @ApiProperty({ type: LegalRepresentativeDto })
  @IsObject(mustBeObject)
  @ValidateNested()
  @Type(() => LegalRepresentativeDto)
  legalRepresentative!: LegalRepresentativeDto;

  @ApiProperty({ type: AddressDto })
  @IsObject(mustBeObject)
  @ValidateNested()
  @Type(() => AddressDto)
  address!: AddressDto;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional()
  @IsObject(mustBeObject)
  @ValidateNested()
  @Type(() => ContactDto)
  contact?: ContactDto;
}

/** Fields left out stay as they are; nested objects (address, contact…) are replaced whole; null clears. */
export class UpdateProducerDto extends PartialType(CreateProducerDto) {}

export class StatusReasonDto {
  @RequiredText({ max: 500, example: 'Hồ sơ đăng ký kinh doanh hết hiệu lực' })
  reason!: string;
}

export class VerifyProducerDto {
  @OptionalText({ max: 500, example: 'Đã kiểm tra giấy chứng nhận đăng ký doanh nghiệp' })
  note?: string | null;
}
