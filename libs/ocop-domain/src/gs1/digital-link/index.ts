export * from './application-identifiers';
export * from './character-sets';
export * from './digital-link';
export * from './gs1-dates';
export * from './scanned-code';
