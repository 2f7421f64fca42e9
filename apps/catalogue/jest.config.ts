export default {
  displayName: 'catalogue',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
