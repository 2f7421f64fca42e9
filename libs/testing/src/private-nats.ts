import { ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

const STARTUP_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export interface PrivateNats {
  url: string;
  /** Stops the server (its JetStream store is kept, so `restart` brings the same streams back). */
  stop(): Promise<void>;
  /** Starts the server again on the same port and store, stopping it first if it is running. */
  restart(): Promise<void>;
  /** Stops the server and deletes its store. */
  dispose(): Promise<void>;
}

/**
 * A NATS server with JetStream that only this test uses, so that it can be stopped and restarted (outage tests)
 * without disturbing anyone sharing the local server. Binary from `NATS_SERVER_BIN`, default /usr/sbin/nats-server.
 */
export async function startPrivateNats(): Promise<PrivateNats> {
  const binary = process.env['NATS_SERVER_BIN'] || '/usr/sbin/nats-server';
  const port = await freePort();
  const storeDir = await mkdtemp(join(tmpdir(), 'nats-test-'));
  let proc: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const child = spawn(binary, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const settle = (error?: Error) => {
        clearTimeout(timer);
        child.off('error', onError);
        child.off('exit', onExit);
        child.stderr?.off('data', onData);
        child.stderr?.resume(); // keep draining the log, or a full pipe would block the server
        if (error) {
          child.kill('SIGKILL');
          reject(error);
        } else {
          resolve();
        }
      };
      const fail = (why: string) => settle(new Error(`nats-server on port ${port} ${why}:\n${output}`));
      const onError = (err: Error) => fail(`could not start (${err.message})`);
      const onExit = (code: number | null) => fail(`exited with ${code}`);
      // The server logs to stderr; this line comes once the client port accepts connections and JetStream is up.
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Server is ready')) settle();
      };
      const timer = setTimeout(() => fail(`not ready within ${STARTUP_TIMEOUT_MS} ms`), STARTUP_TIMEOUT_MS);
      child.once('error', onError);
      child.once('exit', onExit);
      child.stderr?.on('data', onData);
    });
  };

  const stop = async (): Promise<void> => {
    const child = proc;
    proc = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    dispose: async () => {
      await stop();
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}
