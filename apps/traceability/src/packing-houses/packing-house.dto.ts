import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SiteStatus } from '@ocop/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { bilingual } from '../common/bilingual';

import {
  ExportCodeView,
  SITE_STATUSES,
  SiteListQuery,
  SitePlaceDto,
  SitePointDto,
} from '../site-codes/site.dto';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const text = (max: number) => Length(1, max, { message: bilingual(`1–${max} ký tự`, `1–${max} characters`) });

export class PackingHouseInput {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Chỉ quản trị viên / admins only: the producer it belongs to',
  })
  @IsOptional()
  @IsUUID('all', { message: bilingual('phải là UUID', 'must be a UUID') })
  producerId?: string;

  @ApiProperty({ example: 'Cơ sở đóng gói sầu riêng Chánh Thu', maxLength: 200 })
  @trim
  @IsString()
  @text(200)
  name!: string;

  @ApiPropertyOptional({ example: 'Ấp Hòa Khánh, xã Phú Phụng', maxLength: 300 })
  @IsOptional()
  @trim
  @IsString()
  @text(300)
  address?: string;

  @ApiProperty({ type: SitePlaceDto })
  @ValidateNested()
  @Type(() => SitePlaceDto)
  place!: SitePlaceDto;

  @ApiPropertyOptional({ example: 20, description: 'Công suất (tấn/ngày) / capacity, tonnes a day' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 })
  @Min(0)
  @Max(1_000_000)
  capacityTonnesPerDay?: number;

  @ApiProperty({ example: ['Sầu riêng'], description: 'Sản phẩm đóng gói / products packed' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @Length(1, 100, { each: true, message: bilingual('1–100 ký tự mỗi mục', '1–100 characters each') })
  products!: string[];

  @ApiPropertyOptional({
    type: SitePointDto,
    description: 'Một điểm GPS của nơi này / one GPS point of the site',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SitePointDto)
  location?: SitePointDto;
}

export class PackingHouseListQuery extends SiteListQuery {}

export class PackingHouseView {
  @ApiProperty({ format: 'uuid' }) packingHouseId!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional() address?: string;
  @ApiProperty({ type: SitePlaceDto }) place!: SitePlaceDto;
  @ApiPropertyOptional() capacityTonnesPerDay?: number;
  @ApiProperty({ type: String, isArray: true }) products!: string[];
  @ApiPropertyOptional({ type: SitePointDto }) location?: SitePointDto;
  @ApiProperty({ enum: SITE_STATUSES }) status!: SiteStatus;
  @ApiPropertyOptional({ example: 'VN-83-832-28882-DG01-24' }) code?: string;
  @ApiPropertyOptional() facilityNumber?: number;
  @ApiProperty({ type: ExportCodeView, isArray: true }) exportCodes!: ExportCodeView[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
