import { MessagingDeadLetterDecisions1765300000000 } from './dead-letter/dead-letter-decisions.migration';
import { MessagingSchema1732800000000 } from './messaging.schema';

/** The messaging tables' migrations, in order: each service database that uses messaging runs them all. */
export const messagingMigrations = [MessagingSchema1732800000000, MessagingDeadLetterDecisions1765300000000];
