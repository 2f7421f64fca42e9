import { Injectable } from '@nestjs/common';
import { AccessTokenClaims } from '@ocop/auth';
import { SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { Account, scopeOf } from '../accounts/account.entity';
import { Clock } from '../common/clock';
import { IdentityConfig } from '../config';
import { SigningKeys } from '../keys/signing-keys.service';

export interface IssuedAccessToken {
  accessToken: string;
  expiresIn: number;
}

/** Signs the short-lived JWTs every service verifies against identity's JWKS. */
@Injectable()
export class AccessTokens {
  constructor(
    private readonly keys: SigningKeys,
    private readonly clock: Clock,
    private readonly config: IdentityConfig,
  ) {}

  /** `viaApiKey`: the token is exchanged for an API key, and says so (services refuse it what only a person may do). */
  async issue(account: Account, { viaApiKey = false } = {}): Promise<IssuedAccessToken> {
    const key = await this.keys.active();
    const scope = scopeOf(account);
    const claims: AccessTokenClaims = {
      roles: account.roles,
      ...(account.producerId ? { producer_id: account.producerId } : {}),
      ...(scope ? { scope } : {}),
      lang: account.language,
      ...(account.passwordChangeRequired ? { password_change_required: true } : {}),
      ...(viaApiKey ? { api_key: true } : {}),
    };
    const issuedAt = Math.floor(this.clock.now().getTime() / 1000);
    const expiresIn = this.config.ACCESS_TOKEN_TTL_SECONDS;
    const accessToken = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setSubject(account.id)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + expiresIn)
      .sign(key.privateKey);
    return { accessToken, expiresIn };
  }
}
