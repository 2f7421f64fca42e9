export default {
  displayName: 'testing',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testTimeout: 180_000,
};
