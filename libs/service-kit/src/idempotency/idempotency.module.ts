import { Global, Module } from '@nestjs/common';
import { IdempotencyService } from './idempotency.service';

/** Import once in the app module; every feature module's create endpoints can then use IdempotencyService. */
@Global()
@Module({ providers: [IdempotencyService], exports: [IdempotencyService] })
export class IdempotencyModule {}
