import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import {
  ALLERGENS,
  CERTIFICATION_SCHEMES,
  codesOf,
  PACKAGE_UNITS,
  parseGtin,
  PRODUCT_SET_NUMBERS,
  SALES_CHANNELS,
} from '@ocop/ocop-domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsPositive,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
} from 'class-validator';
import {
  bilingual,
  IsText,
  messages,
  OptionalText,
  RequiredText,
  Trimmed,
  withMessage,
} from '../../common/validation';

export const MAX_GTINS = 20;
const MAX_LIST = 20;

const tooMany = (max: number) => withMessage(bilingual(`tối đa ${max} mục`, `at most ${max} items`));
const mustBeList = withMessage(bilingual('phải là danh sách', 'must be an array'));
const webAddress = withMessage(bilingual('phải là địa chỉ web http(s)', 'must be an http(s) web address'));
const urlOptions = { protocols: ['http', 'https'], require_protocol: true };

const GTIN_PROBLEMS = {
  'not-digits': ['chỉ gồm chữ số', 'digits only'],
  'bad-length': ['phải có 8, 12, 13 hoặc 14 chữ số', 'must have 8, 12, 13 or 14 digits'],
  'check-digit': ['sai số kiểm tra', 'wrong check digit'],
} as const;

/** Describes what is wrong with each GTIN of a list, or returns nothing when every one is valid and distinct. */
export function gtinListProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return [bilingual('phải là danh sách mã GTIN', 'must be an array of GTINs')];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  value.forEach((item, i) => {
    if (typeof item !== 'string')
      return problems.push(bilingual(`[${i}] phải là chuỗi`, `[${i}] must be a string`));
    const parsed = parseGtin(item);
    if (!parsed.ok) {
      const [vi, en] = GTIN_PROBLEMS[parsed.problem];
      const expected = parsed.expectedCheckDigit;
      return problems.push(
        expected === undefined
          ? bilingual(`[${i}] "${item}" ${vi}`, `[${i}] "${item}" ${en}`)
          : bilingual(
              `[${i}] "${item}" ${vi} (phải là ${expected})`,
              `[${i}] "${item}" ${en} (expected ${expected})`,
            ),
      );
    }
    const first = seen.get(parsed.gtin14);
    if (first !== undefined)
      return problems.push(bilingual(`[${i}] trùng với [${first}]`, `[${i}] repeats [${first}]`));
    seen.set(parsed.gtin14, i);
    return undefined;
  });
  return problems;
}

/** GTIN-8/12/13/14 with a valid GS1 check digit, each once. Messages name the entry and the expected digit. */
function IsGtinList(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isGtinList',
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown) => gtinListProblems(value).length === 0,
        defaultMessage: (args: ValidationArguments) => gtinListProblems(args.value).join('; '),
      },
    });
}

export class ImageDto {
  @ApiProperty({ example: 'https://cdn.example.vn/keo-dua-ca-cao.jpg', maxLength: 500 })
  @MaxLength(500, withMessage(messages.tooLong(500)))
  @IsUrl(urlOptions, webAddress)
  url!: string;

  @OptionalText({ max: 200, example: 'Hộp 400 g' })
  caption?: string | null;
}

export class PackageSizeDto {
  @ApiProperty({ example: 400 })
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    withMessage(bilingual('phải là số', 'must be a number')),
  )
  @IsPositive(withMessage(bilingual('phải lớn hơn 0', 'must be greater than 0')))
  @Max(1_000_000, withMessage(bilingual('tối đa 1 000 000', 'at most 1,000,000')))
  quantity!: number;

  @ApiProperty({ enum: codesOf(PACKAGE_UNITS) })
  @IsIn(codesOf(PACKAGE_UNITS), withMessage(messages.oneOf(codesOf(PACKAGE_UNITS))))
  unit!: string;

  @OptionalText({ max: 100, example: 'Hộp giấy 400 g' })
  label?: string | null;
}

export class CertificationDto {
  @ApiProperty({ enum: codesOf(CERTIFICATION_SCHEMES) })
  @IsIn(codesOf(CERTIFICATION_SCHEMES), withMessage(messages.oneOf(codesOf(CERTIFICATION_SCHEMES))))
  scheme!: string;

  @ApiPropertyOptional({
    description: 'Bắt buộc khi scheme = other / required when scheme is other',
    maxLength: 200,
  })
  @Trimmed()
  @ValidateIf((c: CertificationDto) => c.scheme === 'other' || (c.name !== undefined && c.name !== null))
  @IsText(200)
  name?: string | null;

  @OptionalText({ max: 100, example: 'VietGAP-TT-19-06-83-0012' })
  certificateNumber?: string | null;

  @OptionalText({ max: 200, example: 'Trung tâm Kiểm nghiệm Bến Tre' })
  issuer?: string | null;

  @ApiPropertyOptional({ example: '2027-06-30', format: 'date' })
  @IsOptional()
  @IsISO8601(
    { strict: true },
    withMessage(bilingual('phải là ngày dạng YYYY-MM-DD', 'must be a date YYYY-MM-DD')),
  )
  @MaxLength(10, withMessage(bilingual('phải là ngày dạng YYYY-MM-DD', 'must be a date YYYY-MM-DD')))
  validUntil?: string | null;
}

export class SalesLinkDto {
  @ApiProperty({ enum: codesOf(SALES_CHANNELS) })
  @IsIn(codesOf(SALES_CHANNELS), withMessage(messages.oneOf(codesOf(SALES_CHANNELS))))
  channel!: string;

  @ApiProperty({ example: 'https://shopee.vn/keo-dua-dong-a', maxLength: 500 })
  @MaxLength(500, withMessage(messages.tooLong(500)))
  @IsUrl(urlOptions, webAddress)
  url!: string;
}

/**
 * A product as its producer describes it. The OCOP star and certificate are not here on purpose: they come only
 * from the rating service's certificate events, and a request that sends them is refused as unknown fields.
 */
export class CreateProductDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID(
    'all',
    withMessage(bilingual('phải là mã định danh (UUID) của chủ thể', 'must be a producer id (UUID)')),
  )
  producerId!: string;

  @RequiredText({ max: 200, example: 'Kẹo dừa ca cao' })
  nameVi!: string;

  @OptionalText({ max: 200, example: 'Cocoa coconut candy' })
  nameEn?: string | null;

  @ApiProperty({
    minimum: 1,
    maximum: 26,
    example: 7,
    description: 'Bộ sản phẩm OCOP theo QĐ 148 / OCOP product set of QĐ 148',
  })
  @IsIn(PRODUCT_SET_NUMBERS, withMessage(messages.productSet))
  productSet!: number;

  @OptionalText({ max: 5000 })
  descriptionVi?: string | null;

  @OptionalText({ max: 5000 })
  descriptionEn?: string | null;

  @ApiPropertyOptional({ type: ImageDto, isArray: true, maxItems: 10 })
  @IsOptional()
  @IsArray(mustBeList)
  @ArrayMaxSize(10, tooMany(10))
  @ValidateNested({ each: true })
  @Type(() => ImageDto)
  images?: ImageDto[];

  @ApiPropertyOptional({
    type: String,
    isArray: true,
    maxItems: MAX_GTINS,
    example: ['8936047000500'],
    description: 'GTIN-8/12/13/14; lưu dạng GTIN-14 / stored as GTIN-14',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_GTINS, tooMany(MAX_GTINS))
  @IsGtinList()
  gtins?: string[];

  @ApiPropertyOptional({ type: PackageSizeDto, isArray: true })
  @IsOptional()
  @IsArray(mustBeList)
  @ArrayMaxSize(MAX_LIST, tooMany(MAX_LIST))
  @ValidateNested({ each: true })
  @Type(() => PackageSizeDto)
  packageSizes?: PackageSizeDto[];

  @OptionalText({ max: 2000, example: 'Cơm dừa, đường, mạch nha, bột ca cao' })
  ingredients?: string | null;

  @ApiPropertyOptional({ enum: codesOf(ALLERGENS), isArray: true })
  @IsOptional()
  @IsArray(mustBeList)
  @ArrayUnique(withMessage(bilingual('không được lặp lại', 'must not repeat')))
  @IsIn(codesOf(ALLERGENS), { each: true, message: messages.oneOf(codesOf(ALLERGENS)) })
  allergens?: string[];

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, example: 270 })
  @IsOptional()
  @IsInt(withMessage(bilingual('phải là số nguyên (ngày)', 'must be an integer (days)')))
  @Min(1, withMessage(bilingual('ít nhất 1 ngày', 'at least 1 day')))
  @Max(3650, withMessage(bilingual('tối đa 3650 ngày', 'at most 3650 days')))
  shelfLifeDays?: number | null;

  @ApiPropertyOptional({ type: CertificationDto, isArray: true })
  @IsOptional()
  @IsArray(mustBeList)
  @ArrayMaxSize(MAX_LIST, tooMany(MAX_LIST))
  @ValidateNested({ each: true })
  @Type(() => CertificationDto)
  certifications?: CertificationDto[];

  @OptionalText({ max: 200, example: 'Chỉ dẫn địa lý "Bến Tre" cho bưởi da xanh' })
  geographicalIndication?: string | null;

  @OptionalText({ max: 200, example: 'Đông Á (Giấy chứng nhận nhãn hiệu số 123456)' })
  trademark?: string | null;

  @ApiPropertyOptional({ type: SalesLinkDto, isArray: true })
  @IsOptional()
  @IsArray(mustBeList)
  @ArrayMaxSize(MAX_LIST, tooMany(MAX_LIST))
  @ValidateNested({ each: true })
  @Type(() => SalesLinkDto)
  salesLinks?: SalesLinkDto[];
}

/** Fields left out stay; lists are replaced whole; null clears. A product never moves to another producer. */
export class UpdateProductDto extends PartialType(OmitType(CreateProductDto, ['producerId'] as const)) {}

export class DiscontinueProductDto {
  @OptionalText({ max: 500, example: 'Ngừng sản xuất quy cách hộp 200 g' })
  reason?: string | null;
}
