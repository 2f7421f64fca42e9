import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ExportCodeV1, SiteStatus, UnitMapId } from '@ocop/contracts';
import { adminUnits } from '@ocop/ocop-domain';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { QueuePageQuery } from '@ocop/service-kit';
import { bilingual } from '../common/bilingual';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** The administrative map a province code belongs to: Bến Tre's 2022 units, or Vĩnh Long's from July 2025. */
const MAP_OF_PROVINCE: Record<string, UnitMapId> = { '83': 'bt-2022', '86': 'vl-2025-07' };

/**
 * The commune must be a GSO commune of the named province (and of the named district, where the map has
 * districts): a typo in a code would otherwise end up printed in an official growing-area code.
 */
@ValidatorConstraint({ name: 'knownCommune' })
class KnownCommune implements ValidatorConstraintInterface {
  validate(code: unknown, args: ValidationArguments): boolean {
    const place = args.object as SitePlaceDto;
    const map = MAP_OF_PROVINCE[place.provinceCode];
    const commune = map && typeof code === 'string' ? adminUnits().commune(map, code) : undefined;
    if (!commune) return false;
    return place.districtCode === undefined || commune.districtCode === place.districtCode;
  }

  defaultMessage(): string {
    return bilingual(
      'không phải mã xã (GSO) thuộc tỉnh/huyện đã khai',
      'is not a GSO commune code of the given province and district',
    );
  }
}

/** Where a site is, in GSO codes valid when it is registered (since July 2025 communes have no district). */
export class SitePlaceDto {
  @ApiProperty({ example: '83', description: 'Mã tỉnh / province code (GSO)' })
  @Matches(/^\d{2}$/, { message: bilingual('mã tỉnh gồm 2 chữ số', 'a province code has 2 digits') })
  provinceCode!: string;

  @ApiPropertyOptional({
    example: '832',
    description: 'Mã huyện / district code (GSO); none after July 2025',
  })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: bilingual('mã huyện gồm 3 chữ số', 'a district code has 3 digits') })
  districtCode?: string;

  @ApiProperty({ example: '28882', description: 'Mã xã / commune code (GSO)' })
  @Matches(/^\d{5}$/, { message: bilingual('mã xã gồm 5 chữ số', 'a commune code has 5 digits') })
  @Validate(KnownCommune)
  communeCode!: string;
}

/**
 * Viet Nam's land and islands (Trường Sa reaches 117.8° E) with a margin: a point outside is a slip, most often
 * latitude and longitude swapped or a phone's fix taken elsewhere, and would mislead anyone who traces the site.
 */
const VIETNAM_BOUNDS = { lonMin: 102, lonMax: 118, latMin: 6, latMax: 24 };

@ValidatorConstraint({ name: 'inVietnam' })
class InVietnam implements ValidatorConstraintInterface {
  validate(coordinates: unknown): boolean {
    if (!Array.isArray(coordinates)) return false;
    const [lon, lat] = coordinates as number[];
    const b = VIETNAM_BOUNDS;
    return lon >= b.lonMin && lon <= b.lonMax && lat >= b.latMin && lat <= b.latMax;
  }

  defaultMessage(): string {
    return bilingual(
      'điểm không nằm ở Việt Nam: kiểm tra lại vĩ độ, kinh độ',
      'the point is not in Viet Nam: check the latitude and longitude',
    );
  }
}

/** One GPS point of a site. */
export interface SitePoint {
  type: 'Point';
  coordinates: number[];
}

/** A GeoJSON Point (RFC 7946: [longitude, latitude] in WGS 84 degrees). */
export class SitePointDto implements SitePoint {
  @ApiProperty({ enum: ['Point'] })
  @IsIn(['Point'], { message: bilingual('phải là "Point"', 'must be "Point"') })
  type!: 'Point';

  @ApiProperty({
    type: Number,
    isArray: true,
    example: [106.3756, 10.2415],
    description: '[kinh độ, vĩ độ] / [longitude, latitude], WGS 84',
  })
  @IsArray()
  @ArrayMinSize(2, { message: bilingual('[kinh độ, vĩ độ]', '[longitude, latitude]') })
  @ArrayMaxSize(2, { message: bilingual('[kinh độ, vĩ độ]', '[longitude, latitude]') })
  @IsNumber(
    { allowNaN: false, allowInfinity: false },
    { each: true, message: bilingual('kinh độ, vĩ độ là số', 'longitude and latitude are numbers') },
  )
  @Validate(InVietnam)
  coordinates!: number[];
}

/** An officer's decision on a site. Every action but issuing must say why. */
export class ReviewDto {
  @ApiPropertyOptional({
    example: 'Quyết định 123/QĐ-CCTT&BVTV ngày 12/3/2024',
    description: 'Lý do hoặc căn cứ / reason or decision reference (required except for issue)',
  })
  @IsOptional()
  @trim
  @IsString()
  @MinLength(3, { message: bilingual('ít nhất 3 ký tự', 'at least 3 characters') })
  @MaxLength(1000, { message: bilingual('tối đa 1000 ký tự', 'at most 1000 characters') })
  reason?: string;
}

export class ExportCodeDto {
  @ApiProperty({
    enum: ['PUC', 'PHC'],
    description: 'PUC: vùng trồng / growing area; PHC: cơ sở đóng gói / packing house',
  })
  @IsIn(['PUC', 'PHC'], { message: bilingual('phải là PUC hoặc PHC', 'must be PUC or PHC') })
  scheme!: 'PUC' | 'PHC';

  @ApiProperty({ example: 'VN-BTPUC-0012' })
  @trim
  @IsString()
  @Length(1, 60, { message: bilingual('1–60 ký tự', '1–60 characters') })
  code!: string;

  @ApiProperty({ example: 'CN', description: 'Nước nhập khẩu / importing country (ISO 3166-1 alpha-2)' })
  @Matches(/^[A-Z]{2}$/, {
    message: bilingual('mã nước 2 chữ in hoa (ISO 3166-1)', 'a 2-letter ISO 3166-1 code'),
  })
  importingCountry!: string;

  @ApiPropertyOptional({ example: '2022-07-19' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: bilingual('ngày dạng YYYY-MM-DD', 'a date as YYYY-MM-DD') })
  grantedOn?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @trim
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class ExportCodeView implements ExportCodeV1 {
  @ApiProperty({ enum: ['PUC', 'PHC'] }) scheme!: 'PUC' | 'PHC';
  @ApiProperty() code!: string;
  @ApiProperty() importingCountry!: string;
  @ApiPropertyOptional() grantedOn?: string;
  @ApiPropertyOptional() note?: string;
}

export class SiteHistoryView {
  @ApiProperty() action!: string;
  @ApiProperty({ enum: ['pending', 'issued', 'rejected', 'suspended', 'cancelled'] }) status!: SiteStatus;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() actorId!: string;
  @ApiProperty() at!: string;
}

export const SITE_STATUSES: readonly SiteStatus[] = [
  'pending',
  'issued',
  'rejected',
  'suspended',
  'cancelled',
];

export class SiteListQuery extends QueuePageQuery {
  @ApiPropertyOptional({ enum: SITE_STATUSES })
  @IsOptional()
  @IsIn(SITE_STATUSES)
  status?: SiteStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  producerId?: string;
}
