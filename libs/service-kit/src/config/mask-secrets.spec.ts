import { isSecretName, maskConfigValue, maskUrlCredentials } from './mask-secrets';

describe('maskUrlCredentials', () => {
  it.each([
    ['postgres://ocop:hunter2@db:5432/ocop_identity', 'postgres://***@db:5432/ocop_identity'],
    ['postgresql://ocop@db/ocop_identity', 'postgresql://***@db/ocop_identity'],
    ['smtps://mailer:s3cr3t@smtp.example.vn:465', 'smtps://***@smtp.example.vn:465'],
    // Unencoded "@" and "/" in the password: the last "@" ends the userinfo, so nothing of it is left.
    ['postgres://ocop:p@ss/w@rd@db:5432/x', 'postgres://***@db:5432/x'],
    // Invalid URLs are exactly the ones a refusal prints.
    ['postgres://ocop:pass word@db host/x', 'postgres://***@db host/x'],
    ['smtp://user:pa://ss@mail', 'smtp://***@mail'],
    [
      'nats://a:secret-a@n1:4222,nats://b:secret-b@n2:4222,nats://n3:4222',
      'nats://***@n1:4222,nats://***@n2:4222,nats://n3:4222',
    ],
    ['ocop:hunter2@db:5432/ocop', '***@db:5432/ocop'],
  ])('%s → %s', (value, masked) => {
    expect(maskUrlCredentials(value)).toBe(masked);
  });

  it.each([
    'postgres://127.0.0.1:5432/ocop_identity',
    'nats://n1:4222,nats://n2:4222',
    'admin@ocop.vn',
    'OCOP Bến Tre <no-reply@ocop.local>',
    'eighty',
    '',
  ])('leaves %p alone', (value) => {
    expect(maskUrlCredentials(value)).toBe(value);
  });
});

describe('maskConfigValue', () => {
  it('hides the whole value of a secret variable', () => {
    expect(maskConfigValue('KEY_ENCRYPTION_SECRET', 'too-short')).toBe('***');
    expect(maskConfigValue('BOOTSTRAP_ADMIN_PASSWORD', 'postgres://x')).toBe('***');
    expect(maskConfigValue('ANY_NAME', 'plain value', true)).toBe('***');
  });

  it('masks only credentials in other variables', () => {
    expect(maskConfigValue('DATABASE_URL', 'postgres://u:p@db/x')).toBe('postgres://***@db/x');
    expect(maskConfigValue('PORT', '70000')).toBe('70000');
  });
});

describe('isSecretName', () => {
  it.each([
    'KEY_ENCRYPTION_SECRET',
    'LABEL_KEY_ENCRYPTION_SECRET',
    'SCAN_CLIENT_SECRET',
    'BOOTSTRAP_ADMIN_PASSWORD',
    'SMTP_PASSWORD',
    'GITHUB_TOKEN',
    'SIGNING_PRIVATE_KEY_PEM',
    'SCAN_CLIENT_SECRET_FILE',
    'API_KEY',
    'MAPS_APIKEY',
  ])('%s is a secret', (name) => expect(isSecretName(name)).toBe(true));

  it.each([
    'DATABASE_URL',
    'PORT',
    'BOOTSTRAP_ADMIN_EMAIL',
    'CACHE_MAX_ENTRIES',
    'LABEL_QR_MASK',
    'KEYS_DIR',
  ])('%s is not', (name) => expect(isSecretName(name)).toBe(false));
});
