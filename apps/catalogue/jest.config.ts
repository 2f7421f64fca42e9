export default {
  displayName: 'catalogue',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Reference data ships as CSV files imported as text (webpack: asset/source); jest needs the same.
  moduleFileExtensions: ['ts', 'js', 'json', 'csv'],
  transform: { '^.+\\.csv$': '<rootDir>/test/csv-as-text.js' },
};
