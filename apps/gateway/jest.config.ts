export default {
  displayName: 'gateway',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Integration tests boot the real platform and wait on it with waitFor deadlines of their own.
  testTimeout: 180_000,
};
