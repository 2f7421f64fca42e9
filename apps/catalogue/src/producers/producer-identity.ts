import { ProducerSnapshotV1, ProducerStatus } from '@ocop/contracts';
import { Producer } from './producer.entity';

/**
 * Who a producer is (decision 0024): its names, legal form, tax code, legal representative and address. Once an
 * officer has verified them, a change to any of them waits for an officer again, so that no producer can take on
 * another's verified name or place. Contact details and the GS1 prefix are not identity: they change at once.
 */
export const IDENTITY_COLUMNS = [
  'type',
  'name',
  'tradingName',
  'nameEn',
  'taxCode',
  'legalRepName',
  'legalRepPosition',
  'legalRepWoman',
  'legalRepEthnicMinority',
  'street',
  'unitMap',
  'communeCode',
  'bt2022DistrictCode',
  'bt2022CommuneCode',
  'vl2025CommuneCode',
] as const satisfies readonly (keyof Producer)[];

export type ProducerIdentity = Pick<Producer, (typeof IDENTITY_COLUMNS)[number]>;

/** The same identity as fields of the producer's snapshot and API (what `changed` lists name). */
export const IDENTITY_FIELDS = [
  'type',
  'name',
  'tradingName',
  'nameEn',
  'taxCode',
  'legalRepresentative',
  'address',
] as const satisfies readonly (keyof ProducerSnapshotV1)[];

/**
 * Statuses whose producer the public sees, with its verified identity: verified, and verified with an identity
 * change waiting for review (its certificates, products and labels stay valid meanwhile).
 */
export const PUBLIC_PRODUCER_STATUSES: readonly ProducerStatus[] = ['verified', 'pending-reverification'];

export const isPublicProducer = (status: ProducerStatus): boolean =>
  PUBLIC_PRODUCER_STATUSES.includes(status);

export function identityOf(p: ProducerIdentity): ProducerIdentity {
  const identity = {} as Record<string, unknown>;
  for (const column of IDENTITY_COLUMNS) identity[column] = p[column];
  return identity as ProducerIdentity;
}

/** The producer as it asked to be: its record with the waiting identity in place of the verified one. */
export function withPendingIdentity(p: Producer): Producer {
  return Object.assign(new Producer(), p, p.pendingIdentity ?? {}, {
    pendingIdentity: null,
    pendingSince: null,
    pendingBy: null,
  });
}

/** The identity fields that differ between two snapshots of one producer. */
export function identityChanges(before: ProducerSnapshotV1, after: ProducerSnapshotV1): string[] {
  return IDENTITY_FIELDS.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
