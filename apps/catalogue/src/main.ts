import 'reflect-metadata';
import { runService } from '@ocop/service-kit';
import { catalogueService } from './service';

runService(catalogueService).catch((err: unknown) => {
  process.stderr.write(
    `catalogue: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
