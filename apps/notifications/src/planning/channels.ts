/** Postgres NOTIFY channels: delivered on commit to every replica that LISTENs on this database. */
export const INBOX_CHANNEL = 'ocop_notifications_inbox';
export const DISPATCH_CHANNEL = 'ocop_notifications_dispatch';
