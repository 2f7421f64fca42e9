#!/usr/bin/env bash
# Usage: tools/scaffold/lib.sh <name> <type-tag>   — creates libs/<name> with project.json, tsconfigs, jest config.
set -euo pipefail
name=$1; type=$2; dir=libs/$name
mkdir -p $dir/src
cat > $dir/project.json <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": ["type:$type", "scope:shared"],
  "targets": {
    "lint": { "executor": "@nx/eslint:lint" },
    "test": { "executor": "@nx/jest:jest", "options": { "jestConfig": "$dir/jest.config.ts" } }
  }
}
JSON
cat > $dir/tsconfig.json <<JSON
{ "extends": "../../tsconfig.base.json", "files": [], "include": [], "references": [{ "path": "./tsconfig.spec.json" }] }
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
