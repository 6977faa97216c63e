// Unit tests: pure code, next to it. No database, no Redis.
const preset = require('./jest.preset');

module.exports = {
  ...preset,
  displayName: 'unit',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  testRegex: '\\.spec\\.ts$',
};
