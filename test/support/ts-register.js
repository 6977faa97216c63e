// Preloaded (`node -r`) by test/support/api-process.ts: runs the API from its TypeScript sources
// in a child process of a test. Each .ts file is compiled with swc as it is required (the same
// options as jest's transform), and the @ajar/* aliases resolve as in tsconfig.json.
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');
const { register } = require('tsconfig-paths');
const { compilerOptions } = require('../../tsconfig.json');

register({ baseUrl: path.join(__dirname, '../..'), paths: compilerOptions.paths });

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    sourceMaps: 'inline',
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
