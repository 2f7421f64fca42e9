import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ed25519PublicKey } from '@ocop/ocop-domain';
import { KeyObject } from 'node:crypto';
import { DataSource } from 'typeorm';
import { TaggedCache } from '../common/tagged-cache';

export interface LabelKey {
  kid: string;
  key: KeyObject;
  revoked: boolean;
}

/** Traceability's label-signing public keys, from its label-key events; cached until a key event clears it. */
@Injectable()
export class LabelKeys {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly cache: TaggedCache,
  ) {}

  async all(): Promise<LabelKey[]> {
    const cached = this.cache.get<LabelKey[]>('label-keys');
    if (cached) return cached;
    const rows = (await this.dataSource.query(
      `SELECT kid, x, revoked_at FROM rm_label_keys WHERE x <> '' ORDER BY created_at DESC`,
    )) as { kid: string; x: string; revoked_at: Date | null }[];
    const keys = rows.map((r) => ({
      kid: r.kid,
      key: ed25519PublicKey(Buffer.from(r.x, 'base64url')),
      revoked: r.revoked_at !== null,
    }));
    this.cache.set('label-keys', keys, []);
    return keys;
  }
}
