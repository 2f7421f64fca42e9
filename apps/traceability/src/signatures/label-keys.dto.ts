import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { bilingual } from '../common/bilingual';
import type { LabelKeyStatus } from './label-keys.service';

export class RevokeLabelKeyDto {
  @ApiProperty({ example: 'Lộ khóa bí mật do sự cố máy chủ', minLength: 3, maxLength: 1000 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(3, { message: bilingual('ít nhất 3 ký tự', 'at least 3 characters') })
  @MaxLength(1000)
  reason!: string;
}

export class VerifyLabelDto {
  @ApiProperty({
    example: 'http://127.0.0.1:3006/01/08936047000500/10/L1/21/Q7KX9M2P4T6V?17=261231&8030=…',
    description: 'The Digital Link URI read from the label',
  })
  @IsString()
  @MaxLength(2000)
  uri!: string;
}

export class LabelVerificationView {
  @ApiProperty() valid!: boolean;
  @ApiPropertyOptional({ description: 'Key that verified the signature' }) kid?: string;
  @ApiPropertyOptional({ description: 'Why the label does not verify' }) reason?: string;
}

export class LabelKeyAdminView {
  @ApiProperty({ description: 'RFC 7638 thumbprint of the public JWK' }) kid!: string;
  @ApiProperty({ enum: ['EdDSA'] }) alg!: 'EdDSA';
  @ApiProperty({ enum: ['Ed25519'] }) crv!: 'Ed25519';
  @ApiProperty({
    enum: ['active', 'retired', 'revoked'],
    description:
      'active signs new labels; retired signs no more but its labels still verify; revoked: its labels no longer verify (a scan reports a revoked key)',
  })
  status!: LabelKeyStatus;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() retiredAt?: string;
  @ApiPropertyOptional() revokedAt?: string;
  @ApiPropertyOptional({ description: 'Why it was revoked (not published to verifiers)' })
  revokedReason?: string;
  @ApiProperty({ description: 'Serialised units whose labels this key signed' }) signedUnits!: number;
}

export class LabelKeyListView {
  @ApiProperty({ type: [LabelKeyAdminView], description: 'Newest first' }) items!: LabelKeyAdminView[];
}

export class RotatedLabelKeyView {
  @ApiProperty({ description: 'The key that signs from now on' }) kid!: string;
  @ApiPropertyOptional({ description: 'The key it replaces, now retired' }) previousKid?: string;
}

export class PublishedLabelKeysView {
  @ApiProperty({
    type: Object,
    isArray: true,
    description: 'Ed25519 public keys as JWK, newest first, with status',
  })
  keys!: unknown[];
  @ApiProperty({ description: 'What each signature signs' }) signedMessage!: string;
}
