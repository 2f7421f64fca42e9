#!/usr/bin/env node
// Cold start to ready and idle RSS of each built service, started exactly as `npm start` starts it.
// Targets: ready in < 3 s, idle RSS < 150 MB. Run after `npx nx run-many -t build`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dropDatabases, deleteStreams } from '../dev/cleanup.mjs';
import { run } from '../dev/platform.mjs';
import { benchEnv, migrateCommand, serviceCommand, services } from '../dev/services.mjs';

const root = new URL('../..', import.meta.url).pathname;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// `node tools/bench/service-start.mjs rating lookup`: those services only (all when none is named).
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

/**
 * Idle RSS budgets by memory profile (decision 0030): 150 MB for every service, except that the throughput profile
 * (lookup: a 16 MB young generation, for the scans' rate and p99) is allowed what that costs at rest. Lookup idled
 * at 128 MB quiet, 138 MB bulk and 154 MB throughput (2026-12-04).
 */
const IDLE_RSS_BUDGET_MB = { quiet: 150, bulk: 150, throughput: 165 };

async function once(service, env) {
  const started = process.hrtime.bigint();
  const [node, ...args] = serviceCommand(service);
  const child = spawn(node, args, {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  const deadline = Date.now() + 20_000;
  let readyMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${env.PORT}/health/ready`);
      if (res.ok) {
        readyMs = Number(process.hrtime.bigint() - started) / 1e6;
        break;
      }
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  await new Promise((r) => setTimeout(r, 3000)); // let start-up garbage settle before reading idle RSS
  const rss = rssMb(child.pid);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  if (readyMs === undefined) throw new Error(`${service.name} not ready within 20 s`);
  return { readyMs, rss };
}

async function benchServiceStart() {
  const id = randomBytes(3).toString('hex');
  const options = { portBase: 4500, dbPrefix: `t_bench_${id}`, namespace: `tbench${id}` };
  const rows = [];
  try {
    for (const s of services.filter((s) => only.length === 0 || only.includes(s.name))) {
      const env = { ...process.env, ...benchEnv(s, options) };
      const [node, ...args] = migrateCommand(s);
      await run(node, args, { env, quiet: true });
      const results = [];
      for (let i = 0; i < RUNS; i++) results.push(await once(s, env));
      const ready = results.map((r) => r.readyMs).sort((a, b) => a - b);
      const rss = results.map((r) => r.rss).sort((a, b) => a - b);
      rows.push({
        service: s.name,
        readyMedianMs: Math.round(ready[Math.floor(ready.length / 2)]),
        readyMaxMs: Math.round(ready[ready.length - 1]),
        rssBudgetMb: IDLE_RSS_BUDGET_MB[s.memory],
        idleRssMedianMb: Math.round(rss[Math.floor(rss.length / 2)]),
      });
    }
  } finally {
    await dropDatabases(options.dbPrefix);
    await deleteStreams(options.namespace);
  }
  return rows;
}

const rows = await benchServiceStart();
console.table(rows);
console.log(
  JSON.stringify({
    rows: rows.flatMap((r) => [
      {
        name: `${r.service} cold start to ready (median of ${RUNS}, max ${r.readyMaxMs} ms)`,
        value: r.readyMedianMs,
        unit: 'ms',
        target: '< 3000 ms',
        pass: r.readyMaxMs < 3000,
      },
      {
        name: `${r.service} idle RSS (median)`,
        value: r.idleRssMedianMb,
        unit: 'MB',
        target: `< ${r.rssBudgetMb} MB`,
        pass: r.idleRssMedianMb < r.rssBudgetMb,
      },
    ]),
  }),
);
