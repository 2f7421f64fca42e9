// For scripts run with ts-node (the dev seed, benchmarks): reference data ships as CSV imported as text — webpack's
// asset/source in the bundles, tools/jest/csv-as-text.js in tests — and node needs the same rule.
//   node -r ts-node/register/transpile-only -r tsconfig-paths/register -r ./tools/dev/require-csv.cjs …
const { readFileSync } = require('node:fs');

require.extensions['.csv'] = (module, filename) => {
  module.exports = readFileSync(filename, 'utf8');
};
