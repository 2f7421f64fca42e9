import { DomainError } from '@ocop/contracts';
import { GatewayProblems } from '../gateway.problems';

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds. */
  expiresIn: number;
  passwordChangeRequired?: true;
}

/**
 * The gateway's calls to identity on behalf of a session (login, refresh, logout, who-am-I). Identity's own
 * problems (invalid-credentials, account-locked…) come back to the browser as identity wrote them.
 */
export class IdentityClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs: number,
  ) {}

  login(identifier: unknown, password: unknown, requestId: string): Promise<Tokens> {
    return this.call<Tokens>('POST', '/auth/login', requestId, { body: { identifier, password } });
  }

  refresh(refreshToken: string, requestId: string): Promise<Tokens> {
    return this.call<Tokens>('POST', '/auth/refresh', requestId, { body: { refreshToken } });
  }

  async logout(refreshToken: string, requestId: string): Promise<void> {
    await this.call('POST', '/auth/logout', requestId, { body: { refreshToken } });
  }

  async logoutEverywhere(accessToken: string, requestId: string): Promise<void> {
    await this.call('DELETE', '/me/sessions', requestId, { token: accessToken });
  }

  /** Identity ends every other session of the account and starts a new one: its tokens come back. */
  changePassword(
    accessToken: string,
    currentPassword: unknown,
    newPassword: unknown,
    requestId: string,
  ): Promise<Tokens> {
    return this.call<Tokens>('POST', '/me/password', requestId, {
      token: accessToken,
      body: { currentPassword, newPassword },
    });
  }

  me(accessToken: string, requestId: string): Promise<Record<string, unknown>> {
    return this.call('GET', '/me', requestId, { token: accessToken });
  }

  private async call<T>(
    method: string,
    path: string,
    requestId: string,
    { body, token }: { body?: unknown; token?: string },
  ): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          'x-request-id': requestId,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw err instanceof Error && err.name === 'TimeoutError'
        ? GatewayProblems.serviceTimeout('identity')
        : GatewayProblems.serviceUnavailable('identity');
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw GatewayProblems.badGateway('identity');
    }
    if (res.ok) return parsed as T;
    if (DomainError.isProblem(parsed)) throw DomainError.fromProblem(parsed);
    throw GatewayProblems.badGateway('identity');
  }
}
