import { KeyEncryption } from '@ocop/persistence';
import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LabelKeyPublishedV1, LabelKeyRevokedV1, TraceabilityEvents } from '@ocop/contracts';
import { EventOutbox } from '@ocop/messaging';
import { ed25519PublicKey, signLabelMessage, verifyLabelSignature } from '@ocop/ocop-domain';
import { calculateJwkThumbprint } from 'jose';
import { createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { conflict, notFound } from '../common/bilingual';
import { TraceabilityConfig } from '../config';
import type { LabelKeyAdminView } from './label-keys.dto';
import { LabelSigningKey } from './label-signing-key.entity';

const KEYS_LOCK = `pg_advisory_xact_lock(hashtext('traceability:label-signing-keys'))`;

export type LabelKeyStatus = 'active' | 'retired' | 'revoked';

export interface PublishedLabelKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
  status: LabelKeyStatus;
  created: string;
  retired?: string;
  revoked?: string;
}

export interface ActiveLabelKey {
  kid: string;
  /** Signs a label's message (DigitalLinks.signedMessage: a GS1 element string or a /t/ label's). */
  sign(message: Buffer): string;
}

const statusOf = (key: LabelSigningKey): LabelKeyStatus =>
  key.revokedAt ? 'revoked' : key.retiredAt ? 'retired' : 'active';

/** The keys that sign unit labels: creation, rotation, revocation, publication. The database is the one truth. */
@Injectable()
export class LabelKeys implements OnApplicationBootstrap {
  private readonly encryption: KeyEncryption;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: EventOutbox,
    config: TraceabilityConfig,
  ) {
    this.encryption = new KeyEncryption(config.LABEL_KEY_ENCRYPTION_SECRET, {
      salt: 'ocop-traceability',
      info: 'label-key-encryption/v1',
    });
  }

  /** The first boot creates the first key; later boots (and racing replicas) find it. */
  async onApplicationBootstrap(): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${KEYS_LOCK}`);
      if (!(await this.activeRow(manager))) await this.create(manager);
    });
  }

  /** The signing key, for use within the caller's transaction (rotation waits for it). */
  async active(manager: EntityManager): Promise<ActiveLabelKey> {
    await manager.query(`SELECT ${KEYS_LOCK}`);
    const row = (await this.activeRow(manager)) ?? (await this.create(manager));
    const privateKey = this.privateKeyOf(row);
    return { kid: row.kid, sign: (message) => signLabelMessage(privateKey, message) };
  }

  async rotate(): Promise<{ kid: string; previousKid?: string }> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${KEYS_LOCK}`);
      const previous = await this.activeRow(manager);
      if (previous) {
        await manager.getRepository(LabelSigningKey).update({ kid: previous.kid }, { retiredAt: new Date() });
      }
      const created = await this.create(manager, previous?.kid);
      return { kid: created.kid, ...(previous ? { previousKid: previous.kid } : {}) };
    });
  }

  /** For a compromised key: labels it signed stop verifying. Its private half is erased. */
  async revoke(kid: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT ${KEYS_LOCK}`);
      const key = await manager.getRepository(LabelSigningKey).findOneBy({ kid });
      if (!key) throw notFound('khóa ký', 'Label key');
      if (key.revokedAt)
        throw conflict('label-key-revoked', 'Khóa đã bị thu hồi', 'The key is already revoked');
      const revokedAt = new Date();
      await manager
        .getRepository(LabelSigningKey)
        .update(
          { kid },
          { revokedAt, revokedReason: reason, retiredAt: key.retiredAt ?? revokedAt, privateKeySealed: null },
        );
      await this.outbox.add<LabelKeyRevokedV1>(manager, {
        type: TraceabilityEvents.labelKeyRevoked,
        subject: kid,
        data: { kid, revokedAt: revokedAt.toISOString(), reason },
      });
    });
  }

  /** Every key that ever signed, newest first, with its status: what offline verifiers download. */
  async published(): Promise<PublishedLabelKey[]> {
    const keys = await this.dataSource.getRepository(LabelSigningKey).find({ order: { createdAt: 'DESC' } });
    return keys.map((k) => ({
      kty: 'OKP',
      crv: 'Ed25519',
      x: k.publicKey.toString('base64url'),
      kid: k.kid,
      alg: 'EdDSA',
      use: 'sig',
      status: statusOf(k),
      created: k.createdAt.toISOString(),
      ...(k.retiredAt ? { retired: k.retiredAt.toISOString() } : {}),
      ...(k.revokedAt ? { revoked: k.revokedAt.toISOString() } : {}),
    }));
  }

  /**
   * Every key with what only an admin sees: why it was revoked, and how many units' labels it signed (what a
   * revocation would turn into "signed with a revoked key" at every scan). Counted from the generations, which
   * name their key, not from the units: one row per generation, however many units each made.
   */
  async list(): Promise<LabelKeyAdminView[]> {
    const keys = await this.dataSource.getRepository(LabelSigningKey).find({ order: { createdAt: 'DESC' } });
    const counts = (await this.dataSource.query(
      `SELECT key_id, sum(count)::int AS units FROM unit_generations WHERE key_id IS NOT NULL GROUP BY key_id`,
    )) as { key_id: string; units: number }[];
    return keys.map((k) => ({
      kid: k.kid,
      alg: 'EdDSA',
      crv: 'Ed25519',
      status: statusOf(k),
      createdAt: k.createdAt.toISOString(),
      ...(k.retiredAt ? { retiredAt: k.retiredAt.toISOString() } : {}),
      ...(k.revokedAt ? { revokedAt: k.revokedAt.toISOString() } : {}),
      ...(k.revokedReason ? { revokedReason: k.revokedReason } : {}),
      signedUnits: counts.find((c) => c.key_id === k.kid)?.units ?? 0,
    }));
  }

  /**
   * Checks a unit's signature against the published keys, as an offline verifier would: a label does not name
   * its key (AI 8030 has no room for it), so every key that is not revoked is tried; there are few.
   */
  async verify(message: Buffer, signature: string): Promise<{ valid: boolean; kid?: string }> {
    for (const key of await this.published()) {
      if (key.status === 'revoked') continue;
      if (verifyLabelSignature(ed25519PublicKey(Buffer.from(key.x, 'base64url')), message, signature)) {
        return { valid: true, kid: key.kid };
      }
    }
    return { valid: false };
  }

  private activeRow(manager: EntityManager): Promise<LabelSigningKey | null> {
    return manager.getRepository(LabelSigningKey).findOneBy({ retiredAt: IsNull(), revokedAt: IsNull() });
  }

  private privateKeyOf(row: LabelSigningKey): KeyObject {
    if (!row.privateKeySealed) throw new Error(`Label key ${row.kid} has no private key`);
    return createPrivateKey({
      key: this.encryption.open(row.privateKeySealed, row.kid),
      format: 'der',
      type: 'pkcs8',
    });
  }

  private async create(manager: EntityManager, replaces?: string): Promise<LabelSigningKey> {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' }) as { kty: 'OKP'; crv: 'Ed25519'; x: string };
    const kid = await calculateJwkThumbprint(jwk);
    const row: LabelSigningKey = {
      kid,
      publicKey: Buffer.from(jwk.x, 'base64url'),
      privateKeySealed: this.encryption.seal(privateKey.export({ format: 'der', type: 'pkcs8' }), kid),
      createdAt: new Date(),
      retiredAt: null,
      revokedAt: null,
      revokedReason: null,
    };
    await manager.getRepository(LabelSigningKey).insert(row);
    await this.outbox.add<LabelKeyPublishedV1>(manager, {
      type: TraceabilityEvents.labelKeyPublished,
      subject: kid,
      data: {
        kid,
        publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
        createdAt: row.createdAt.toISOString(),
        ...(replaces ? { replaces } : {}),
      },
    });
    return row;
  }
}
