// The whole platform end to end: every built service as its own process (see src/story.int-spec.ts).
export default {
  displayName: 'platform-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testTimeout: 180_000,
};
