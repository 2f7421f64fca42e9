#!/usr/bin/env bash
# Usage: tools/scaffold/app.sh <service>  — creates apps/<service> with the build, serve, lint and test targets.
set -euo pipefail
name=$1; dir=apps/$name
mkdir -p $dir/src
cat > $dir/project.json <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "application",
  "tags": ["type:app", "scope:$name"],
  "targets": {
    "build": {
      "executor": "nx:run-commands",
      "outputs": ["{workspaceRoot}/dist/apps/$name"],
      "options": { "command": "webpack-cli build --config $dir/webpack.config.js", "env": { "NODE_ENV": "production" } }
    },
    "serve": {
      "executor": "@nx/js:node",
      "options": { "buildTarget": "$name:build", "runBuildTargetDependencies": false }
    },
    "migrate": {
      "executor": "nx:run-commands",
      "dependsOn": ["build"],
      "options": { "command": "node dist/apps/$name/main.js migrate" }
    },
    "lint": { "executor": "@nx/eslint:lint" },
    "test": { "executor": "@nx/jest:jest", "options": { "jestConfig": "$dir/jest.config.ts" } }
  }
}
JSON
cat > $dir/webpack.config.js <<JS
const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: { path: join(__dirname, '../../dist/apps/$name') },
  devtool: 'source-map',
  // Reference data (e.g. administrative units from @ocop/ocop-domain) ships as CSV bundled as text.
  module: { rules: [{ test: /\\.csv\$/, type: 'asset/source' }] },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      assets: [],
      optimization: false,
      outputHashing: 'none',
      // Type errors are the typecheck step's job; the bundle only needs transpiling.
      skipTypeChecking: true,
      externalDependencies: 'all',
      sourceMap: true,
    }),
  ],
};
JS
cat > $dir/tsconfig.json <<JSON
{ "extends": "../../tsconfig.base.json", "files": [], "include": [], "references": [{ "path": "./tsconfig.app.json" }, { "path": "./tsconfig.spec.json" }] }
JSON
cat > $dir/tsconfig.app.json <<JSON
{ "extends": "../../tsconfig.base.json", "compilerOptions": { "outDir": "../../dist/out-tsc", "types": ["node"] }, "include": ["src/**/*.ts"], "exclude": ["src/**/*.spec.ts", "src/**/*.int-spec.ts"] }
JSON
cat > $dir/tsconfig.spec.json <<JSON
{ "extends": "../../tsconfig.base.json", "compilerOptions": { "types": ["jest", "node"], "isolatedModules": true }, "include": ["src/**/*.ts", "test/**/*.ts"] }
JSON
cat > $dir/jest.config.ts <<JSON
export default {
  displayName: '$name',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
};
JSON
