import { SetMetadata } from '@nestjs/common';
import { bilingual, DomainError } from '@ocop/contracts';

export const OPEN_BEFORE_PASSWORD_CHANGE = 'ocop:open-before-password-change';

/**
 * The route serves a session whose password must change first (the bootstrap admin's first login): changing the
 * password itself. Every other route answers such a session 403 password-change-required, on every service.
 */
export const OpenBeforePasswordChange = () => SetMetadata(OPEN_BEFORE_PASSWORD_CHANGE, true);

export const passwordChangeRequired = () =>
  new DomainError(
    'password-change-required',
    403,
    bilingual('Cần đổi mật khẩu', 'Password change required'),
    bilingual(
      'Mật khẩu này do người khác đặt: hãy đổi mật khẩu (POST /me/password ở dịch vụ identity) trước khi làm việc khác.',
      'Someone else chose this password: change it (POST /me/password on identity) before doing anything else.',
    ),
  );
