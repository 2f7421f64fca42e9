export default {
  displayName: 'identity',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Integration tests boot the whole service on a real Postgres and NATS.
  testTimeout: 180_000,
};
