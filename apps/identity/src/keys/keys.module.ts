import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { JwksController } from './jwks.controller';
import { SigningKeys } from './signing-keys.service';

@Module({
  imports: [AuditModule],
  controllers: [JwksController],
  providers: [SigningKeys],
  exports: [SigningKeys],
})
export class KeysModule {}
