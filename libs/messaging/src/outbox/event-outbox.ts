import { Inject, Injectable } from '@nestjs/common';
import { CloudEvent, createCloudEvent, eventType, natsSubjectFor } from '@ocop/contracts';
import { currentContext } from '@ocop/service-kit';
import { EntityManager } from 'typeorm';
import { MESSAGING_OPTIONS, ResolvedMessagingOptions } from '../messaging.options';
import { OUTBOX_CHANNEL } from './outbox-channel';

export interface NewEvent<T> {
  /** `ocop.<this service>.<entity>.<event>`, e.g. 'ocop.identity.account.registered'. */
  type: string;
  /** What the event is about, e.g. the account id. */
  subject?: string;
  data: T;
  schemaVersion?: number;
}

/**
 * Records events in the transactional outbox. The row is written through the caller's transaction, so the event
 * exists exactly when the change it reports does; the relay publishes it after commit.
 */
@Injectable()
export class EventOutbox {
  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: ResolvedMessagingOptions) {}

  async add<T>(manager: EntityManager, event: NewEvent<T>): Promise<CloudEvent<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(
        'EventOutbox.add needs the EntityManager of an open transaction, so the event commits with the change',
      );
    }
    this.assertOwnEventType(event.type);
    const cloudEvent = createCloudEvent({
      type: event.type,
      source: `/ocop/${this.options.serviceName}`,
      subject: event.subject,
      data: event.data,
      schemaVersion: event.schemaVersion,
      correlationId: currentContext()?.correlationId,
    });
    // One round trip: the insert, and a NOTIFY that Postgres delivers only if and when the transaction commits
    // (several in one transaction are folded into one).
    await manager.query(
      `WITH written AS (
         INSERT INTO outbox (id, type, subject, payload) VALUES ($1, $2, $3, $4) RETURNING id
       )
       SELECT pg_notify('${OUTBOX_CHANNEL}', '') FROM written`,
      [
        cloudEvent.id,
        cloudEvent.type,
        natsSubjectFor(this.options.namespace, cloudEvent.type),
        JSON.stringify(cloudEvent),
      ],
    );
    return cloudEvent;
  }

  /** A service publishes only its own facts, into its own stream. */
  private assertOwnEventType(type: string): void {
    const [, service, entity, name, ...rest] = type.split('.');
    const valid = !rest.length && service && entity && name && eventType(service, entity, name) === type;
    if (!valid) throw new Error(`"${type}" is not an event type (ocop.<service>.<entity>.<event>)`);
    if (service !== this.options.serviceName) {
      throw new Error(
        `${this.options.serviceName} cannot publish "${type}": events of ${service} come from ${service}`,
      );
    }
  }
}
