import { Injectable } from '@nestjs/common';
import { Account } from '../accounts/account.entity';
import { AccountsService } from '../accounts/accounts.service';
import { parseIdentifier } from '../accounts/identifiers';
import { PasswordHasher } from '../accounts/password-hasher';
import { newSecret } from '../common/secrets';
import { ApiKeysService } from '../api-keys/api-keys.service';
import { AccessTokens } from './access-tokens.service';
import { AccessTokenResponse, SessionTokenResponse } from './auth.dto';
import { AuthProblems } from './auth.problems';
import { accountSubject, LoginAttemptsService } from './login-attempts.service';
import { RefreshTokens } from './refresh-tokens.service';

/** Password login, refresh, logout and the API-key exchange: everything that hands out tokens. */
@Injectable()
export class LoginService {
  /** Checked against when there is no account (or no password yet), so both cases take as long as a real one. */
  private dummyHash?: Promise<string>;

  constructor(
    private readonly accounts: AccountsService,
    private readonly hasher: PasswordHasher,
    private readonly attempts: LoginAttemptsService,
    private readonly accessTokens: AccessTokens,
    private readonly refreshTokens: RefreshTokens,
    private readonly apiKeys: ApiKeysService,
  ) {}

  async login(identifierInput: string, password: string): Promise<SessionTokenResponse> {
    const identifier = parseIdentifier(identifierInput);
    const account = identifier ? await this.accounts.findByIdentifier(identifier) : null;
    // Unknown identifiers are counted too, under their own subject, so throttling answers the same for both.
    const subject = account
      ? accountSubject(account.id)
      : `identifier:${identifier?.value ?? identifierInput.trim().toLowerCase()}`;
    await this.attempts.begin(subject);

    const passwordHash = account?.passwordHash ?? (await this.dummy());
    const passwordMatches = await this.hasher.verify(password, passwordHash);
    if (!account?.passwordHash || !passwordMatches) throw AuthProblems.invalidCredentials();
    await this.attempts.succeeded(subject);
    // Only someone who knows the password learns that the account is disabled.
    if (account.status === 'disabled') throw AuthProblems.accountDisabled();
    if (this.hasher.needsRehash(account.passwordHash)) {
      await this.accounts.replacePasswordHash(account.id, await this.hasher.hash(password));
    }
    const refreshToken = await this.refreshTokens.startFamily(account.id);
    return this.session(account, refreshToken);
  }

  async refresh(token: string): Promise<SessionTokenResponse> {
    const { accountId, refreshToken } = await this.refreshTokens.exchange(token);
    const account = await this.accounts.findById(accountId);
    if (!account || account.status !== 'active') throw AuthProblems.accountDisabled();
    // Roles are read afresh, so a role change reaches the account at its next refresh.
    return this.session(account, refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.refreshTokens.revokeFamilyOf(refreshToken);
  }

  logoutEverywhere(accountId: string): Promise<void> {
    return this.refreshTokens.revokeAllSessionsOf(accountId);
  }

  async exchangeApiKey(apiKey: string): Promise<AccessTokenResponse> {
    const { accessToken, expiresIn } = await this.accessTokens.issue(
      await this.apiKeys.authenticate(apiKey),
      {
        viaApiKey: true,
      },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  /** The tokens of a session, saying so when all it may do is change the password. */
  async session(account: Account, refreshToken: string): Promise<SessionTokenResponse> {
    return {
      ...(await this.accessTokenFor(account)),
      refreshToken,
      ...(account.passwordChangeRequired ? { passwordChangeRequired: true } : {}),
    };
  }

  private async accessTokenFor(account: Account): Promise<AccessTokenResponse> {
    const { accessToken, expiresIn } = await this.accessTokens.issue(account);
    return { accessToken, tokenType: 'Bearer', expiresIn };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(newSecret());
    return this.dummyHash;
  }
}
