import { PasswordHasher } from './password-hasher';

// Low cost keeps the unit test fast; the parameters travel in the hash, which is what is being tested.
const fast = new PasswordHasher({ costLog2: 10, blockSize: 8, parallelization: 1 });

describe('PasswordHasher', () => {
  it('verifies the right password and rejects a wrong one', async () => {
    const hash = await fast.hash('mật khẩu đủ dài');
    expect(hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    await expect(fast.verify('mật khẩu đủ dài', hash)).resolves.toBe(true);
    await expect(fast.verify('mật khẩu đủ dài!', hash)).resolves.toBe(false);
  });

  it('salts every hash', async () => {
    expect(await fast.hash('same password')).not.toBe(await fast.hash('same password'));
  });

  it('treats composed and decomposed Vietnamese as the same password', async () => {
    const composed = 'Hà Nội 2024'.normalize('NFC');
    const hash = await fast.hash(composed);
    await expect(fast.verify(composed.normalize('NFD'), hash)).resolves.toBe(true);
  });

  it('verifies hashes made with other parameters, and asks to rehash weaker ones', async () => {
    const stronger = new PasswordHasher({ costLog2: 11, blockSize: 8, parallelization: 1 });
    const old = await fast.hash('kept across an upgrade');
    await expect(stronger.verify('kept across an upgrade', old)).resolves.toBe(true);
    expect(stronger.needsRehash(old)).toBe(true);
    expect(fast.needsRehash(await stronger.hash('x'))).toBe(false);
  });

  it('answers false, without throwing, for unreadable or absurd hashes', async () => {
    await expect(fast.verify('pw', 'plain-text')).resolves.toBe(false);
    await expect(fast.verify('pw', '$scrypt$ln=40,r=8,p=1$c2FsdA$a2V5')).resolves.toBe(false);
  });
});
