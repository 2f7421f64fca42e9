import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, Length } from 'class-validator';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class ImportSheetsQuery {
  @ApiPropertyOptional({
    example: 'bo-7-da-doi-chieu.xlsx',
    description: 'Tên tệp / the file name, kept with the revision',
  })
  @IsOptional()
  @trim
  @IsString()
  @Length(1, 200)
  fileName?: string;

  @ApiPropertyOptional({
    example: 'Đối chiếu phụ lục QĐ 148, bản công báo / checked against the gazetted annex',
    description: 'Why and from what source the sheet was corrected',
  })
  @IsOptional()
  @trim
  @IsString()
  @Length(1, 1000)
  note?: string;
}
