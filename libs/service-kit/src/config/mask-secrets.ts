/**
 * What a refusal may print of a configuration value. A refusal goes to the console, the container log and
 * whatever collects them, so a secret printed there is a secret published: the value of a secret variable is
 * never shown, and credentials inside a URL (`postgres://user:password@host`, `smtp://user:password@mail`) are
 * replaced by `***` in every other variable.
 */
export const MASK = '***';

/**
 * Variable names that hold secrets by convention: the secret word ends the name (KEY_ENCRYPTION_SECRET,
 * SMTP_PASSWORD, GITHUB_TOKEN, SIGNING_PRIVATE_KEY_PEM), so that settings about secrets (ACCESS_TOKEN_TTL_SECONDS,
 * PASSWORD_SCRYPT_COST_LOG2) stay readable. Config properties marked @ProductionSecret are secret whatever their
 * name; the pattern covers secrets whose variable forgot the decorator.
 */
const SECRET_NAME =
  /(SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIALS?|API_?KEY|PRIVATE_KEY)(_FILE|_PEM|_B64|_BASE64)?$/i;

export const isSecretName = (name: string): boolean => SECRET_NAME.test(name);

// A scheme at the start, or after a comma or a space, starts a URL: a list (NATS_URL) holds several, each with its
// own credentials. A "://" elsewhere may be inside a password, and must not end the masked part early.
const SCHEME = /(?<=^|[,\s])[a-z][a-z0-9+.-]*:\/\//gi;

/**
 * Everything between a URL's `scheme://` and the last `@` before the next URL is its userinfo. The value being
 * printed is the one that failed validation, so it is often not a well-formed URL (a space, an unencoded `@` or
 * `/` in the password): the cut is textual, and the last `@` wins so that no piece of a password survives.
 * Without a scheme, `user:password@host` is masked the same way; `name@example.vn` (no colon) is left alone.
 */
export function maskUrlCredentials(value: string): string {
  const starts = [...value.matchAll(SCHEME)].map((m) => ({ at: m.index, length: m[0].length }));
  const pieces: string[] = [];
  const head = value.slice(0, starts[0]?.at ?? value.length);
  const headAt = head.lastIndexOf('@');
  pieces.push(headAt > 0 && head.slice(0, headAt).includes(':') ? `${MASK}${head.slice(headAt)}` : head);
  starts.forEach((start, i) => {
    const piece = value.slice(start.at, starts[i + 1]?.at ?? value.length);
    const at = piece.lastIndexOf('@');
    pieces.push(at >= start.length ? `${piece.slice(0, start.length)}${MASK}${piece.slice(at)}` : piece);
  });
  return pieces.join('');
}

/** A configuration value as a refusal may print it. */
export function maskConfigValue(name: string, value: string, secret = isSecretName(name)): string {
  return secret ? MASK : maskUrlCredentials(value);
}
