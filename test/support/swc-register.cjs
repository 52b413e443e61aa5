// Lets a child process that a test starts run the TypeScript sources as Jest does (@swc/jest's
// settings in package.json): decorators with their metadata, CommonJS. For tests only. It is loaded
// with `node -r`, before any TypeScript, so it is CommonJS itself.
/* eslint-disable @typescript-eslint/no-require-imports */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: { target: 'es2022', parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
