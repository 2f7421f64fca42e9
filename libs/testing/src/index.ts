// Helpers for integration tests against the real PostgreSQL and NATS. Every test file gets its own database and
// its own event namespace, and removes both at the end, so files run in parallel with each other and with other
// developers' runs on the same servers.
export * from './database';
export * from './free-port';
export * from './nats';
export * from './private-nats';
export * from './wait-for';
export * from './token-issuer';
export * from './private-postgres';
