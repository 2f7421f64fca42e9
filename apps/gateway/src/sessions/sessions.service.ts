import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decodeJwt } from 'jose';
import { DataSource, EntityManager } from 'typeorm';
import { GatewayConfig } from '../config';
import { GatewayProblems } from '../gateway.problems';
import { IdentityClient, Tokens } from './identity-client';
import { SessionCrypto } from './session-crypto';

interface Row {
  id_hash: string;
  account_id: string;
  refresh_token: string;
  access_token: string;
  access_expires_at: Date;
  last_used_at: Date;
  expires_at: Date;
}

/** A live session as a request uses it: the access token to attach and when the session ends. */
export interface ActiveSession {
  accountId: string;
  accessToken: string;
  idleExpiresAt: Date;
  expiresAt: Date;
}

/** Touching last_used_at on every call would write on every read; a minute's slack is nothing against hours. */
const TOUCH_AFTER_MS = 60_000;

/**
 * Browser sessions held for identity's tokens (backend-for-frontend, decision 0050): the refresh token never
 * leaves this table, the access token only goes to the services, and the browser holds a random id.
 */
@Injectable()
export class SessionsService {
  private readonly crypto: SessionCrypto;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: GatewayConfig,
    private readonly identity: IdentityClient,
  ) {
    this.crypto = new SessionCrypto(config.SESSION_SECRET);
  }

  csrfTokenOf(sessionId: string): string {
    return this.crypto.csrfTokenOf(sessionId);
  }

  csrfTokenFits(sessionId: string, presented: string | undefined): boolean {
    return this.crypto.csrfTokenFits(sessionId, presented);
  }

  /** Signs in at identity and opens a session: returns the id for the cookie, and identity's answer minus tokens. */
  async open(
    identifier: unknown,
    password: unknown,
    requestId: string,
  ): Promise<{ sessionId: string; session: ActiveSession; passwordChangeRequired: boolean }> {
    const tokens = await this.identity.login(identifier, password, requestId);
    const sessionId = SessionCrypto.newSessionId();
    const now = new Date();
    const accountId = accountOf(tokens.accessToken);
    const expiresAt = new Date(now.getTime() + this.config.SESSION_ABSOLUTE_SECONDS * 1000);
    await this.dataSource.query(
      `INSERT INTO gateway_sessions
         (id_hash, account_id, refresh_token, access_token, access_expires_at, created_at, last_used_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $6, $7)`,
      [
        SessionCrypto.hashOf(sessionId),
        accountId,
        this.crypto.seal(tokens.refreshToken),
        this.crypto.seal(tokens.accessToken),
        accessExpiry(tokens, now),
        now,
        expiresAt,
      ],
    );
    return {
      sessionId,
      session: { accountId, accessToken: tokens.accessToken, idleExpiresAt: this.idleEnd(now), expiresAt },
      passwordChangeRequired: tokens.passwordChangeRequired === true,
    };
  }

  /**
   * The session behind a cookie, with an access token good for at least ACCESS_TOKEN_REFRESH_MARGIN_SECONDS more:
   * refreshed at identity first when needed. 401 when there is none or it has ended (idle, absolute, revoked).
   */
  async use(sessionId: string, requestId: string): Promise<ActiveSession> {
    const idHash = SessionCrypto.hashOf(sessionId);
    const rows: Row[] = await this.dataSource.query(`SELECT * FROM gateway_sessions WHERE id_hash = $1`, [
      idHash,
    ]);
    const row = rows[0];
    if (!row) throw GatewayProblems.unauthenticated();
    const now = new Date();
    if (this.ended(row, now)) {
      await this.dataSource.query(`DELETE FROM gateway_sessions WHERE id_hash = $1`, [idHash]);
      throw GatewayProblems.sessionExpired();
    }
    const fresh = this.needsRefresh(row, now) ? await this.refresh(idHash, requestId) : row;
    if (now.getTime() - new Date(fresh.last_used_at).getTime() > TOUCH_AFTER_MS) {
      await this.dataSource.query(`UPDATE gateway_sessions SET last_used_at = $2 WHERE id_hash = $1`, [
        idHash,
        now,
      ]);
      fresh.last_used_at = now;
    }
    return {
      accountId: fresh.account_id,
      accessToken: this.crypto.open(fresh.access_token),
      idleExpiresAt: this.idleEnd(new Date(fresh.last_used_at)),
      expiresAt: new Date(fresh.expires_at),
    };
  }

  /**
   * A password change through the session: identity revokes every refresh token of the account and starts a new
   * family, which this session carries on with; the account's other gateway sessions end with their families.
   */
  async changePassword(
    sessionId: string,
    currentPassword: unknown,
    newPassword: unknown,
    requestId: string,
  ): Promise<ActiveSession> {
    const session = await this.use(sessionId, requestId);
    const tokens = await this.identity.changePassword(
      session.accessToken,
      currentPassword,
      newPassword,
      requestId,
    );
    const idHash = SessionCrypto.hashOf(sessionId);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE gateway_sessions SET refresh_token = $2, access_token = $3, access_expires_at = $4 WHERE id_hash = $1`,
        [
          idHash,
          this.crypto.seal(tokens.refreshToken),
          this.crypto.seal(tokens.accessToken),
          accessExpiry(tokens, new Date()),
        ],
      );
      await manager.query(`DELETE FROM gateway_sessions WHERE account_id = $1 AND id_hash <> $2`, [
        session.accountId,
        idHash,
      ]);
    });
    return { ...session, accessToken: tokens.accessToken };
  }

  /** Logout: the session and its refresh token family end (identity revokes the family). */
  async close(sessionId: string, requestId: string): Promise<void> {
    // TypeORM answers a DELETE … RETURNING with [rows, count].
    const [rows]: [Row[], number] = await this.dataSource.query(
      `DELETE FROM gateway_sessions WHERE id_hash = $1 RETURNING *`,
      [SessionCrypto.hashOf(sessionId)],
    );
    if (rows[0]) await this.identity.logout(this.crypto.open(rows[0].refresh_token), requestId);
  }

  /**
   * Logout everywhere: identity revokes every refresh token of the account (other browsers, apps with their own
   * tokens), and every gateway session of the account ends here at once, whichever replica opened it.
   */
  async closeAll(session: ActiveSession, requestId: string): Promise<void> {
    await this.identity.logoutEverywhere(session.accessToken, requestId);
    await this.dataSource.query(`DELETE FROM gateway_sessions WHERE account_id = $1`, [session.accountId]);
  }

  private ended(row: Row, now: Date): boolean {
    return (
      new Date(row.expires_at) <= now ||
      new Date(row.last_used_at).getTime() + this.config.SESSION_IDLE_SECONDS * 1000 <= now.getTime()
    );
  }

  private needsRefresh(row: Row, now: Date): boolean {
    return (
      new Date(row.access_expires_at).getTime() - this.config.ACCESS_TOKEN_REFRESH_MARGIN_SECONDS * 1000 <=
      now.getTime()
    );
  }

  private idleEnd(lastUsed: Date): Date {
    return new Date(lastUsed.getTime() + this.config.SESSION_IDLE_SECONDS * 1000);
  }

  /**
   * One refresh per session at a time, across replicas: identity treats a refresh token presented twice as
   * stolen and revokes the family, so concurrent calls of one page must not each refresh. The row lock makes the
   * second caller wait and then find the token already fresh.
   */
  private refresh(idHash: string, requestId: string): Promise<Row> {
    return this.dataSource
      .transaction(async (manager: EntityManager) => {
        const rows: Row[] = await manager.query(
          `SELECT * FROM gateway_sessions WHERE id_hash = $1 FOR UPDATE`,
          [idHash],
        );
        const row = rows[0];
        if (!row) throw GatewayProblems.sessionExpired();
        const now = new Date();
        if (!this.needsRefresh(row, now)) return row;
        let tokens: Tokens;
        try {
          tokens = await this.identity.refresh(this.crypto.open(row.refresh_token), requestId);
        } catch (err) {
          // Revoked (logout everywhere, password changed, account disabled) or expired at identity: the session is over.
          if (isUnauthorized(err)) {
            await manager.query(`DELETE FROM gateway_sessions WHERE id_hash = $1`, [idHash]);
            return undefined;
          }
          throw err;
        }
        const updated = {
          ...row,
          refresh_token: this.crypto.seal(tokens.refreshToken),
          access_token: this.crypto.seal(tokens.accessToken),
          access_expires_at: accessExpiry(tokens, now),
        };
        await manager.query(
          `UPDATE gateway_sessions SET refresh_token = $2, access_token = $3, access_expires_at = $4
         WHERE id_hash = $1`,
          [idHash, updated.refresh_token, updated.access_token, updated.access_expires_at],
        );
        return updated;
      })
      .then((row) => {
        if (!row) throw GatewayProblems.sessionExpired();
        return row;
      });
  }
}

const isUnauthorized = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && (err as { status?: unknown }).status === 401;

const accessExpiry = (tokens: Tokens, now: Date): Date => new Date(now.getTime() + tokens.expiresIn * 1000);

/** The account a token is for: identity's own answer, just received over our connection to it, so not verified. */
function accountOf(accessToken: string): string {
  const sub = decodeJwt(accessToken).sub;
  if (!sub) throw new Error('identity issued an access token without a subject');
  return sub;
}
