import 'reflect-metadata';
import { runService } from '@ocop/service-kit';
import { notificationsService } from './service';

runService(notificationsService).catch((err: unknown) => {
  process.stderr.write(
    `notifications: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
