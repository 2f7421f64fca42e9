export default {
  displayName: 'catalogue',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Integration tests run on the real Postgres and NATS beside other suites on two cores: a 2,000-row import
  // takes seconds there, which jest's 5-second default would cut short.
  testTimeout: 30_000,
  // Reference data ships as CSV files imported as text (webpack: asset/source); jest needs the same.
  moduleFileExtensions: ['ts', 'js', 'json', 'csv'],
  transform: { '^.+\\.csv$': '<rootDir>/test/csv-as-text.js' },
};
