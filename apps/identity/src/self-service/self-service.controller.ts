import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Public } from '@ocop/service-kit';
import {
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordResetRequested,
  RESET_REQUESTED,
} from './password-reset.dto';
import { PasswordResets } from './password-reset.service';
import { REGISTRATION_RECEIVED, RegistrationDto, RegistrationReceived } from './registration.dto';
import { Registrations } from './registration.service';

/**
 * What a person does without signing in: register a producer, get back into an account. Each route has its own
 * per-address budget per hour (service.ts); the answers never say whether something was registered.
 */
@ApiTags('self-service')
@Public()
@Controller()
export class SelfServiceController {
  constructor(
    private readonly registrations: Registrations,
    private readonly resets: PasswordResets,
  ) {}

  @Post('registrations')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Chủ thể tự đăng ký / a household or an organisation registers itself',
    description:
      'Tạo tài khoản chủ thể và chủ thể "chờ xác minh" cho cán bộ xã xác minh. Câu trả lời luôn giống nhau; nếu e-mail, số điện thoại, mã số thuế hoặc số định danh đã đăng ký, chủ sở hữu được báo qua e-mail / creates a producer account and a pending producer for the commune’s officers to verify. The answer is always the same; when the e-mail, phone, tax code or personal ID was registered before, its owner is told by e-mail',
  })
  @ApiAcceptedResponse({ type: RegistrationReceived })
  @ApiResponse({ status: 400, description: 'validation-failed (field named), password-too-weak' })
  @ApiResponse({ status: 429, description: 'too-many-requests (REGISTRATIONS_PER_ADDRESS_PER_HOUR)' })
  @ApiResponse({ status: 503, description: 'upstream-unavailable: the catalogue could not be asked' })
  async register(@Body() body: RegistrationDto): Promise<RegistrationReceived> {
    await this.registrations.register(body);
    return REGISTRATION_RECEIVED;
  }

  @Post('auth/password-reset')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Quên mật khẩu / ask for a password-reset link by e-mail',
    description:
      'Luôn trả lời giống nhau, dù địa chỉ có tài khoản hay không / always the same answer, whether or not the address has an account',
  })
  @ApiAcceptedResponse({ type: PasswordResetRequested })
  @ApiResponse({ status: 429, description: 'too-many-requests (PASSWORD_RESETS_PER_ADDRESS_PER_HOUR)' })
  async requestReset(@Body() body: PasswordResetRequestDto): Promise<PasswordResetRequested> {
    await this.resets.request(body.email);
    return RESET_REQUESTED;
  }

  @Post('auth/password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Đặt mật khẩu mới bằng liên kết trong e-mail / set a new password with the e-mailed token',
    description:
      'Dùng được một lần; mọi phiên đăng nhập kết thúc / works once; every session of the account ends',
  })
  @ApiNoContentResponse()
  @ApiResponse({ status: 400, description: 'reset-token-invalid, password-too-weak' })
  @ApiResponse({ status: 410, description: 'reset-token-expired' })
  @ApiResponse({ status: 429, description: 'too-many-requests (PASSWORD_RESETS_PER_ADDRESS_PER_HOUR)' })
  confirmReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    return this.resets.confirm(body.token, body.password);
  }
}
