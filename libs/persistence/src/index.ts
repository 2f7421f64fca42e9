export * from './database';
export * from './data-source';
export * from './key-encryption';
export * from './listen';
