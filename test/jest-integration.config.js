// Integration and end-to-end tests: real PostgreSQL, Redis, BullMQ workers and HTTP server.
// globalSetup migrates one template database; each jest worker clones it (test/setup/worker-env.ts).
const preset = require('../jest.preset');

module.exports = {
  ...preset,
  displayName: 'integration',
  roots: ['<rootDir>/test'],
  testRegex: '\\.(int|e2e)-spec\\.ts$',
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup/worker-env.ts'],
  testTimeout: 30000,
  maxWorkers: 2,
};
