import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';

const root = join(__dirname, '../../..');
const pgUrl = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs an npm script of the repository as an operator types it, against the databases of `prefix`. */
function npmRun(prefix: string, script: string, args: string[]): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(
      'npm',
      ['run', '--silent', script, '--', ...args],
      { cwd: root, env: { ...process.env, DB_PREFIX: prefix, EVENT_NAMESPACE: prefix } },
      (err, stdout, stderr) =>
        resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/**
 * The operator's command line in the README works (issue 18 item 3: `npm run dlq` and `npm run db:migrate` pointed
 * at files that did not exist): migrations create and bring a service's database up to date, and the dead-letter
 * command reads it through the service's own `dlq` command. Needs the built services, as npm test builds them.
 */
describe('operator commands (npm run db:migrate, npm run dlq)', () => {
  const prefix = `t_ops_${randomBytes(3).toString('hex')}`;

  afterAll(async () => {
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    for (const service of ['catalogue', 'notifications'])
      await client.query(`DROP DATABASE IF EXISTS "${prefix}_${service}" WITH (FORCE)`);
    await client.end();
  });

  it('creates the named services’ databases, applies their migrations, and says so again when up to date', async () => {
    const first = await npmRun(prefix, 'db:migrate', ['catalogue', 'notifications']);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/catalogue: applied .*CatalogueSchema/);
    expect(first.stdout).toMatch(/notifications: applied /);
    const again = await npmRun(prefix, 'db:migrate', ['catalogue']);
    expect(again).toMatchObject({ code: 0 });
    expect(again.stdout).toContain('catalogue: schema up to date');
  });

  it('lists a service’s open dead letters, and refuses what it does not know with its usage', async () => {
    const list = await npmRun(prefix, 'dlq', ['notifications', 'list']);
    expect(list).toMatchObject({ code: 0 });
    expect(list.stdout).toContain('0 open dead letter(s)');

    const unknownLetter = await npmRun(prefix, 'dlq', ['notifications', 'replay', randomUUID()]);
    expect(unknownLetter.code).toBe(1);
    expect(unknownLetter.stdout).toMatch(/replayed 0 of 1/);

    for (const args of [['nobody', 'list'], ['catalogue']]) {
      const refused = await npmRun(prefix, 'dlq', args);
      expect({ args, code: refused.code }).toEqual({ args, code: 2 });
      expect(refused.stderr).toContain('usage: npm run dlq');
    }
    const migrateUnknown = await npmRun(prefix, 'db:migrate', ['nobody']);
    expect(migrateUnknown.code).toBe(2);
    expect(migrateUnknown.stderr).toContain('Unknown service(s): nobody');
  });
});
