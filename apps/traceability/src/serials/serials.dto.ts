import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import { bilingual } from '../common/bilingual';

export class GenerateUnitsDto {
  @ApiProperty({ example: 1000, minimum: 1, description: 'Số đơn vị cần tạo / how many serialised units' })
  @IsInt({ message: bilingual('phải là số nguyên', 'must be an integer') })
  @Min(1, { message: bilingual('ít nhất 1', 'at least 1') })
  @Max(1_000_000)
  count!: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Ký số từng đơn vị (AI 8030) / sign every unit with the active label key (AI 8030)',
  })
  @IsOptional()
  @IsBoolean({ message: bilingual('true hoặc false', 'true or false') })
  signed?: boolean;
}

export class UnitGenerationView {
  @ApiProperty({ format: 'uuid' }) generationId!: string;
  @ApiProperty({ format: 'uuid' }) batchId!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ description: 'Số thứ tự đầu / first sequence number in the batch' }) firstSeq!: number;
  @ApiProperty() lastSeq!: number;
  @ApiProperty() totalUnits!: number;
  @ApiProperty() signed!: boolean;
  @ApiPropertyOptional() keyId?: string;
}

export class UnitView {
  @ApiProperty() seq!: number;
  @ApiProperty({ example: 'Q7KX9M2P4T6V' }) serial!: string;
  @ApiProperty() digitalLink!: string;
  @ApiProperty() signed!: boolean;
  @ApiPropertyOptional() keyId?: string;
}

export class UnitListQuery {
  @ApiPropertyOptional({ description: 'nextCursor của trang trước / nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 100;
}

export class UnitStatusRequestDto {
  @IsString()
  @Length(14, 14)
  gtin!: string;

  @IsString()
  @Length(1, 20)
  serial!: string;
}
