import 'reflect-metadata';
import { runService } from '@ocop/service-kit';
import { gatewayService } from './service';

runService(gatewayService).catch((err: unknown) => {
  process.stderr.write(
    `gateway: failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
