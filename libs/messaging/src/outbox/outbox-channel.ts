/** The Postgres NOTIFY channel on which a committed outbox write wakes the relay (one database per service). */
export const OUTBOX_CHANNEL = 'ocop_outbox';
