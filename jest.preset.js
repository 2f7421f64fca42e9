// Shared by every project's jest.config.ts: ts-jest with isolatedModules (type checking is the typecheck
// step's job, so tests start fast) and the tsconfig path aliases resolved by Nx's resolver. Reference data
// ships as CSV imported as text (webpack: asset/source), so jest turns a .csv into a module the same way.
module.exports = {
  testEnvironment: 'node',
  resolver: '@nx/jest/plugins/resolver',
  moduleFileExtensions: ['ts', 'js', 'json', 'csv'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
    '^.+\\.csv$': '<rootDir>/../../tools/jest/csv-as-text.js',
  },
  testMatch: ['**/?(*.)+(spec|int-spec).ts'],
};
