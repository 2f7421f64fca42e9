import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { bilingual } from '../common/bilingual';
import { QR_ERROR_CORRECTION, QrErrorCorrection } from './qr-encoding';

export class QrQuery {
  @ApiPropertyOptional({
    minimum: 64,
    maximum: 4096,
    default: 512,
    description: 'Cạnh ảnh (px) / image side in pixels',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: bilingual('phải là số nguyên', 'must be an integer') })
  @Min(64)
  @Max(4096)
  size = 512;

  @ApiPropertyOptional({
    enum: QR_ERROR_CORRECTION,
    default: 'M',
    description: 'Mức sửa lỗi / error correction',
  })
  @IsOptional()
  @IsIn(QR_ERROR_CORRECTION, { message: bilingual('L, M, Q hoặc H', 'L, M, Q or H') })
  ecc: QrErrorCorrection = 'M';

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 20,
    default: 4,
    description: 'Vùng trống (ô) / quiet zone in modules',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(20)
  margin = 4;
}
