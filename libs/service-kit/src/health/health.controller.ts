import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { Public } from '../public.decorator';
import { Readiness } from './readiness';

const CHECK_TIMEOUT_MS = 2000;

function withTimeout(p: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(resolve, reject).finally(() => clearTimeout(t));
  });
}

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly readiness: Readiness,
  ) {}

  /** The process is up and its event loop turns; a failure here means restart it. */
  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  /** May this instance take traffic: database and NATS answer, and it is not shutting down. */
  @Get('ready')
  @HealthCheck()
  ready() {
    if (this.readiness.draining) throw new ServiceUnavailableException('shutting down');
    return this.health.check(
      this.readiness.entries().map(([name, check]) => async () => {
        const session = this.indicator.check(name);
        try {
          await withTimeout(check(), CHECK_TIMEOUT_MS);
          return session.up();
        } catch (err) {
          return session.down({ message: (err as Error).message });
        }
      }),
    );
  }
}
