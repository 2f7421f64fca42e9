import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { bilingual } from '@ocop/contracts';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { DocumentView } from './document-shelf';

/** `?fileName=` of an upload whose body is the file itself: the name the person's device gave it. */
export class DocumentUploadQuery {
  @ApiPropertyOptional({ description: 'Tên tệp trên máy người gửi / the file name on the sender’s device' })
  @IsOptional()
  @IsString({ message: bilingual('phải là chuỗi ký tự', 'must be a string') })
  @MaxLength(500, { message: bilingual('tối đa 500 ký tự', 'at most 500 characters') })
  fileName?: string;
}

export class DocumentViewDto implements DocumentView {
  @ApiProperty({ format: 'uuid' })
  documentId!: string;
  @ApiProperty({ example: 'giay-chung-nhan-dang-ky-kinh-doanh.pdf' })
  fileName!: string;
  @ApiProperty({ enum: ['application/pdf', 'image/png', 'image/jpeg'] })
  contentType!: string;
  @ApiProperty()
  sizeBytes!: number;
  @ApiProperty({ description: 'SHA-256 (hex)' })
  sha256!: string;
  @ApiProperty({ format: 'date-time' })
  uploadedAt!: string;
}
