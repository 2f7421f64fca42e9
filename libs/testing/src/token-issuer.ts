import { Role, TerritoryScope } from '@ocop/contracts';
import { exportJWK, generateKeyPair, JWK, KeyLike, SignJWT } from 'jose';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface TestActor {
  accountId?: string;
  roles: Role[];
  producerId?: string;
  scope?: TerritoryScope;
}

/**
 * Identity's part, played locally: an Ed25519 key, its JWKS served over HTTP, and access tokens with the claims
 * identity writes. Services under test verify them exactly as in production (remote JWKS, EdDSA, iss, aud, exp).
 */
export class TokenIssuer {
  private server?: Server;
  private key?: { privateKey: KeyLike; jwk: JWK };

  async start(): Promise<string> {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    this.key = {
      privateKey,
      jwk: { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'EdDSA', use: 'sig' },
    };
    this.server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [this.key?.jwk] }));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  sign(actor: TestActor): Promise<string> {
    if (!this.key) throw new Error('TokenIssuer not started');
    return new SignJWT({
      roles: actor.roles,
      lang: 'vi',
      ...(actor.producerId ? { producer_id: actor.producerId } : {}),
      ...(actor.scope ? { scope: actor.scope } : {}),
    })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'test-key', typ: 'JWT' })
      .setSubject(actor.accountId ?? randomUUID())
      .setJti(randomUUID())
      .setIssuer('ocop-identity')
      .setAudience('ocop')
      .setIssuedAt()
      .setExpirationTime('30m')
      .sign(this.key.privateKey);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
