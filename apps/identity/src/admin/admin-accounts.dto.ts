import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AccountStatus, ACCOUNT_STATUSES, Language, LANGUAGES, Role, ROLES } from '@ocop/contracts';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import {
  AccountView,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  RoleBindingDto,
} from '../accounts/account.dto';
import { PageQuery } from '@ocop/service-kit';

export class CreateAccountDto extends RoleBindingDto {
  @ApiPropertyOptional({ example: 'an.nguyen@example.vn' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '0912 345 678', description: 'Vietnamese number; stored as +84…' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  phone?: string;

  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'vi' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language: Language = 'vi';

  @ApiPropertyOptional({
    description:
      'Initial password. Without one the account is invited: the invitation link is e-mailed (an e-mail is then required).',
    minLength: PASSWORD_MIN_LENGTH,
  })
  @IsOptional()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class DisableAccountDto {
  @ApiProperty({ example: 'Hộ sản xuất ngừng hoạt động' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason!: string;
}

export class AccountListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: ACCOUNT_STATUSES })
  @IsOptional()
  @IsIn(ACCOUNT_STATUSES)
  status?: AccountStatus;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the accounts that act for this producer' })
  @IsOptional()
  @IsUUID()
  producerId?: string;
}

/** The people of one producer: who acts for it, and where each one's invitation stands. */
export class ProducerPeopleQuery extends PageQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  producerId!: string;
}

/**
 * An account as administrators see it: with the lock failed logins put on it while the lock lasts, and an invited
 * account's invitation expiry.
 */
export class AdminAccountView extends AccountView {
  @ApiPropertyOptional({
    description:
      'Present while too many failed logins keep the account locked: when the lock runs out by itself (POST …/unlock lifts it sooner)',
  })
  lockedUntil?: string;

  @ApiPropertyOptional({
    description:
      'Present while the account is invited: when its latest invitation stops working, in the past once it has expired (POST …/invitation sends a new one)',
  })
  invitationExpiresAt?: string;
}

export class CreatedAccount {
  @ApiProperty({ type: AdminAccountView }) account!: AdminAccountView;
  @ApiPropertyOptional({
    description:
      'For POST /auth/accept-invite. Outside production only (development, tests): production only e-mails it. Only its hash is stored.',
  })
  invitationToken?: string;
}

/** A new invitation's answer: the account as it is now, as a creation answers it. */
export class ReissuedInvitation extends CreatedAccount {}

export class AccountPage {
  @ApiProperty({ type: AdminAccountView, isArray: true }) items!: AdminAccountView[];
  @ApiPropertyOptional() nextCursor?: string;
}
