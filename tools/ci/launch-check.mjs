#!/usr/bin/env node
// Benchmarks must measure the services as they run (issue 14): every launch of a service, in the dev runner, the
// end-to-end runner and every benchmark, goes through tools/dev/services.mjs (serviceCommand, migrateCommand,
// benchEnv), which docker-compose is checked against (compose-check.mjs). A file that names a bundle or a V8 memory
// flag itself is launching a service its own way: this check fails on it, so the two cannot drift again.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const ONE_SOURCE = 'tools/dev/services.mjs';
/** How a file would launch a service its own way: a bundle path, or Node.js memory flags of its own. */
const OWN_LAUNCH = [/dist\/apps\//, /\bmain\.js['"`\]]/, /--max-(semi|old)-space|--max-young-generation/];
// The runners (npm start's, the end-to-end suites') and every benchmark. A test that starts a bundle on purpose with
// a broken configuration is not a launch as deployed.
const SCANNED = ['tools', 'apps/platform-e2e/src/support', ...appBenchFolders()];

function appBenchFolders() {
  return readdirSync(join(root, 'apps'))
    .map((app) => `apps/${app}/test/bench`)
    .filter((dir) => exists(dir));
}

function exists(path) {
  try {
    statSync(join(root, path));
    return true;
  } catch {
    return false;
  }
}

function* files(dir) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) yield* files(path);
    else if (/\.(m?js|cjs|ts)$/.test(entry.name)) yield path;
  }
}

/** Files and lines that launch a service without services.mjs. */
function ownLaunches(paths, read = (p) => readFileSync(join(root, p), 'utf8')) {
  const found = [];
  for (const path of paths) {
    if (path === ONE_SOURCE || path === 'tools/ci/launch-check.mjs') continue;
    read(path)
      .split('\n')
      .forEach((line, i) => {
        if (OWN_LAUNCH.some((re) => re.test(line))) found.push(`${path}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const paths = SCANNED.flatMap((dir) => [...files(dir)]).map((p) => relative(root, join(root, p)));
  const found = ownLaunches(paths);
  if (found.length) {
    console.error(
      `These lines launch a service their own way; use serviceCommand, migrateCommand and benchEnv from ${ONE_SOURCE}:\n  ${found.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`${paths.length} file(s) launch services only through ${ONE_SOURCE}`);
}
