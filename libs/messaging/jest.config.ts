export default {
  displayName: 'messaging',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Integration tests wait on real NATS and Postgres; each wait inside has its own, shorter deadline.
  testTimeout: 180_000,
};
