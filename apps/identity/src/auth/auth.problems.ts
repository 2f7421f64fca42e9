import { bilingual, DomainError } from '@ocop/contracts';

export const AuthProblems = {
  /** The same answer for an unknown identifier and a wrong password, so that it tells nobody which accounts exist. */
  invalidCredentials: () =>
    new DomainError(
      'invalid-credentials',
      401,
      'Invalid credentials',
      'The identifier or the password is wrong.',
    ),
  loginThrottled: (retryAfterSeconds: number) =>
    new DomainError(
      'login-throttled',
      429,
      'Too many failed logins',
      `Try again in ${retryAfterSeconds} s.`,
      {
        retryAfterSeconds,
      },
    ),
  accountLocked: (retryAfterSeconds: number) =>
    new DomainError(
      'account-locked',
      423,
      'Account locked',
      `Too many failed logins; the account is locked for ${Math.ceil(retryAfterSeconds / 60)} min.`,
      { retryAfterSeconds },
    ),
  accountDisabled: () =>
    new DomainError(
      'account-disabled',
      403,
      'Account disabled',
      'This account has been disabled by an administrator.',
    ),
  invalidRefreshToken: () =>
    new DomainError('invalid-refresh-token', 401, 'Invalid refresh token', 'Sign in again.'),
  refreshTokenExpired: () =>
    new DomainError('refresh-token-expired', 401, 'Refresh token expired', 'Sign in again.'),
  refreshTokenRevoked: () =>
    new DomainError('refresh-token-revoked', 401, 'Refresh token revoked', 'Sign in again.'),
  refreshTokenReused: () =>
    new DomainError(
      'refresh-token-reused',
      401,
      'Refresh token reused',
      'This refresh token was already used; every session started from the same login has been signed out.',
    ),
  /** A 400 on the form, not a 401: the session is fine, and a client must not sign its user out. */
  currentPasswordIncorrect: () => {
    const message = bilingual('Mật khẩu hiện tại không đúng.', 'The current password is wrong.');
    return new DomainError(
      'current-password-incorrect',
      400,
      bilingual('Mật khẩu hiện tại không đúng', 'Current password incorrect'),
      message,
      { errors: [{ field: 'currentPassword', message }] },
    );
  },
  /** Keeping the password someone else chose is exactly what a required change must prevent. */
  passwordUnchanged: () => {
    const message = bilingual(
      'Mật khẩu mới phải khác mật khẩu hiện tại.',
      'The new password must differ from the current one.',
    );
    return new DomainError(
      'password-unchanged',
      400,
      bilingual('Mật khẩu không đổi', 'Password unchanged'),
      message,
      { errors: [{ field: 'newPassword', message }] },
    );
  },
  invalidApiKey: () =>
    new DomainError('invalid-api-key', 401, 'Invalid API key', 'The API key is unknown or revoked.'),
};
