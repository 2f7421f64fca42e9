import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { bilingual } from '../common/bilingual';
import { QR_ERROR_CORRECTION, QrErrorCorrection } from '../qr/qr-encoding';
import { LABEL_LAYOUT_IDS, LabelLayoutId } from './label-layouts';
import { ZPL_FONT_SOURCES, ZplFontSource } from './zpl-labels';

export const LABEL_LAYOUT_CHOICES = [...LABEL_LAYOUT_IDS, 'custom'] as const;
export type LabelLayoutChoice = LabelLayoutId | 'custom';

export type LabelFormat = 'pdf' | 'zpl' | 'csv';
export const LABEL_FORMATS: readonly LabelFormat[] = ['pdf', 'zpl', 'csv'];

const toBoolean = Transform(({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value,
);

/** A length in millimetres, to a hundredth, from a query string or a JSON body. */
const millimetres = (min: number, max: number) =>
  applyDecorators(
    Type(() => Number),
    IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }),
    Min(min),
    Max(max),
  );

/** A custom template's geometry: required with `layout=custom`, not looked at otherwise. */
const requiredForCustom = () =>
  applyDecorators(
    ValidateIf((o: LabelRequestDto) => o.layout === 'custom'),
    IsDefined({ message: bilingual('bắt buộc với mẫu custom', 'required for the custom layout') }),
  );

/** A custom template's optional geometry: checked when given with `layout=custom`. */
const optionalForCustom = () =>
  ValidateIf((o: LabelRequestDto, value: unknown) => o.layout === 'custom' && value !== undefined);

/** Which labels to make and how. Query parameters for a direct download, a JSON body for a job. */
export class LabelRequestDto {
  @ApiProperty({
    enum: LABEL_FORMATS,
    description: 'pdf: tờ tem in sẵn / print-ready sheets; zpl: Zebra; csv: nhà in / printing house',
  })
  @IsIn(LABEL_FORMATS, { message: bilingual('pdf, zpl hoặc csv', 'pdf, zpl or csv') })
  format!: LabelFormat;

  @ApiPropertyOptional({
    enum: LABEL_LAYOUT_CHOICES,
    default: 'a4-3x8',
    description:
      'Mẫu tờ tem / label template: A4 decal sheets (a4-COLUMNSxROWS), thermal rolls (thermal-WxH mm), or custom (page size, grid, label size, gaps, margins below)',
  })
  @IsOptional()
  @IsIn(LABEL_LAYOUT_CHOICES, {
    message: bilingual(
      `một trong: ${LABEL_LAYOUT_CHOICES.join(', ')}`,
      `one of: ${LABEL_LAYOUT_CHOICES.join(', ')}`,
    ),
  })
  layout: LabelLayoutChoice = 'a4-3x8';

  @ApiPropertyOptional({ description: 'custom: khổ trang / page width, mm', minimum: 20, maximum: 1000 })
  @requiredForCustom()
  @millimetres(20, 1000)
  pageWidthMm?: number;

  @ApiPropertyOptional({
    description: 'custom: chiều cao trang / page height, mm',
    minimum: 20,
    maximum: 1000,
  })
  @requiredForCustom()
  @millimetres(20, 1000)
  pageHeightMm?: number;

  @ApiPropertyOptional({ description: 'custom: số cột / columns', minimum: 1, maximum: 20 })
  @requiredForCustom()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(20)
  columns?: number;

  @ApiPropertyOptional({ description: 'custom: số hàng / rows', minimum: 1, maximum: 40 })
  @requiredForCustom()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(40)
  rows?: number;

  @ApiPropertyOptional({
    description: 'custom: chiều rộng tem / label width, mm',
    minimum: 10,
    maximum: 1000,
  })
  @requiredForCustom()
  @millimetres(10, 1000)
  labelWidthMm?: number;

  @ApiPropertyOptional({
    description: 'custom: chiều cao tem / label height, mm',
    minimum: 10,
    maximum: 1000,
  })
  @requiredForCustom()
  @millimetres(10, 1000)
  labelHeightMm?: number;

  @ApiPropertyOptional({ description: 'custom: lề trái trang / left page margin, mm (default: centred)' })
  @optionalForCustom()
  @millimetres(0, 500)
  marginLeftMm?: number;

  @ApiPropertyOptional({ description: 'custom: lề trên trang / top page margin, mm (default: centred)' })
  @optionalForCustom()
  @millimetres(0, 500)
  marginTopMm?: number;

  @ApiPropertyOptional({ description: 'custom: khe giữa các cột / gap between columns, mm [0]' })
  @optionalForCustom()
  @millimetres(0, 100)
  gapXMm?: number;

  @ApiPropertyOptional({ description: 'custom: khe giữa các hàng / gap between rows, mm [0]' })
  @optionalForCustom()
  @millimetres(0, 100)
  gapYMm?: number;

  @ApiPropertyOptional({
    description:
      'Lề an toàn trong mỗi tem / safe margin inside each label, mm (default: the template’s; 5 for custom)',
    minimum: 0,
    maximum: 50,
  })
  @IsOptional()
  @millimetres(0, 50)
  safeMarginMm?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Dấu cắt ở lề trang / crop marks in the page margins (PDF)',
  })
  @IsOptional()
  @toBoolean
  @IsBoolean()
  cropMarks = false;

  @ApiPropertyOptional({
    enum: ZPL_FONT_SOURCES,
    default: 'download',
    description:
      'ZPL: download = gửi phông tiếng Việt trong lệnh in / the job downloads the Vietnamese font; printer = already stored as E:OCOPVN.TTF',
  })
  @IsOptional()
  @IsIn(ZPL_FONT_SOURCES)
  zplFont: ZplFontSource = 'download';

  @ApiPropertyOptional({ description: 'Từ số thứ tự / first unit sequence number (default: 1)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  fromSeq?: number;

  @ApiPropertyOptional({ description: 'Đến số thứ tự / last unit sequence number (default: the last unit)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  toSeq?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Tem cấp lô (không sê-ri) / batch-level labels (no serial), `copies` of them',
  })
  @IsOptional()
  @toBoolean
  @IsBoolean()
  batchLevel = false;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 100_000,
    default: 1,
    description: 'Số tem cấp lô / batch-level copies',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  copies = 1;

  @ApiPropertyOptional({
    enum: QR_ERROR_CORRECTION,
    default: 'M',
    description: 'Mức sửa lỗi QR / QR error correction (PDF)',
  })
  @IsOptional()
  @IsIn(QR_ERROR_CORRECTION)
  ecc: QrErrorCorrection = 'M';
}

export class LabelJobView {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] }) status!: string;
  @ApiProperty() done!: number;
  @ApiPropertyOptional() total?: number;
  @ApiProperty({ enum: LABEL_FORMATS }) format!: LabelFormat;
  @ApiPropertyOptional({ enum: LABEL_LAYOUT_CHOICES }) layout?: LabelLayoutChoice;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() finishedAt?: string;
  @ApiPropertyOptional({ description: 'Where to download the file once the job succeeded' })
  outputUrl?: string;
  @ApiPropertyOptional({ type: Object, description: 'The problem, when the job failed' }) error?: unknown;
}
