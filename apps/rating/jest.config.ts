export default {
  displayName: 'rating',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  // Integration tests boot the whole service on a real Postgres and NATS.
  testTimeout: 30_000,
  // The scoring sheets ship as CSV imported as text (webpack: asset/source); jest needs the same.
  moduleFileExtensions: ['ts', 'js', 'json', 'csv'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    '^.+\\.csv$': '<rootDir>/test/csv-as-text.js',
  },
};
