#!/usr/bin/env node
// `npm test`: everything CI checks, in the order a failure is cheapest to find.
// lint (with module boundaries) → typecheck (services, portal) → compose file matches npm start → benchmarks launch
// services as npm start → build → the portal's component tests → jest (unit + integration on the real Postgres and
// NATS, end-to-end with browsers) → start smoke test. `npm test -- jest` (or lint, typecheck, …) runs one step.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;
const env = {
  ...process.env,
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  FORCE_COLOR: process.env.CI ? '0' : '1',
};

function step(name, command, args) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${name}: ${command} ${args.join(' ')}`);
    const child = spawn(command, args, { cwd: root, env, stdio: 'inherit' });
    child.on('exit', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      console.log(`${code === 0 ? '✔' : '✘'} ${name} (${seconds} s)`);
      resolve(code === 0);
    });
  });
}

const only = process.argv.slice(2);
const want = (name) => only.length === 0 || only.includes(name);
const results = {};
mkdirSync(`${root}/tmp`, { recursive: true });

// The module-boundaries rule reads Nx's cached project graph and is silently skipped without one (a fresh
// clone has none), so the graph is computed first.
if (want('lint')) {
  results.lint =
    (await step('project graph', 'npx', ['nx', 'show', 'projects'])) &&
    (await step('lint', 'npx', ['eslint', '.', '--max-warnings=0']));
}
if (want('format'))
  results.format = await step('format', 'npx', ['prettier', '--check', '.', '--log-level=warn']);
if (want('typecheck'))
  results.typecheck =
    (await step('typecheck', 'npx', ['tsc', '-p', 'tsconfig.check.json'])) &&
    // The portal is browser code (DOM, JSX, Vite's import.meta): its own compiler settings.
    (await step('typecheck portal', 'npx', ['tsc', '-p', 'apps/portal/tsconfig.json', '--noEmit']));
if (want('compose')) results.compose = await step('compose', 'node', ['tools/ci/compose-check.mjs']);
if (want('launch')) results.launch = await step('launch', 'node', ['tools/ci/launch-check.mjs']);
if (want('build') || want('jest') || want('smoke'))
  results.build = await step('build', 'npx', [
    'nx',
    'run-many',
    '-t',
    'build',
    '--projects=tag:type:app',
    '--outputStyle=static',
  ]);
// The portal's component tests (Vitest in jsdom: forms as a person fills them in, without the platform).
if (want('portal'))
  results.portal = await step('portal components', 'npx', [
    'vitest',
    'run',
    '--config',
    'apps/portal/vitest.config.mts',
  ]);
let jestCounts = { passed: 0, failed: 0 };
if (want('jest')) {
  results.jest = await step('jest', 'npx', [
    'jest',
    '--ci',
    '--maxWorkers=2',
    '--json',
    '--outputFile=tmp/jest-results.json',
  ]);
  try {
    const r = JSON.parse(readFileSync(`${root}/tmp/jest-results.json`, 'utf8'));
    jestCounts = { passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites };
  } catch {
    jestCounts.failed += 1;
  }
}
if (want('smoke') && results.build) results.smoke = await step('smoke', 'node', ['tools/ci/smoke.mjs']);

const failedSteps = Object.entries(results)
  .filter(([, ok]) => !ok)
  .map(([n]) => n);
const passed = jestCounts.passed + (results.smoke ? 1 : 0);
const failed =
  jestCounts.failed +
  (results.smoke === false ? 1 : 0) +
  failedSteps.filter((s) => s !== 'jest' && s !== 'smoke').length;
console.log(
  `\nsteps: ${Object.keys(results).length - failedSteps.length} ok${failedSteps.length ? `, failed: ${failedSteps.join(', ')}` : ''}`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
