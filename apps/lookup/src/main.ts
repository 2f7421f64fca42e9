import 'reflect-metadata';
import { runService } from '@ocop/service-kit';
import { lookupService } from './service';

runService(lookupService).catch((err: unknown) => {
  process.stderr.write(
    `lookup: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
