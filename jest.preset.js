// Shared by every project's jest.config.ts: ts-jest with isolatedModules (type checking is the typecheck
// step's job, so tests start fast) and the tsconfig path aliases resolved by Nx's resolver.
module.exports = {
  testEnvironment: 'node',
  resolver: '@nx/jest/plugins/resolver',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  testMatch: ['**/?(*.)+(spec|int-spec).ts'],
};
