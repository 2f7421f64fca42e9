// The whole platform end to end: every built service as its own process (see src/story.int-spec.ts).
export default {
  displayName: 'platform-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testEnvironment: '<rootDir>/jest.environment.js',
  testTimeout: 180_000,
};
