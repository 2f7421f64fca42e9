import { Controller, Get, INestApplication, Param } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { checkCallers, ProblemFilter, Public, requestAuthenticator } from '@ocop/service-kit';
import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Actor } from './actor';
import { RemoteKeysAuthOptions } from './auth-options';
import { AuthModule } from './auth.module';
import { CurrentActor } from './current-actor.decorator';
import { OpenBeforePasswordChange } from './password-change';
import { assertOwnsProducer } from './producer-scope';
import { Roles } from './roles.decorator';

const ISSUER = 'ocop-identity';
const AUDIENCE = 'ocop';

@Controller()
class ProbeController {
  @Public()
  @Get('public')
  open() {
    return { ok: true };
  }

  @Get('me')
  me(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Roles('admin', 'officer')
  @Get('staff')
  staff() {
    return { ok: true };
  }

  @OpenBeforePasswordChange()
  @Get('me/password-form')
  passwordForm(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('producers/:producerId/batches')
  batches(@CurrentActor() actor: Actor, @Param('producerId') producerId: string) {
    assertOwnsProducer(actor, producerId, 'Producer');
    return [];
  }
}

interface SigningKey {
  kid: string;
  privateKey: KeyLike;
  jwk: JWK;
}

async function newSigningKey(kid: string): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' } };
}

/** A stand-in for identity's JWKS endpoint that counts how often it is asked. */
class FakeJwksServer {
  published: JWK[] = [];
  fetches = 0;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((_req, res) => {
      this.fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: this.published }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

interface TokenInput {
  claims?: Record<string, unknown>;
  issuer?: string;
  audience?: string;
  expiresAt?: number;
}

function sign(key: SigningKey, input: TokenInput = {}): Promise<string> {
  return new SignJWT({ roles: ['producer'], producer_id: 'producer-a', lang: 'en', ...input.claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
    .setSubject('account-1')
    .setJti('token-1')
    .setIssuer(input.issuer ?? ISSUER)
    .setAudience(input.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(input.expiresAt ?? Math.floor(Date.now() / 1000) + 600)
    .sign(key.privateKey);
}

async function createApp(
  options: Partial<RemoteKeysAuthOptions> & { jwksUrl: string },
  { checkAtTheDoor = false } = {},
): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot({ issuer: ISSUER, audience: AUDIENCE, ...options })],
    controllers: [ProbeController],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  app.useGlobalFilters(new ProblemFilter());
  // As createServiceApp does: the header is checked once at onRequest, and the guard acts on that verdict.
  if (checkAtTheDoor) checkCallers(app.getHttpAdapter().getInstance(), requestAuthenticator(app));
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

async function get(app: NestFastifyApplication, url: string, token?: string) {
  const res = await app.inject({
    method: 'GET',
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}

describe('AuthGuard with a remote JWKS', () => {
  const jwks = new FakeJwksServer();
  let jwksUrl: string;
  let key1: SigningKey;
  let app: NestFastifyApplication;
  const apps: INestApplication[] = [];

  beforeAll(async () => {
    jwksUrl = await jwks.start();
    key1 = await newSigningKey('key-1');
    jwks.published = [key1.jwk];
    app = await createApp({ jwksUrl });
    apps.push(app);
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await jwks.stop();
  });

  it('gives service-kit the verdict it checks every request with at the door, and acts on it', async () => {
    const authenticator = requestAuthenticator(app);
    await expect(authenticator?.authenticate(`Bearer ${await sign(key1)}`)).resolves.toMatchObject({
      accountId: 'account-1',
    });
    await expect(authenticator?.authenticate('Bearer garbage')).rejects.toMatchObject({ status: 401 });
    await expect(authenticator?.authenticate('Basic dXNlcjpwdw==')).rejects.toMatchObject({ status: 401 });
    const checked = await createApp({ jwksUrl }, { checkAtTheDoor: true });
    apps.push(checked);
    expect(await get(checked, '/me', await sign(key1))).toMatchObject({
      status: 200,
      body: { accountId: 'account-1' },
    });
    expect(await get(checked, '/me', 'garbage')).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' },
    });
    const expired = await sign(key1, { expiresAt: Math.floor(Date.now() / 1000) - 60 });
    expect(await get(checked, '/me', expired)).toMatchObject({
      status: 401,
      body: { code: 'token-expired' },
    });
    expect(await get(checked, '/public', 'garbage')).toEqual({ status: 200, body: { ok: true } });
  });

  it('lets anyone call a @Public() route', async () => {
    expect(await get(app, '/public')).toEqual({ status: 200, body: { ok: true } });
  });

  it('reads the actor from a valid token', async () => {
    const { status, body } = await get(app, '/me', await sign(key1));
    expect(status).toBe(200);
    expect(body).toEqual({
      accountId: 'account-1',
      roles: ['producer'],
      producerId: 'producer-a',
      language: 'en',
    });
  });

  it('answers 401 unauthenticated without a bearer token or with a malformed header', async () => {
    expect(await get(app, '/me')).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
    const res = await app.inject({
      method: 'GET',
      url: '/me',
      headers: { authorization: 'Basic dXNlcjpwdw==' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('answers 401 token-expired for an expired token, beyond the clock tolerance', async () => {
    const token = await sign(key1, { expiresAt: Math.floor(Date.now() / 1000) - 60 });
    expect(await get(app, '/me', token)).toMatchObject({ status: 401, body: { code: 'token-expired' } });
  });

  it('accepts a token that expired within the clock tolerance', async () => {
    const token = await sign(key1, { expiresAt: Math.floor(Date.now() / 1000) - 2 });
    expect((await get(app, '/me', token)).status).toBe(200);
  });

  it('answers 401 for another issuer or audience', async () => {
    expect(await get(app, '/me', await sign(key1, { issuer: 'someone-else' }))).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' },
    });
    expect(await get(app, '/me', await sign(key1, { audience: 'other-app' }))).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' },
    });
  });

  it('answers 401 for a tampered payload', async () => {
    const [header, payload, signature] = (await sign(key1)).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    expect(await get(app, '/staff', `${header}.${forged}.${signature}`)).toMatchObject({
      status: 401,
      body: { code: 'unauthenticated' },
    });
  });

  it('answers 401 for a token signed with a symmetric algorithm', async () => {
    const token = await new SignJWT({ roles: ['admin'], lang: 'vi' })
      .setProtectedHeader({ alg: 'HS256', kid: 'key-1' })
      .setSubject('account-1')
      .setJti('j')
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('a shared secret nobody should trust here'));
    expect((await get(app, '/me', token)).status).toBe(401);
  });

  it('answers 401 for a signed token whose claims are not an OCOP actor', async () => {
    const token = await sign(key1, { claims: { roles: ['superuser'] } });
    expect(await get(app, '/me', token)).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
  });

  it('answers 403 forbidden to a verified caller without the route’s role', async () => {
    expect(await get(app, '/staff', await sign(key1))).toMatchObject({
      status: 403,
      body: { code: 'forbidden' },
    });
    const officer = await sign(key1, {
      claims: { roles: ['officer'], producer_id: undefined, scope: { provinceCode: '83' } },
    });
    expect((await get(app, '/staff', officer)).status).toBe(200);
  });

  it('answers 403 password-change-required to a session that must change its password, but on its own route', async () => {
    const admin = await sign(key1, {
      claims: { roles: ['admin'], producer_id: undefined, password_change_required: true },
    });
    for (const url of ['/me', '/staff', '/producers/producer-a/batches']) {
      expect(await get(app, url, admin)).toMatchObject({
        status: 403,
        body: { code: 'password-change-required', title: 'Cần đổi mật khẩu / Password change required' },
      });
    }
    expect(await get(app, '/me/password-form', admin)).toMatchObject({
      status: 200,
      body: { accountId: 'account-1', roles: ['admin'], passwordChangeRequired: true },
    });
    // An ordinary session is unaffected, and a claim that is not exactly `true` is no OCOP token.
    expect((await get(app, '/me/password-form', await sign(key1))).status).toBe(200);
    const odd = await sign(key1, { claims: { password_change_required: 'no' } });
    expect(await get(app, '/me', odd)).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
  });

  it('tells a token exchanged for an API key from a person’s, and refuses an api_key claim that is not true', async () => {
    const till = await sign(key1, { claims: { roles: ['retailer'], producer_id: undefined, api_key: true } });
    expect(await get(app, '/me', till)).toMatchObject({ status: 200, body: { viaApiKey: true } });
    expect((await get(app, '/me', await sign(key1))).body.viaApiKey).toBeUndefined();
    const odd = await sign(key1, { claims: { api_key: 'yes' } });
    expect(await get(app, '/me', odd)).toMatchObject({ status: 401, body: { code: 'unauthenticated' } });
  });

  it('answers 404 when a producer asks for another producer’s resource', async () => {
    const token = await sign(key1);
    expect((await get(app, '/producers/producer-a/batches', token)).status).toBe(200);
    expect(await get(app, '/producers/producer-b/batches', token)).toMatchObject({
      status: 404,
      body: { code: 'not-found' },
    });
  });

  it('fetches the key set once and serves later tokens from its cache', async () => {
    const cached = await createApp({ jwksUrl });
    apps.push(cached);
    const before = jwks.fetches;
    for (let i = 0; i < 5; i += 1) expect((await get(cached, '/me', await sign(key1))).status).toBe(200);
    expect(jwks.fetches - before).toBe(1);
  });

  it('picks up a rotated key on its first unknown kid, without a restart, and keeps the old one', async () => {
    const verifier = await createApp({ jwksUrl, jwksCooldownMs: 0 });
    apps.push(verifier);
    expect((await get(verifier, '/me', await sign(key1))).status).toBe(200);

    const key2 = await newSigningKey('key-2');
    jwks.published = [key2.jwk, key1.jwk];
    const before = jwks.fetches;
    expect((await get(verifier, '/me', await sign(key2))).status).toBe(200);
    expect((await get(verifier, '/me', await sign(key1))).status).toBe(200);
    expect(jwks.fetches - before).toBe(1);
    jwks.published = [key1.jwk];
  });

  it('does not refetch for unknown kids during the cooldown, so garbage tokens cannot flood identity', async () => {
    const verifier = await createApp({ jwksUrl, jwksCooldownMs: 60_000 });
    apps.push(verifier);
    expect((await get(verifier, '/me', await sign(key1))).status).toBe(200);
    const before = jwks.fetches;
    const stranger = await newSigningKey('unknown-kid');
    for (let i = 0; i < 3; i += 1) {
      expect(await get(verifier, '/me', await sign(stranger))).toMatchObject({
        status: 401,
        body: { code: 'unauthenticated' },
      });
    }
    expect(jwks.fetches).toBe(before);
  });

  it('answers 503, not 401, when the key set cannot be fetched', async () => {
    const unreachable = await createApp({ jwksUrl: 'http://127.0.0.1:1/.well-known/jwks.json' });
    apps.push(unreachable);
    expect(await get(unreachable, '/me', await sign(key1))).toMatchObject({
      status: 503,
      body: { code: 'upstream-unavailable' },
    });
  });
});
