import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** log2 of N, the CPU/memory cost. */
  costLog2: number;
  blockSize: number;
  parallelization: number;
}

const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
// $scrypt$ln=15,r=8,p=3$<salt>$<hash>, salt and hash in unpadded base64: PHC string format, so that each hash
// names the parameters it was made with and raising them later leaves old hashes verifiable.
const ENCODED = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.costLog2;
  const options: ScryptOptions = {
    N,
    r: params.blockSize,
    p: params.parallelization,
    // scrypt needs 128·N·r bytes; Node's default ceiling (32 MiB) is exactly that at N=2^15, r=8, so leave room.
    maxmem: 256 * N * params.blockSize,
  };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const b64 = (buffer: Buffer) => buffer.toString('base64').replace(/=+$/, '');

/**
 * Passwords are hashed with scrypt: memory-hard, so guessing on GPUs is expensive, and built into Node, so there
 * is no native dependency. OWASP's parameters by default (N=2^15, r=8, p=3).
 */
export class PasswordHasher {
  constructor(readonly params: ScryptParams) {}

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_LENGTH);
    const key = await derive(password, salt, this.params);
    const { costLog2, blockSize, parallelization } = this.params;
    return `$scrypt$ln=${costLog2},r=${blockSize},p=${parallelization}$${b64(salt)}$${b64(key)}`;
  }

  /** False for a wrong password and for a hash this code cannot read; it never throws on bad input. */
  async verify(password: string, encoded: string): Promise<boolean> {
    const parsed = parse(encoded);
    if (!parsed) return false;
    const key = await derive(password, parsed.salt, parsed.params);
    return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  }

  /** A hash made with weaker parameters than today's is replaced at the next successful login. */
  needsRehash(encoded: string): boolean {
    const parsed = parse(encoded);
    if (!parsed) return true;
    const { costLog2, blockSize, parallelization } = parsed.params;
    return (
      costLog2 < this.params.costLog2 ||
      blockSize < this.params.blockSize ||
      parallelization < this.params.parallelization
    );
  }
}

function parse(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const match = ENCODED.exec(encoded);
  if (!match) return undefined;
  const [, ln, r, p, salt, key] = match;
  const params = { costLog2: Number(ln), blockSize: Number(r), parallelization: Number(p) };
  // Bounds keep a corrupted or hostile row from asking for gigabytes of memory.
  if (params.costLog2 < 1 || params.costLog2 > 22 || params.blockSize < 1 || params.parallelization < 1)
    return undefined;
  return { params, salt: Buffer.from(salt, 'base64'), key: Buffer.from(key, 'base64') };
}
