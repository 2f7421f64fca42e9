import 'reflect-metadata';
import { runService } from '@ocop/service-kit';
import { identityService } from './service';

runService(identityService).catch((err: unknown) => {
  process.stderr.write(
    `identity: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
