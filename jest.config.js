/** One Jest run over every workspace; the embedded database is started once for all of it. */
const transform = { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] };

module.exports = {
  testEnvironment: 'node',
  transform,
  testMatch: ['<rootDir>/{packages/*,gateway,subgraphs/*,schema,scripts,frontends/test,e2e}/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.data/'],
  // The frontends' build-time alias for their shared sources (frontends/common/src).
  moduleNameMapper: { '^@soc/ui-common/(.*)$': '<rootDir>/frontends/common/src/$1' },
  globalSetup: '<rootDir>/test/globalSetup.ts',
  globalTeardown: '<rootDir>/test/globalTeardown.ts',
  testTimeout: 60_000,
};
