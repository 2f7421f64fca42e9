import { ChildProcess, execFile, spawn } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);
const STARTUP_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

export interface PrivatePostgres {
  /** Server URL (database `postgres`); services append their own database names. */
  url: string;
  port: number;
  /** Fast shutdown: open connections are cut, as in a crash of the server. */
  stop(): Promise<void>;
  /** Starts again on the same port and data, stopping first if it is running. */
  restart(): Promise<void>;
  /** Stops the server and deletes its data. */
  dispose(): Promise<void>;
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
    run('id', ['-u', 'postgres']),
    run('id', ['-g', 'postgres']),
  ]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/** Debian's PostgreSQL binaries (the newest installed major), or PG_BIN_DIR. */
async function binDir(): Promise<string> {
  if (process.env['PG_BIN_DIR']) return process.env['PG_BIN_DIR'];
  const { stdout } = await run('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1']);
  const dir = stdout.trim();
  if (!dir) throw new Error('No PostgreSQL binaries under /usr/lib/postgresql (set PG_BIN_DIR)');
  return dir;
}

/**
 * A PostgreSQL server that only this test uses, so that it can be restarted (fault tests) without disturbing
 * anyone on the shared server. PostgreSQL refuses to run as root, so under root the cluster belongs to `postgres`.
 * Durability is switched off (fsync, full pages): the tests restart the server, they do not pull the power.
 */
export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = await binDir();
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'pg-test-'));
  // As root, every PostgreSQL process runs as the `postgres` user (spawned with its uid, so signals reach it).
  const owner = userInfo().uid === 0 ? await postgresUser() : undefined;
  if (owner) await chown(dataDir, owner.uid, owner.gid);
  await chmod(dataDir, 0o700);
  await run(
    join(bin, 'initdb'),
    ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C.UTF-8'],
    { ...owner },
  );
  let proc: ChildProcess | undefined;

  const start = async (): Promise<void> => {
    const args = [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      dataDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'max_connections=200',
    ];
    const child = spawn(join(bin, 'postgres'), args, { stdio: ['ignore', 'ignore', 'pipe'], ...owner });
    proc = child;
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const settle = (error?: Error) => {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.stderr?.off('data', onData);
        child.stderr?.resume();
        if (error) {
          child.kill('SIGKILL');
          reject(error);
        } else resolve();
      };
      const onExit = (code: number | null) =>
        settle(new Error(`postgres on port ${port} exited with ${code}:\n${output}`));
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('database system is ready to accept connections')) settle();
      };
      const timer = setTimeout(
        () =>
          settle(new Error(`postgres on port ${port} not ready within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)),
        STARTUP_TIMEOUT_MS,
      );
      child.once('exit', onExit);
      child.stderr?.on('data', onData);
    });
  };

  const stop = async (): Promise<void> => {
    const child = proc;
    proc = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // SIGINT is PostgreSQL's "fast" shutdown: open transactions are aborted and clients disconnected.
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    dispose: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
