export default {
  displayName: 'lookup',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Integration tests boot the whole service on a real Postgres and NATS (and the page test, Chromium).
  testTimeout: 180_000,
};
