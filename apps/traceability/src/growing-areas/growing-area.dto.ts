import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CropCycle, FarmingStandard, SiteStatus } from '@ocop/contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
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

export const CROP_CYCLES: readonly CropCycle[] = ['perennial', 'annual'];
export const FARMING_STANDARDS: readonly FarmingStandard[] = [
  'vietgap',
  'globalgap',
  'organic',
  'basic-gap',
  'other',
];

export class GrowingAreaInput {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Chỉ quản trị viên / admins only: the producer it belongs to',
  })
  @IsOptional()
  @IsUUID('all', { message: bilingual('phải là UUID', 'must be a UUID') })
  producerId?: string;

  @ApiProperty({ example: 'Vườn sầu riêng ấp Hòa Khánh', maxLength: 200 })
  @trim
  @IsString()
  @text(200)
  name!: string;

  @ApiProperty({ example: 'Sầu riêng', description: 'Cây trồng / crop', maxLength: 100 })
  @trim
  @IsString()
  @text(100)
  crop!: string;

  @ApiProperty({ example: 'Ri6', description: 'Giống / variety', maxLength: 100 })
  @trim
  @IsString()
  @text(100)
  variety!: string;

  @ApiProperty({ enum: CROP_CYCLES, description: 'Cây lâu năm (≥ 1 ha) / cây hàng năm (≥ 0,1 ha)' })
  @IsIn(CROP_CYCLES, { message: bilingual('perennial hoặc annual', 'perennial or annual') })
  cropCycle!: CropCycle;

  @ApiProperty({ example: 12.95, description: 'Diện tích (ha) / area in hectares' })
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 },
    { message: bilingual('số ha, tối đa 4 chữ số thập phân', 'hectares, at most 4 decimals') },
  )
  @Min(0.0001, { message: bilingual('phải lớn hơn 0', 'must be positive') })
  @Max(100_000, { message: bilingual('tối đa 100 000 ha', 'at most 100,000 ha') })
  areaHa!: number;

  @ApiProperty({ enum: FARMING_STANDARDS, description: 'Tiêu chuẩn áp dụng / standard applied' })
  @IsIn(FARMING_STANDARDS, {
    message: bilingual(
      `một trong: ${FARMING_STANDARDS.join(', ')}`,
      `one of: ${FARMING_STANDARDS.join(', ')}`,
    ),
  })
  standard!: FarmingStandard;

  @ApiPropertyOptional({ example: 'VietGAP số VG-83-0012', maxLength: 200 })
  @IsOptional()
  @trim
  @IsString()
  @text(200)
  standardDetail?: string;

  @ApiProperty({ example: 180, description: 'Sản lượng dự kiến (tấn/năm) / expected yield, tonnes a year' })
  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 },
    { message: bilingual('số tấn, tối đa 3 chữ số thập phân', 'tonnes, at most 3 decimals') },
  )
  @Min(0)
  @Max(10_000_000)
  expectedYieldTonnesPerYear!: number;

  @ApiProperty({
    example: 'Tổ hợp tác sầu riêng Hòa Khánh',
    description: 'Cơ sở sản xuất / producing facility',
  })
  @trim
  @IsString()
  @text(200)
  facilityName!: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Cách ghi chép truy xuất / how records are kept' })
  @IsOptional()
  @trim
  @IsString()
  @MaxLength(2000)
  traceabilityNote?: string;

  @ApiProperty({ type: SitePlaceDto })
  @ValidateNested()
  @Type(() => SitePlaceDto)
  place!: SitePlaceDto;

  @ApiPropertyOptional({
    description: 'Ranh giới GeoJSON (Polygon hoặc MultiPolygon, WGS 84) / GeoJSON boundary',
    example: {
      type: 'Polygon',
      coordinates: [
        [
          [106.126, 10.26],
          [106.127, 10.26],
          [106.127, 10.261],
          [106.126, 10.26],
        ],
      ],
    },
  })
  @IsOptional()
  @IsObject()
  boundary?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: SitePointDto,
    description: 'Một điểm GPS của nơi này / one GPS point of the site',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => SitePointDto)
  location?: SitePointDto;
}

export class GrowingAreaListQuery extends SiteListQuery {}

export class GrowingAreaView {
  @ApiProperty({ format: 'uuid' }) growingAreaId!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() crop!: string;
  @ApiProperty() variety!: string;
  @ApiProperty({ enum: CROP_CYCLES }) cropCycle!: CropCycle;
  @ApiProperty() areaHa!: number;
  @ApiProperty({ enum: FARMING_STANDARDS }) standard!: FarmingStandard;
  @ApiPropertyOptional() standardDetail?: string;
  @ApiProperty() expectedYieldTonnesPerYear!: number;
  @ApiProperty() facilityName!: string;
  @ApiPropertyOptional() traceabilityNote?: string;
  @ApiProperty({ type: SitePlaceDto }) place!: SitePlaceDto;
  @ApiPropertyOptional({ type: Object }) boundary?: unknown;
  @ApiPropertyOptional() boundaryAreaHa?: number;
  @ApiPropertyOptional({ type: SitePointDto }) location?: SitePointDto;
  @ApiProperty({ enum: SITE_STATUSES }) status!: SiteStatus;
  @ApiPropertyOptional({ example: 'VN-83-832-28882-01-24' }) code?: string;
  @ApiPropertyOptional() facilityNumber?: number;
  @ApiProperty({ type: ExportCodeView, isArray: true }) exportCodes!: ExportCodeView[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
