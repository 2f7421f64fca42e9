import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { GatewayConfig } from '../config';
import { GatewayProblems } from '../gateway.problems';
import { IdentityClient } from './identity-client';
import { checkCsrf, clearSessionCookie, sessionIdOf, setSessionCookie } from './session-cookie';
import { ActiveSession, SessionsService } from './sessions.service';

export class SessionLoginDto {
  @ApiProperty({ description: 'E-mail or Vietnamese phone number, as the person types it' })
  @IsString()
  @MinLength(1)
  @MaxLength(254)
  identifier!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password!: string;
}

export class SessionPasswordDto {
  // No minimum: identity checks the password in use, and judges the new one (length, strength).
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  newPassword!: string;
}

export class SessionView {
  @ApiPropertyOptional({
    description:
      "Identity's view of the signed-in account (GET /me); absent while " +
      'the password must be changed first',
  })
  account?: Record<string, unknown>;

  @ApiProperty() accountId!: string;

  @ApiProperty({
    description:
      'Send it back in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE with this session',
  })
  csrfToken!: string;

  @ApiProperty({ description: 'The session ends at this time unless used before' }) idleExpiresAt!: string;
  @ApiProperty({ description: 'The session ends at this time however busy' }) expiresAt!: string;

  @ApiPropertyOptional({ description: 'true: change the password first (POST /api/session/password)' })
  passwordChangeRequired?: true;
}

/**
 * The portal's session (backend-for-frontend, decision 0050): the browser signs in here and gets an HttpOnly
 * cookie; identity's tokens stay in the gateway.
 */
@ApiTags('session')
@Controller('api')
export class SessionController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly identity: IdentityClient,
    private readonly config: GatewayConfig,
  ) {}

  @Post('session')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: the session cookie is set; no token is ever sent to the browser' })
  @ApiOkResponse({ type: SessionView })
  @ApiResponse({ status: 401, description: 'invalid-credentials (identity)' })
  @ApiResponse({ status: 403, description: 'csrf-refused (another site), account-disabled (identity)' })
  @ApiResponse({ status: 423, description: 'account-locked (identity)' })
  @ApiResponse({ status: 429, description: 'login-throttled (identity)' })
  async signIn(
    @Body() body: SessionLoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    // Login CSRF: another site must not sign the browser into an account of its choosing.
    checkCsrf(request, this.config, this.sessions, undefined);
    const previous = sessionIdOf(request, this.config);
    const { sessionId, session, passwordChangeRequired } = await this.sessions.open(
      body.identifier,
      body.password,
      request.id,
    );
    if (previous) await this.sessions.close(previous, request.id).catch(() => undefined);
    setSessionCookie(reply, this.config, sessionId);
    return this.view(sessionId, session, passwordChangeRequired, request.id);
  }

  @Get('session')
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Who is signed in, and the CSRF token of the session' })
  @ApiOkResponse({ type: SessionView })
  @ApiResponse({ status: 401, description: 'session-required, session-expired' })
  async whoAmI(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const sessionId = this.required(request);
    const session = await this.use(sessionId, request, reply);
    return this.view(sessionId, session, false, request.id);
  }

  @Post('session/password')
  @HttpCode(200)
  @ApiCookieAuth()
  @ApiOperation({
    summary: 'Change the password: this session carries on, every other session of the account ends',
  })
  @ApiOkResponse({ type: SessionView })
  @ApiResponse({ status: 400, description: 'current-password-incorrect, password-too-weak… (identity)' })
  @ApiResponse({ status: 401, description: 'session-required, session-expired' })
  @ApiResponse({ status: 403, description: 'csrf-refused' })
  async changePassword(
    @Body() body: SessionPasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView> {
    const sessionId = this.required(request);
    checkCsrf(request, this.config, this.sessions, sessionId);
    await this.use(sessionId, request, reply);
    const session = await this.sessions.changePassword(
      sessionId,
      body.currentPassword,
      body.newPassword,
      request.id,
    );
    return this.view(sessionId, session, false, request.id);
  }

  @Delete('session')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({ summary: 'Sign out: this session and its refresh token end' })
  @ApiNoContentResponse()
  @ApiResponse({ status: 403, description: 'csrf-refused' })
  async signOut(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const sessionId = sessionIdOf(request, this.config);
    if (!sessionId) return;
    checkCsrf(request, this.config, this.sessions, sessionId);
    await this.sessions.close(sessionId, request.id);
    clearSessionCookie(reply, this.config);
  }

  @Delete('sessions')
  @HttpCode(204)
  @ApiCookieAuth()
  @ApiOperation({
    summary: 'Sign out everywhere: every session of the account ends, here and in every other browser or app',
  })
  @ApiNoContentResponse()
  @ApiResponse({ status: 401, description: 'session-required, session-expired' })
  @ApiResponse({ status: 403, description: 'csrf-refused' })
  async signOutEverywhere(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const sessionId = this.required(request);
    checkCsrf(request, this.config, this.sessions, sessionId);
    const session = await this.use(sessionId, request, reply);
    await this.sessions.closeAll(session, request.id);
    clearSessionCookie(reply, this.config);
  }

  private required(request: FastifyRequest): string {
    const sessionId = sessionIdOf(request, this.config);
    if (!sessionId) throw GatewayProblems.unauthenticated();
    return sessionId;
  }

  /** The session, or 401 with the cookie cleared, so the browser stops sending a dead one. */
  private async use(sessionId: string, request: FastifyRequest, reply: FastifyReply): Promise<ActiveSession> {
    try {
      return await this.sessions.use(sessionId, request.id);
    } catch (err) {
      if ((err as { status?: number }).status === 401) clearSessionCookie(reply, this.config);
      throw err;
    }
  }

  private async view(
    sessionId: string,
    session: ActiveSession,
    passwordChangeRequired: boolean,
    requestId: string,
  ): Promise<SessionView> {
    return {
      // A session that may only change its password cannot read /me yet (identity answers 403).
      ...(passwordChangeRequired
        ? { passwordChangeRequired: true as const }
        : { account: await this.identity.me(session.accessToken, requestId) }),
      accountId: session.accountId,
      csrfToken: this.sessions.csrfTokenOf(sessionId),
      idleExpiresAt: session.idleExpiresAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
    };
  }
}
