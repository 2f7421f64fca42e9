export * from './cloud-event';
export * from './subjects';
export * from './problem';
export * from './events/identity';
export * from './events/catalogue';
export * from './events/rating';
export * from './events/traceability';
export * from './events/lookup';
