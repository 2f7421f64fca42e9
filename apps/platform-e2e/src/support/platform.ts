import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface PlatformOptions {
  /** Service ports are portBase + 1 (identity) … + 6 (lookup), as in tools/dev/services.mjs. */
  portBase: number;
  dbPrefix: string;
  namespace: string;
  /** PostgreSQL server and NATS the services use (default: the local ones, as npm start). */
  pgUrl?: string;
  natsUrl?: string;
  /** Extra environment per service name, e.g. { rating: { REMINDER_POLL_MS: '200' } }. */
  extraEnv?: Record<string, Record<string, string>>;
  /** Where each service's log goes (default .dev/logs, shared with npm start). */
  logDir?: string;
  readyTimeoutMs?: number;
}

export interface RunningPlatform {
  /** Every service the runner started (tools/dev/services.mjs), with its base URL. */
  services: string[];
  /** Those that publish or consume events (an outbox, an inbox, dead letters): all but the gateway. */
  eventServices: string[];
  urls: Record<string, string>;
  /** The mail catcher's page (GET /messages.json lists every mail notifications sent). */
  mailUrl?: string;
  /** Stops every service (SIGTERM, then SIGKILL after 15 s); says which stopped cleanly. */
  stop(): Promise<{ name: string; clean: boolean }[]>;
  /** SIGKILL to one service, as in a crash: no draining, no goodbye. */
  kill(service: string): Promise<void>;
  /** Starts a killed service again and waits until it is ready. */
  restart(service: string): Promise<void>;
}

interface Message {
  type: 'ready' | 'error' | 'crashed' | 'stopped' | 'done' | 'failed';
  id?: number;
  services?: string[];
  eventServices?: string[];
  urls?: Record<string, string>;
  mailUrl?: string;
  message?: string;
  service?: string;
  results?: { name: string; clean: boolean }[];
}

const RUNNER = join(__dirname, 'run-platform.mjs');

/**
 * Migrates and starts every built service as its own process, with `npm start`'s runner (tools/dev/platform.mjs)
 * run by a small node script, and resolves once all answer /health/ready.
 */
export function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  const child: ChildProcess = spawn(process.execPath, [RUNNER, JSON.stringify(options)], {
    env: { ...process.env, LOG_LEVEL: process.env['E2E_LOG_LEVEL'] ?? 'info' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const listeners = new Set<(m: Message) => void>();
  let stderr = '';
  let buffered = '';
  let started = false;
  child.stderr?.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
    // After start-up the runner writes here only when a service dies unexpectedly: show it with the test.
    if (started) process.stderr.write(d);
  });
  child.stdout?.on('data', (d) => {
    buffered += d;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      let message: Message;
      try {
        message = JSON.parse(line);
      } catch {
        continue;
      }
      for (const l of listeners) l(message);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let commands = 0;
  const command = (cmd: 'kill' | 'restart', service: string) =>
    new Promise<void>((resolve, reject) => {
      const id = ++commands;
      const listener = (m: Message) => {
        if (m.id !== id) return;
        listeners.delete(listener);
        if (m.type === 'done') resolve();
        else reject(new Error(`platform: ${cmd} ${service}: ${m.message}`));
      };
      listeners.add(listener);
      child.stdin?.write(`${JSON.stringify({ id, cmd, service })}\n`);
    });

  return new Promise((resolve, reject) => {
    listeners.add((m) => {
      if (m.type === 'ready') {
        started = true;
        resolve({
          services: m.services ?? [],
          eventServices: m.eventServices ?? [],
          urls: m.urls ?? {},
          mailUrl: m.mailUrl,
          kill: (service) => command('kill', service),
          restart: (service) => command('restart', service),
          stop: async () => {
            const stopped = new Promise<Message>((done) =>
              listeners.add((s) => s.type === 'stopped' && done(s)),
            );
            child.kill('SIGTERM');
            const result = await Promise.race([stopped, exited.then(() => undefined)]);
            await exited;
            return result?.results ?? [];
          },
        });
      } else if (m.type === 'error') reject(new Error(`platform: ${m.message}\n${stderr}`));
      else if (m.type === 'crashed')
        reject(new Error(`platform: ${m.service} exited unexpectedly\n${stderr}`));
    });
    void exited.then((code) => reject(new Error(`platform runner exited (${code}) before ready\n${stderr}`)));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A base such that base … base + span are free now, taken at random below the kernel's ephemeral range
 * (32768–60999 here): ports in that range are handed to outgoing connections (every test's Postgres and NATS
 * clients) at any moment, so a port found free there can be taken before the service binds it.
 */
export async function freePortBase(span = 6): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * (12_000 - span));
    // base itself is the gateway's port (tools/dev/services.mjs), base + 1 … + span the services'.
    const free = await Promise.all(Array.from({ length: span + 1 }, (_, i) => portIsFree(base + i)));
    if (free.every(Boolean)) return base;
  }
  throw new Error(`no ${span} consecutive free ports found between 20000 and 32000`);
}
