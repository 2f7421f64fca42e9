export default {
  displayName: 'notifications',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Integration tests wait on real NATS, Postgres, SMTP and HTTP with waitFor deadlines of their own.
  testTimeout: 180_000,
};
