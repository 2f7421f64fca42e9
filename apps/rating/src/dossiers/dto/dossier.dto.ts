import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHECKLIST_CODES, DOSSIER_STATUSES } from '@ocop/ocop-domain';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { QueuePageQuery } from '@ocop/service-kit';

const trim = Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The registration form ("phiếu đăng ký sản phẩm") in the fields councils read. */
export class RegistrationDto {
  @ApiProperty({ example: 'Kẹo dừa sầu riêng lá dứa' })
  @trim
  @IsString()
  @Length(1, 200)
  productNameVi!: string;

  @ApiProperty({ example: 'Nguyễn Thị Mai', description: 'Người đại diện / legal representative' })
  @trim
  @IsString()
  @Length(1, 200)
  representative!: string;

  @ApiProperty({ example: '0275 3822 123' })
  @trim
  @IsString()
  @Length(6, 30)
  phone!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: 'Phường 7, TP. Bến Tre' })
  @IsOptional()
  @trim
  @IsString()
  @Length(1, 300)
  address?: string;

  @ApiPropertyOptional({ example: 120, description: 'Sản lượng/năm / yearly output' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  annualOutput?: number;

  @ApiPropertyOptional({ example: 'tấn' })
  @IsOptional()
  @trim
  @IsString()
  @Length(1, 30)
  outputUnit?: string;

  @ApiPropertyOptional({ example: ['Trong tỉnh', 'Xuất khẩu'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  markets?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @trim
  @IsString()
  @Length(1, 4000)
  description?: string;
}

export type Registration = RegistrationDto;

export class CreateDossierDto {
  @ApiProperty()
  @IsUUID('all')
  productId!: string;

  @ApiPropertyOptional({
    example: 'che-bien-thit-trung-sua',
    description:
      "Set of the round's decision, only where the product's QĐ 148 set matches several (GET /rubrics lists the codes)",
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9-]{1,80}$/)
  rubricSetCode?: string;

  @ApiPropertyOptional({
    example: '1',
    description: 'The case scored, on a sheet that offers alternatives (set 26: 1 community, 2 tourist site)',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,2}$/)
  rubricCase?: string;

  @ApiProperty({ type: RegistrationDto })
  @ValidateNested()
  @Type(() => RegistrationDto)
  registration!: RegistrationDto;
}

export class UpdateDossierDto {
  @ApiPropertyOptional({ type: RegistrationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => RegistrationDto)
  registration?: RegistrationDto;

  @ApiPropertyOptional({
    description:
      'Tự đánh giá: mã tiêu chí → số thứ tự phương án (0…), hoặc null / criterion key → option index, or null',
    example: { 'A.1.1': 2, 'A.1.2': null },
  })
  @IsOptional()
  @IsObject()
  selfAssessment?: Record<string, number | null>;
}

export class ItemRequestDto {
  @ApiProperty({ enum: CHECKLIST_CODES })
  @IsIn(CHECKLIST_CODES)
  code!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @trim
  @IsString()
  @Length(1, 1000)
  comment?: string;

  @ApiPropertyOptional({
    example: '2025-04-30',
    description: 'Hạn bổ sung minh chứng / supplementary evidence due',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE)
  supplementDueOn?: string;
}

export class ReturnDossierDto {
  @ApiProperty({ example: 'Thiếu phiếu kiểm nghiệm / Test results missing' })
  @trim
  @IsString()
  @Length(1, 2000)
  comment!: string;

  @ApiPropertyOptional({ type: [ItemRequestDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ItemRequestDto)
  items?: ItemRequestDto[];
}

export class AcceptDossierDto {
  @ApiPropertyOptional({ type: [ItemRequestDto], description: 'Items accepted with evidence still to come' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => ItemRequestDto)
  items?: ItemRequestDto[];
}

export class ReasonDto {
  @ApiProperty()
  @trim
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

/** `sort=waiting`: from the dossier submitted longest ago (a draft counts from its creation). */
export class DossierListQuery extends QueuePageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  roundId?: string;

  @ApiPropertyOptional({ enum: DOSSIER_STATUSES })
  @IsOptional()
  @IsIn(DOSSIER_STATUSES)
  status?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID('all')
  productId?: string;
}

export class IntakeDto {
  @ApiPropertyOptional({ description: 'Forwarded results to take in; all eligible ones when omitted' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  resultIds?: string[];

  @ApiPropertyOptional({
    description:
      'Dossiers proposed by a review-only level (the commune under QĐ 1489) to take in; all of them when omitted',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  dossierIds?: string[];
}
