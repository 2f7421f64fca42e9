// Starts the built services as separate processes, waits for readiness, stops them cleanly.
// Used by `npm start` (tools/dev/start.mjs) and by the start smoke test.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startMailCatcher } from './mail-catcher.mjs';
import { migrateCommand, serviceCommand, services, serviceEnv } from './services.mjs';

/**
 * How long a service may take to become ready before start-up is called failed. Idle, each is ready in about two
 * seconds; on two cores shared with a test run or a benchmark it has taken over a minute, which is slow, not broken.
 */
const READY_TIMEOUT_MS = 180_000;

const root = new URL('../..', import.meta.url).pathname;

const COLORS = [36, 35, 33, 32, 34, 31];
const paint = (i, s) => (process.stdout.isTTY ? `\x1b[${COLORS[i % COLORS.length]}m${s}\x1b[0m` : s);

// Nest's start-up chatter (every module and route) stays in the log file, off the console.
const QUIET_CONTEXTS = new Set([
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestFactory',
  'NestMicroservice',
]);

/** One compact console line per pino JSON line (or null to skip); the full line goes to .dev/logs/<service>.log. */
function formatLine(name, index, line) {
  let text = line;
  try {
    const entry = JSON.parse(line);
    if (entry.level <= 30 && QUIET_CONTEXTS.has(entry.context)) return null;
    const level =
      { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' }[entry.level] ?? '';
    const req = entry.req ? ` ${entry.req.method} ${entry.req.url}` : '';
    const res = entry.res ? ` → ${entry.res.statusCode}` : '';
    text = `${level.padEnd(5)} ${entry.msg ?? ''}${req}${res}${entry.err ? ` ${entry.err.message ?? ''}` : ''}`;
  } catch {
    /* not JSON: print as is */
  }
  return `${paint(index, name.padEnd(14))}| ${text}`;
}

export function run(command, args, { env = {}, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: quiet ? 'pipe' : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${output}`)),
    );
  });
}

export class Platform {
  constructor(options = {}) {
    this.options = options;
    this.children = new Map();
    this.logDir = join(root, '.dev', 'logs');
    this.stopping = false;
    this.list = services.filter((s) => !options.only || options.only.includes(s.name));
  }

  envOf(service) {
    const smtpUrl = this.mail ? `smtp://127.0.0.1:${this.mail.smtpPort}` : undefined;
    return {
      ...serviceEnv(service, { ...this.options, smtpUrl }),
      ...(this.options.extraEnv?.[service.name] ?? {}),
    };
  }

  /** The mail catcher's web page, where notification mails can be read (when notifications runs). */
  get mailUrl() {
    return this.mail ? `http://127.0.0.1:${this.mail.httpPort}` : undefined;
  }

  urlOf(service) {
    return `http://127.0.0.1:${this.envOf(service).PORT}`;
  }

  async migrate() {
    await Promise.all(
      this.list.map(async (s) => {
        const out = await run(migrateCommand(s)[0], migrateCommand(s).slice(1), {
          env: this.envOf(s),
          quiet: true,
        });
        if (!this.options.silent) process.stdout.write(out);
      }),
    );
  }

  /**
   * Starts every service. Notifications sends mail: a development mail catcher takes it (ports from
   * `options.mail`, or free ones), so that nothing leaves the machine and the mails can be read.
   */
  async start() {
    mkdirSync(this.logDir, { recursive: true });
    if (this.list.some((s) => s.name === 'notifications') && !this.mail) {
      this.mail = await startMailCatcher({
        smtpPort: this.options.mail?.smtpPort ?? 0,
        httpPort: this.options.mail?.httpPort ?? 0,
      });
    }
    this.list.forEach((s, index) => this.startOne(s, index));
  }

  /** Kills one service at once (SIGKILL: no draining, as in a crash); it stays down until `restart`. */
  async kill(name) {
    const child = this.children.get(name);
    if (!child) return;
    this.killed ??= new Set();
    this.killed.add(name);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Starts one stopped service again and waits until it is ready. */
  async restart(name, timeoutMs = READY_TIMEOUT_MS) {
    const index = this.list.findIndex((s) => s.name === name);
    if (index < 0) throw new Error(`no service ${name}`);
    if (this.children.has(name)) await this.kill(name);
    this.killed?.delete(name);
    this.startOne(this.list[index], index);
    await this.waitUntilReady(timeoutMs, [name]);
  }

  startOne(s, index) {
    const log = createWriteStream(join(this.logDir, `${s.name}.log`), { flags: 'a' });
    const [node, ...args] = serviceCommand(s);
    const child = spawn(node, args, {
      cwd: root,
      env: { ...process.env, ...this.envOf(s) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail = [];
    const onData = (chunk) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        log.write(`${line}\n`);
        tail.push(line);
        if (tail.length > 30) tail.shift();
        const shown = this.options.silent ? null : formatLine(s.name, index, line);
        if (shown) console.log(shown);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      this.children.delete(s.name);
      log.end();
      if (!this.stopping && !this.killed?.has(s.name)) {
        console.error(
          `\n${s.name} exited unexpectedly (code ${code}, signal ${signal}). Last lines:\n${tail.join('\n')}`,
        );
        this.onCrash?.(s.name);
      }
    });
    this.children.set(s.name, child);
  }

  async waitUntilReady(timeoutMs = READY_TIMEOUT_MS, names = this.list.map((s) => s.name)) {
    const deadline = Date.now() + timeoutMs;
    const pending = new Set(names);
    while (pending.size) {
      if (Date.now() > deadline)
        throw new Error(`Not ready after ${timeoutMs} ms: ${[...pending].join(', ')}`);
      for (const s of this.list.filter((x) => pending.has(x.name))) {
        if (!this.children.has(s.name)) throw new Error(`${s.name} is not running`);
        try {
          const res = await fetch(`${this.urlOf(s)}/health/ready`);
          if (res.ok) pending.delete(s.name);
        } catch {
          /* not listening yet */
        }
      }
      if (pending.size) await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** SIGTERM to every service, then wait; a service that has not stopped in time is killed and reported. */
  async stop(timeoutMs = 15_000) {
    this.stopping = true;
    const exits = [...this.children.entries()].map(
      ([name, child]) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve({ name, clean: false });
          }, timeoutMs);
          child.once('exit', (code) => {
            clearTimeout(timer);
            resolve({ name, clean: code === 0 });
          });
          child.kill('SIGTERM');
        }),
    );
    const results = await Promise.all(exits);
    await this.mail?.close();
    this.mail = undefined;
    return results;
  }
}
