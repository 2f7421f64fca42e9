// The Bến Tre demo story: a typed HTTP client of the services and the story's steps, shared by the dev seed
// (tools/dev/seed.mjs) and the end-to-end suite (../story.int-spec.ts).
export * from './accounts';
export * from './api';
export * from './catalogue';
export * from './context';
export * from './demo-story';
export * from './rating';
export * from './traceability';
