import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { bilingual, Language, LANGUAGES, ProducerType } from '@ocop/contracts';
import { PRODUCER_TYPE_CODES } from '@ocop/ocop-domain';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../accounts/account.dto';

const say = (vi: string, en: string) => ({ message: bilingual(vi, en) });

/**
 * What a household or an organisation gives to register itself (decision 0034). The catalogue's rules apply to
 * the producer fields (the tax code of the type, a commune of the map in force); the registration service
 * checks the ones that depend on each other.
 */
export class RegistrationDto {
  @ApiProperty({
    enum: PRODUCER_TYPE_CODES,
    description:
      'Hộ gia đình, tổ hợp tác, hợp tác xã, doanh nghiệp / household, cooperative group, cooperative, enterprise',
  })
  @IsIn(
    PRODUCER_TYPE_CODES,
    say('phải là một loại hình chủ thể', `must be one of ${PRODUCER_TYPE_CODES.join(', ')}`),
  )
  type!: ProducerType;

  @ApiProperty({
    example: '1300123456',
    description:
      'Mã số thuế (10 chữ số, hoặc 10-3 cho đơn vị phụ thuộc); hộ gia đình: số định danh cá nhân (CCCD, 12 chữ số) hoặc mã số thuế hộ / tax code (10 digits, or 10-3 for a dependent unit); households: the 12-digit personal ID (CCCD) or their tax code',
  })
  @IsString(say('phải là chuỗi ký tự', 'must be a string'))
  @MaxLength(20, say('quá dài', 'is too long'))
  taxCode!: string;

  @ApiProperty({ example: 'Hộ kinh doanh Nguyễn Văn Ba', description: 'Tên pháp lý / legal name' })
  @IsString(say('phải là chuỗi ký tự', 'must be a string'))
  @MinLength(1, say('bắt buộc', 'is required'))
  @MaxLength(200, say('tối đa 200 ký tự', 'at most 200 characters'))
  name!: string;

  @ApiProperty({
    example: '28756',
    description:
      'Mã xã/phường (GSO) trên bản đồ hành chính đang có hiệu lực / commune code on the map in force',
  })
  @IsString(say('phải là chuỗi ký tự', 'must be a string'))
  @Matches(/^\d{5}$/, say('mã xã gồm 5 chữ số', 'a commune code is 5 digits'))
  communeCode!: string;

  @ApiProperty({
    example: 'Nguyễn Văn Ba',
    description: 'Họ tên người đăng ký (người đại diện) / the registering person (legal representative)',
  })
  @IsString(say('phải là chuỗi ký tự', 'must be a string'))
  @MinLength(1, say('bắt buộc', 'is required'))
  @MaxLength(100, say('tối đa 100 ký tự', 'at most 100 characters'))
  fullName!: string;

  @ApiPropertyOptional({
    example: 'ba.nguyen@example.vn',
    description: 'E-mail hoặc điện thoại, ít nhất một / e-mail or phone, at least one',
  })
  @IsOptional()
  @IsEmail({}, say('không phải địa chỉ e-mail', 'is not an e-mail address'))
  @MaxLength(254, say('tối đa 254 ký tự', 'at most 254 characters'))
  email?: string;

  @ApiPropertyOptional({ example: '0912 345 678' })
  @IsOptional()
  @IsString(say('phải là chuỗi ký tự', 'must be a string'))
  @MaxLength(30, say('tối đa 30 ký tự', 'at most 30 characters'))
  phone?: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString(say('phải là chuỗi ký tự', 'must be a string'))
  @MinLength(
    PASSWORD_MIN_LENGTH,
    say(`ít nhất ${PASSWORD_MIN_LENGTH} ký tự`, `at least ${PASSWORD_MIN_LENGTH} characters`),
  )
  @MaxLength(
    PASSWORD_MAX_LENGTH,
    say(`tối đa ${PASSWORD_MAX_LENGTH} ký tự`, `at most ${PASSWORD_MAX_LENGTH} characters`),
  )
  password!: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'vi' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language: Language = 'vi';
}

/** The one answer every registration gets, whatever was already registered (no enumeration). */
export class RegistrationReceived {
  @ApiProperty({ enum: ['received'] }) status!: 'received';
  @ApiProperty() message!: string;
}

export const REGISTRATION_RECEIVED: RegistrationReceived = {
  status: 'received',
  message: bilingual(
    'Đã nhận đăng ký. Nếu thông tin chưa từng đăng ký, bạn đăng nhập được ngay bằng e-mail hoặc số điện thoại và mật khẩu vừa chọn; cán bộ xã sẽ xác minh chủ thể. Nếu đã đăng ký trước đó, chủ tài khoản được báo qua e-mail',
    'Registration received. If these details were not registered before, you can sign in now with your e-mail or phone and the password you chose; an officer of your commune will verify the producer. If they were, their owner is told by e-mail',
  ),
};
