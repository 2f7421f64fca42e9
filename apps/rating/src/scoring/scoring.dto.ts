import { ApiProperty } from '@nestjs/swagger';
import { bilingual } from '@ocop/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsISO8601,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateNested,
} from 'class-validator';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class ScoresheetDto {
  @ApiProperty({
    description:
      'Mã tiêu chí → số thứ tự phương án (0…), hoặc null khi không phương án nào đúng / criterion key → option index, or null',
    example: { 'A.1.1': 2, 'A.1.2': 1 },
  })
  @IsObject()
  choices!: Record<string, number | null>;
}

export class ScoresheetNoteDto {
  @ApiProperty({
    example: 'Sản phẩm chưa có kết quả kiểm nghiệm chỉ tiêu vi sinh nên tôi chấm C.6.3 thấp',
    description: 'Giải trình của thành viên / the member’s explanation',
  })
  @trim
  @IsString()
  @Length(3, 1000, { message: bilingual('từ 3 đến 1000 ký tự', 'between 3 and 1000 characters') })
  note!: string;
}

export class AmendedSheetDto {
  @ApiProperty()
  @IsUUID('all')
  memberAccountId!: string;

  @ApiProperty()
  @IsObject()
  choices!: Record<string, number | null>;
}

export class AmendResultDto {
  @ApiProperty({ example: 'Sửa lỗi nhập phiếu của thành viên / Corrects a member’s data-entry error' })
  @trim
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiProperty({ example: '1500/QĐ-UBND' })
  @trim
  @IsString()
  @Length(1, 100)
  decisionRef!: string;

  @ApiProperty({ example: '2025-07-01' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  decisionDate!: string;

  @ApiProperty({
    type: [AmendedSheetDto],
    description: 'The corrected sheets; the other members’ sheets carry over',
  })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AmendedSheetDto)
  sheets!: AmendedSheetDto[];
}
