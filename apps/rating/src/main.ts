import 'reflect-metadata';
import { runService } from '@ocop/service-kit';
import { ratingService } from './service';

runService(ratingService).catch((err: unknown) => {
  process.stderr.write(
    `rating: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
