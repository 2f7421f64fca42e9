export default {
  displayName: 'ocop-domain',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
