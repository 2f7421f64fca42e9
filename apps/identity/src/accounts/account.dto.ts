import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccountStatus, Language, LANGUAGES, Role, ROLES } from '@ocop/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

/** GSO codes: province 2 digits, district 3, commune 5. */
export class TerritoryScopeDto {
  @ApiProperty({ example: '83' })
  @Matches(/^\d{2}$/, { message: 'must be a 2-digit province code' })
  provinceCode!: string;

  @ApiPropertyOptional({ example: '831' })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'must be a 3-digit district code' })
  districtCode?: string;

  @ApiPropertyOptional({ example: '28756' })
  @IsOptional()
  @Matches(/^\d{5}$/, { message: 'must be a 5-digit commune code' })
  communeCode?: string;
}

/** Roles and what they need: shared by account creation and role changes. */
export class RoleBindingDto {
  @ApiProperty({ enum: ROLES, isArray: true, example: ['producer'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({ description: 'Required for, and only for, the producer role', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  producerId?: string;

  @ApiPropertyOptional({
    type: TerritoryScopeDto,
    description: 'Required for officers; allowed for council members',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => TerritoryScopeDto)
  scope?: TerritoryScopeDto;
}

export class PasswordField {
  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class AccountView {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional({ example: '+84912345678' }) phone?: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: LANGUAGES }) language!: Language;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
  @ApiPropertyOptional({ format: 'uuid' }) producerId?: string;
  @ApiPropertyOptional({ type: TerritoryScopeDto }) scope?: TerritoryScopeDto;
  @ApiProperty({ enum: ['active', 'invited', 'disabled'] }) status!: AccountStatus;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional() disabledAt?: string;
  @ApiPropertyOptional() disabledReason?: string;
  @ApiPropertyOptional({
    description: 'Present (true) until the owner changes a password someone else chose',
  })
  passwordChangeRequired?: true;
}
