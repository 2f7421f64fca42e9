import { InboxRecord } from './consumer/inbox.record';
import { DeadLetterRecord } from './dead-letter/dead-letter.record';
import { OutboxRecord } from './outbox/outbox.record';

/** Add to the service's TypeORM entities (with messagingMigrations in its migrations). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const messagingEntities: Function[] = [OutboxRecord, InboxRecord, DeadLetterRecord];
