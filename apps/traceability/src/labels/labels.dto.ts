import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { bilingual } from '../common/bilingual';
import { QR_ERROR_CORRECTION, QrErrorCorrection } from '../qr/qr-encoding';
import { LABEL_LAYOUT_IDS, LabelLayoutId } from './label-layouts';

export type LabelFormat = 'pdf' | 'zpl' | 'csv';
export const LABEL_FORMATS: readonly LabelFormat[] = ['pdf', 'zpl', 'csv'];

const toBoolean = Transform(({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value,
);

/** Which labels to make and how. Query parameters for a direct download, a JSON body for a job. */
export class LabelRequestDto {
  @ApiProperty({
    enum: LABEL_FORMATS,
    description: 'pdf: tờ tem in sẵn / print-ready sheets; zpl: Zebra; csv: nhà in / printing house',
  })
  @IsIn(LABEL_FORMATS, { message: bilingual('pdf, zpl hoặc csv', 'pdf, zpl or csv') })
  format!: LabelFormat;

  @ApiPropertyOptional({ enum: LABEL_LAYOUT_IDS, default: 'a4-3x8' })
  @IsOptional()
  @IsIn(LABEL_LAYOUT_IDS, {
    message: bilingual(`một trong: ${LABEL_LAYOUT_IDS.join(', ')}`, `one of: ${LABEL_LAYOUT_IDS.join(', ')}`),
  })
  layout: LabelLayoutId = 'a4-3x8';

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
  @ApiPropertyOptional({ enum: LABEL_LAYOUT_IDS }) layout?: LabelLayoutId;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() finishedAt?: string;
  @ApiPropertyOptional({ description: 'Where to download the file once the job succeeded' })
  outputUrl?: string;
  @ApiPropertyOptional({ type: Object, description: 'The problem, when the job failed' }) error?: unknown;
}
