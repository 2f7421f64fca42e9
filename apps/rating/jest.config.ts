export default {
  displayName: 'rating',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
