import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BatchSnapshotV1, BatchStatus } from '@ocop/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { bilingual } from '../common/bilingual';
import { PageQuery } from '@ocop/service-kit';
import { QUANTITY_UNITS } from './batch-rules';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const UNIT_CODES = Object.keys(QUANTITY_UNITS);
const isoDate = () =>
  IsISO8601(
    { strict: true, strictSeparator: true },
    { message: bilingual('ngày dạng YYYY-MM-DD', 'a date as YYYY-MM-DD') },
  );
const quantity = () =>
  IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 3 },
    { message: bilingual('số, tối đa 3 chữ số thập phân', 'a number with at most 3 decimals') },
  );

export const BATCH_STATUSES: readonly (BatchStatus | 'expired')[] = [
  'open',
  'released',
  'recalled',
  'expired',
];

export class BatchInputDto {
  @ApiProperty({ format: 'uuid', description: 'Lô nguyên liệu / the input batch (one of your own)' })
  @IsUUID('all', { message: bilingual('phải là UUID', 'must be a UUID') })
  batchId!: string;

  @ApiPropertyOptional({ example: 500 })
  @IsOptional()
  @quantity()
  @Min(0.001)
  quantity?: number;

  @ApiPropertyOptional({ enum: UNIT_CODES })
  @IsOptional()
  @IsIn(UNIT_CODES, {
    message: bilingual(`một trong: ${UNIT_CODES.join(', ')}`, `one of: ${UNIT_CODES.join(', ')}`),
  })
  unit?: string;
}

export class CreateBatchDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: bilingual('phải là UUID', 'must be a UUID') })
  productId!: string;

  @ApiPropertyOptional({
    example: '08936047000500',
    description:
      'GTIN-14 của sản phẩm; bắt buộc khi sản phẩm có nhiều GTIN; sản phẩm chưa có GTIN được in tem /t/ / required when the product has several; a product without GTIN gets /t/ labels',
  })
  @IsOptional()
  @IsString()
  gtin?: string;

  @ApiProperty({
    example: 'L2026-06A',
    description: 'Số lô: 1–20 ký tự bộ GS1 82 / lot: 1–20 characters of GS1 set 82',
  })
  @IsString()
  lot!: string;

  @ApiProperty({ example: 1200 })
  @quantity()
  @Min(0.001, { message: bilingual('phải lớn hơn 0', 'must be positive') })
  @Max(1_000_000_000)
  quantity!: number;

  @ApiProperty({
    enum: UNIT_CODES,
    description: 'UN/ECE Rec. 20: KGM kg, TNE tấn, LTR lít, H87 cái, XBX hộp…',
  })
  @IsIn(UNIT_CODES, {
    message: bilingual(`một trong: ${UNIT_CODES.join(', ')}`, `one of: ${UNIT_CODES.join(', ')}`),
  })
  unit!: string;

  @ApiPropertyOptional({ example: '2026-06-01' })
  @IsOptional()
  @isoDate()
  harvestDate?: string;

  @ApiPropertyOptional({ example: '2026-06-02' })
  @IsOptional()
  @isoDate()
  productionDate?: string;

  @ApiPropertyOptional({ example: '2026-06-03' })
  @IsOptional()
  @isoDate()
  packingDate?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Hạn sử dụng / expiry date (AI 17)' })
  @IsOptional()
  @isoDate()
  expiryDate?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Hạn sử dụng tốt nhất / best before (AI 15)' })
  @IsOptional()
  @isoDate()
  bestBeforeDate?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Vùng trồng đã được cấp mã / issued growing areas of yours',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: bilingual('phải là UUID', 'must be a UUID') })
  growingAreaIds?: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Cơ sở đóng gói đã được cấp mã / an issued packing house',
  })
  @IsOptional()
  @IsUUID('all', { message: bilingual('phải là UUID', 'must be a UUID') })
  packingHouseId?: string;

  @ApiPropertyOptional({ type: BatchInputDto, isArray: true, description: 'Lô nguyên liệu / input batches' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BatchInputDto)
  inputs?: BatchInputDto[];
}

export class RecallDto {
  @ApiProperty({
    example: 'Phát hiện vượt ngưỡng aflatoxin trong mẫu kiểm nghiệm',
    minLength: 3,
    maxLength: 1000,
  })
  @trim
  @IsString()
  @MinLength(3, { message: bilingual('ít nhất 3 ký tự', 'at least 3 characters') })
  @MaxLength(1000)
  reason!: string;
}

export class BatchListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: BATCH_STATUSES })
  @IsOptional()
  @IsIn(BATCH_STATUSES)
  status?: BatchStatus | 'expired';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  productId?: string;

  @ApiPropertyOptional({ example: 'L2026', description: 'Số lô bắt đầu bằng / lot starts with' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  lot?: string;
}

export class BatchView {
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty({ format: 'uuid' }) producerId!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiPropertyOptional({
    description: 'GTIN-14; absent when the product has none / không có khi sản phẩm chưa có GTIN',
  })
  gtin?: string;
  @ApiPropertyOptional({
    description:
      'Mã sản phẩm trên tem /t/ khi không có GTIN / the product code its /t/ labels carry, when it has no GTIN',
  })
  productCode?: string;
  @ApiProperty() lot!: string;
  @ApiProperty() quantity!: number;
  @ApiProperty() unit!: string;
  @ApiPropertyOptional() harvestDate?: string;
  @ApiPropertyOptional() productionDate?: string;
  @ApiPropertyOptional() packingDate?: string;
  @ApiPropertyOptional() expiryDate?: string;
  @ApiPropertyOptional() bestBeforeDate?: string;
  @ApiProperty({ type: Object, isArray: true }) growingAreas!: { growingAreaId: string; code: string }[];
  @ApiPropertyOptional({ type: Object }) packingHouse?: { packingHouseId: string; code: string };
  @ApiProperty({ type: Object, isArray: true })
  inputs!: BatchSnapshotV1['inputs'];
  @ApiProperty({
    enum: BATCH_STATUSES,
    description: 'expired: đã quá hạn / past its expiry or best-before date',
  })
  status!: BatchStatus | 'expired';
  @ApiProperty({ example: 'http://127.0.0.1:3006/01/08936047000500/10/L2026-06A?17=261231' })
  digitalLink!: string;
  @ApiPropertyOptional() releasedAt?: string;
  @ApiPropertyOptional() recalledAt?: string;
  @ApiPropertyOptional() recallReason?: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}
