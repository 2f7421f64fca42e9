import { ApiProperty } from '@nestjs/swagger';
import { bilingual } from '@ocop/contracts';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { PasswordField } from '../accounts/account.dto';

export class PasswordResetRequestDto {
  @ApiProperty({
    example: 'ba.nguyen@example.vn',
    description: 'The e-mail of the account: the link goes there',
  })
  @IsEmail({}, { message: bilingual('không phải địa chỉ e-mail', 'is not an e-mail address') })
  @MaxLength(254)
  email!: string;
}

export class PasswordResetConfirmDto extends PasswordField {
  @ApiProperty({ description: 'The token from the reset e-mail' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;
}

/** The one answer every reset request gets, whether or not an account has the address (no enumeration). */
export class PasswordResetRequested {
  @ApiProperty({ enum: ['requested'] }) status!: 'requested';
  @ApiProperty() message!: string;
}

export const RESET_REQUESTED: PasswordResetRequested = {
  status: 'requested',
  message: bilingual(
    'Nếu địa chỉ này thuộc một tài khoản, liên kết đặt lại mật khẩu đã được gửi tới đó',
    'If this address belongs to an account, a password-reset link has been sent to it',
  ),
};
