import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PasswordField, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts/account.dto';

export class LoginDto {
  @ApiProperty({
    description: 'E-mail or Vietnamese phone number, as the person types it',
    example: '0912 345 678',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  identifier!: string;

  // No minimum length here: a login checks a password, it does not set one.
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken!: string;
}

export class ApiKeyTokenDto {
  @ApiProperty({ example: 'ocop_ak_…' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  apiKey!: string;
}

export class AcceptInvitationDto extends PasswordField {
  @ApiProperty({ description: 'The invitation token from the invitation e-mail' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;
}

export class AccessTokenResponse {
  @ApiProperty() accessToken!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
}

export class SessionTokenResponse extends AccessTokenResponse {
  @ApiProperty({ description: 'Opaque; exchange it once at /auth/refresh' }) refreshToken!: string;
  @ApiPropertyOptional({
    description:
      'Present (true) when the session may only change the password (POST /me/password); every other call ' +
      'answers 403 password-change-required',
  })
  passwordChangeRequired?: true;
}

export class ChangePasswordDto {
  // No minimum: this checks the password in use, it does not set one.
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword!: string;
}
