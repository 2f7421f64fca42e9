import 'reflect-metadata';
import { runService } from '@ocop/service-kit';
import { traceabilityService } from './service';

runService(traceabilityService).catch((err: unknown) => {
  process.stderr.write(
    `traceability: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
