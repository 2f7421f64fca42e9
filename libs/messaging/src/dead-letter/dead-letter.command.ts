import { BaseServiceConfig, ServiceCommand } from '@ocop/service-kit';
import { DeadLetters, ReplayResult } from './dead-letters';

const USAGE = 'usage: dlq list | dlq replay <id> | dlq replay --all';

function describe(result: ReplayResult): string {
  const what = result.error
    ? `failed: ${result.error}`
    : result.outcome === 'duplicate'
      ? 'already applied'
      : result.outcome;
  return `${result.id}\t${result.eventId ?? '-'}\t${what}`;
}

/**
 * `main.js dlq list` prints the open dead letters; `main.js dlq replay <id>` or `--all` runs the handlers again.
 * Exit code 0 when everything replayed, 1 when a handler failed again, 2 on a usage error.
 */
export const deadLetterCommand: ServiceCommand<BaseServiceConfig> = {
  describe: 'Dead-lettered events: list, replay <id>, replay --all',
  run: async (app, args) => {
    const deadLetters = app.get(DeadLetters);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    const [action, target] = args;

    if (action === 'list' && !target) {
      const rows = await deadLetters.list();
      out(`${rows.length} open dead letter(s)`);
      for (const row of rows) {
        const firstLine = row.error.split('\n')[0];
        out(
          `${row.id}\t${row.failedAt.toISOString()}\t${row.eventType ?? '(invalid)'}\t${row.eventId ?? '-'}\tattempts=${row.attempts}\t${firstLine}`,
        );
      }
      return 0;
    }
    if (action === 'replay' && target) {
      let results: ReplayResult[];
      if (target === '--all') {
        results = await deadLetters.replayAll();
      } else {
        try {
          results = [await deadLetters.replay(target)];
        } catch (err) {
          results = [{ id: target, eventId: null, error: (err as Error).message }];
        }
      }
      results.forEach((result) => out(describe(result)));
      const failed = results.filter((r) => r.error).length;
      out(`replayed ${results.length - failed} of ${results.length}`);
      return failed ? 1 : 0;
    }
    process.stderr.write(`${USAGE}\n`);
    return 2;
  },
};
