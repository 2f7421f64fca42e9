import { KeyEncryption } from '@ocop/persistence';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { calculateJwkThumbprint, errors, exportJWK, importJWK, JWK, JWTVerifyGetKey, KeyLike } from 'jose';
import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { AuditTrail } from '../audit/audit-trail.service';
import { Clock, secondsFrom } from '../common/clock';
import { IdentityConfig } from '../config';
import { SigningKey } from './signing-key.entity';

export interface ActiveSigningKey {
  kid: string;
  privateKey: KeyObject;
}

export interface PublishedKey extends JWK {
  kid: string;
}

interface KeySnapshot {
  loadedAt: number;
  active: ActiveSigningKey;
  published: PublishedKey[];
  verificationKeys: Map<string, KeyLike>;
}

/** Verifiers tolerate this much clock skew; a retiring key stays published at least that much longer. */
const RETIREMENT_MARGIN_SECONDS = 60;
/** A token with an unknown kid reloads the keys at most this often, so garbage kids cannot hammer the DB. */
const UNKNOWN_KID_RELOAD_COOLDOWN_MS = 1_000;
const KEYS_LOCK = `pg_advisory_xact_lock(hashtext('identity:signing-keys'))`;

/**
 * The Ed25519 keys that sign access tokens. The database is the one truth every replica reads: each replica
 * caches its view for SIGNING_KEY_CACHE_SECONDS, so after a rotation at one replica the others sign with the
 * new key within that time, and the old key stays published until every token any replica signed with it has
 * expired.
 */
@Injectable()
export class SigningKeys implements OnApplicationBootstrap {
  private readonly encryption: KeyEncryption;
  private snapshot?: Promise<KeySnapshot>;
  private lastUnknownKidReload = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: IdentityConfig,
    private readonly clock: Clock,
    private readonly audit: AuditTrail,
  ) {
    this.encryption = new KeyEncryption(config.KEY_ENCRYPTION_SECRET, {
      salt: 'ocop-identity',
      info: 'signing-key-encryption/v1',
    });
  }

  /** The first boot of the service creates the first key; later boots (and racing replicas) find it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${KEYS_LOCK}`);
      const active = await manager.getRepository(SigningKey).findOneBy({ retireAfter: IsNull() });
      if (!active) await manager.getRepository(SigningKey).insert(await this.generate());
    });
  }

  async active(): Promise<ActiveSigningKey> {
    return (await this.current()).active;
  }

  /** Active and retiring public keys, for /.well-known/jwks.json. */
  async published(): Promise<PublishedKey[]> {
    return (await this.current()).published;
  }

  /** Identity verifies its own tokens from the same keys, without fetching its own JWKS over HTTP. */
  readonly verificationKey: JWTVerifyGetKey = async (header) => {
    const find = (snapshot: KeySnapshot) =>
      header.kid ? snapshot.verificationKeys.get(header.kid) : undefined;
    let key = find(await this.current());
    if (!key && Date.now() - this.lastUnknownKidReload >= UNKNOWN_KID_RELOAD_COOLDOWN_MS) {
      // Another replica may have rotated since our snapshot.
      this.lastUnknownKidReload = Date.now();
      this.snapshot = undefined;
      key = find(await this.current());
    }
    if (!key) throw new errors.JWKSNoMatchingKey();
    return key;
  };

  /**
   * Makes a new key active at once. The previous one stops signing now and stays published until
   * retire_after: access TTL (its last tokens' lifetime) + our cache time (other replicas may sign with it
   * that much longer) + a margin for clock skew. Its private half is erased: nothing will sign with it again.
   */
  async rotate(actorId: string): Promise<{ kid: string; previousKid?: string; previousRetiresAt?: Date }> {
    const now = this.clock.now();
    const retireAfter = secondsFrom(
      now,
      this.config.ACCESS_TOKEN_TTL_SECONDS +
        this.config.SIGNING_KEY_CACHE_SECONDS +
        RETIREMENT_MARGIN_SECONDS,
    );
    const result = await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${KEYS_LOCK}`);
      const keys = manager.getRepository(SigningKey);
      const previous = await keys.findOneBy({ retireAfter: IsNull() });
      if (previous) await keys.update({ kid: previous.kid }, { retireAfter, privateKeyEncrypted: null });
      const next = await this.generate();
      await keys.insert(next);
      await this.audit.record(manager, {
        actorId,
        action: 'signing-key.rotated',
        targetType: 'signing-key',
        targetId: next.kid,
        details: previous ? { previousKid: previous.kid, previousRetiresAt: retireAfter.toISOString() } : {},
      });
      return {
        kid: next.kid,
        ...(previous ? { previousKid: previous.kid, previousRetiresAt: retireAfter } : {}),
      };
    });
    this.snapshot = undefined;
    return result;
  }

  private current(): Promise<KeySnapshot> {
    const cached = this.snapshot;
    if (cached) {
      return cached.then((snapshot) =>
        Date.now() - snapshot.loadedAt < this.config.SIGNING_KEY_CACHE_SECONDS * 1000
          ? snapshot
          : this.reload(),
      );
    }
    return this.reload();
  }

  private reload(): Promise<KeySnapshot> {
    const loading = this.load(this.dataSource.manager);
    this.snapshot = loading;
    // A failed load must not stay cached; the next call tries again.
    loading.catch(() => {
      if (this.snapshot === loading) this.snapshot = undefined;
    });
    return loading;
  }

  private async load(manager: EntityManager): Promise<KeySnapshot> {
    const now = this.clock.now();
    const keys = await manager.getRepository(SigningKey).find({
      where: [{ retireAfter: IsNull() }, { retireAfter: MoreThan(now) }],
      order: { createdAt: 'DESC' },
    });
    const active = keys.find((key) => key.retireAfter === null);
    if (!active?.privateKeyEncrypted)
      throw new Error('No active signing key: the service has not bootstrapped its keys');
    const der = this.encryption.open(active.privateKeyEncrypted, active.kid);
    const published = keys.map((key) => ({ ...key.publicJwk, kid: key.kid, alg: 'EdDSA', use: 'sig' }));
    return {
      loadedAt: Date.now(),
      active: { kid: active.kid, privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }) },
      published,
      verificationKeys: new Map(
        await Promise.all(
          published.map(async (jwk) => [jwk.kid, await importJWK(jwk, 'EdDSA')] as [string, KeyLike]),
        ),
      ),
    };
  }

  private async generate(): Promise<SigningKey> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    return Object.assign(new SigningKey(), {
      kid,
      publicJwk,
      privateKeyEncrypted: this.encryption.seal(der, kid),
      createdAt: this.clock.now(),
      retireAfter: null,
    });
  }
}
