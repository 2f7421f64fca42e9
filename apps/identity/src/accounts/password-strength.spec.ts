import { DomainError } from '@ocop/contracts';
import { PUBLISHED_SECRETS } from '@ocop/service-kit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountWords, PASSWORD_MIN_SCORE, PasswordStrength } from './password-strength';

// What npm start seeds (README lists it): read as data, since an app does not import another app's code.
const demoAccounts = JSON.parse(
  readFileSync(join(__dirname, '../../../platform-e2e/src/story/demo-accounts.json'), 'utf8'),
) as Record<'staff' | 'producers', { email: string; displayName: string; password: string }[]>;

const strength = new PasswordStrength();
const production = new PasswordStrength(PUBLISHED_SECRETS);
const an = accountWords({
  email: 'an.nguyen@example.vn',
  phone: '+84903871526',
  displayName: 'Nguyễn Văn An',
});

const problemOf = (check: () => void): DomainError => {
  try {
    check();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('the password was accepted');
};

describe('PasswordStrength', () => {
  // The examples, the breached-list favourites, and Vietnamese ones an English list does not know.
  it.each([
    'aaaaaaaaaa',
    '1234567890',
    'Password123!',
    'qwertyuiop',
    'iloveyou12',
    'matkhau@2024',
    'mật khẩu 2024',
    'anhyeuem123',
    'Bến Tre 2024!',
    'bentre2024!',
    'Ocop@123456',
    'keodua2024!',
  ])('refuses %p', (password) => {
    expect(strength.assess(password, an)).toMatchObject({ acceptable: false });
  });

  it.each(['nguyenvanan1990', 'an.nguyen2024', '0903871526!', 'Nguyễn Văn An 1990'])(
    "refuses %p, built from the account's own e-mail, phone or name",
    (password) => {
      const assessment = strength.assess(password, an);
      expect(assessment.acceptable).toBe(false);
      // The same password is fine for someone else: it is the account's words that make it weak.
      expect(strength.assess(password, []).score).toBeGreaterThan(assessment.score);
    },
  );

  it.each([
    'correct horse battery staple',
    'mật khẩu của An 2024',
    'Abcdefgh-1234!',
    'Lúa chín vàng ở Chợ Lách',
  ])('accepts %p', (password) => {
    expect(strength.assess(password, an)).toMatchObject({ acceptable: true });
  });

  it("accepts the demo accounts' passwords in development, and refuses them (and variants) in production", () => {
    const demo = [
      { email: 'admin@ocop.local', displayName: 'Administrator', password: 'Admin-ocop-2026!' },
      ...demoAccounts.staff,
      ...demoAccounts.producers,
    ];
    for (const account of demo) {
      expect(strength.assess(account.password, accountWords(account)).acceptable).toBe(true);
      expect(production.assess(account.password)).toMatchObject({ acceptable: false, score: 0 });
    }
    expect(production.assess('officer-ocop-2026!!').acceptable).toBe(false);
  });

  it('answers 400 password-too-weak naming the field, in Vietnamese then English, with the reason', () => {
    const problem = problemOf(() => strength.assertAcceptable('1234567890', [], 'newPassword'));
    const body = problem.toProblem();
    expect(body).toMatchObject({
      status: 400,
      code: 'password-too-weak',
      title: 'Mật khẩu quá yếu / Password too weak',
      minScore: PASSWORD_MIN_SCORE,
      score: 0,
      errors: [{ field: 'newPassword', message: body.detail }],
    });
    expect(body.detail).toMatch(
      /^Mật khẩu quá dễ đoán.*Đây là mật khẩu bị dùng rất nhiều\..* \/ The password/,
    );
    expect(body.detail).toContain('This is a frequently used password.');
  });

  it('says why a published password is refused', () => {
    const body = problemOf(() => production.assertAcceptable(' Admin-ocop-2026! ', [])).toProblem();
    expect(body.detail).toContain('được công bố trong mã nguồn');
    expect(body.detail).toContain("published in the platform's source code");
  });
});

describe('accountWords', () => {
  it('folds the e-mail, its parts, the phone in both forms and the name', () => {
    expect(an).toEqual(
      expect.arrayContaining([
        'an.nguyen@example.vn',
        'nguyen',
        '84903871526',
        '0903871526',
        'nguyenvanan',
        'van',
      ]),
    );
  });
});
