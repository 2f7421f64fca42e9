import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'POS cửa hàng Bến Tre', maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;
}

export class ApiKeyView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'First characters of the key, to recognise it', example: 'ocop_ak_3fA9' })
  prefix!: string;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() lastUsedAt?: string;
  @ApiPropertyOptional() revokedAt?: string;
}

export class CreatedApiKey extends ApiKeyView {
  @ApiProperty({ description: 'The key itself. Shown this once: only its hash is stored.' })
  apiKey!: string;
}
