import { Controller, Get, Param } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Actor, assertOwnsProducer, AuthModule, CurrentActor, Roles } from '@ocop/auth';
import { ProblemFilter } from '@ocop/service-kit';

/** What a catalogue or traceability service does with identity's tokens, in miniature. */
@Controller()
class ProducerBatchesController {
  @Get('whoami')
  whoami(@CurrentActor() actor: Actor) {
    return actor;
  }

  @Get('producers/:producerId/batches')
  batches(@CurrentActor() actor: Actor, @Param('producerId') producerId: string) {
    assertOwnsProducer(actor, producerId, 'Producer');
    return { producerId, batches: [] };
  }

  @Roles('officer', 'admin')
  @Get('inspections')
  inspections() {
    return [];
  }
}

export interface SecondService {
  app: NestFastifyApplication;
  get(path: string, token?: string): Promise<{ status: number; body: Record<string, unknown> }>;
}

/** Verifies tokens only through identity's published JWKS, like every other service of the platform. */
export async function startSecondService(
  identityUrl: string,
  issuer: string,
  audience: string,
): Promise<SecondService> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AuthModule.forRoot({
        jwksUrl: `${identityUrl}/.well-known/jwks.json`,
        issuer,
        audience,
        jwksCooldownMs: 200,
      }),
    ],
    controllers: [ProducerBatchesController],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    logger: false,
  });
  app.useGlobalFilters(new ProblemFilter());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    async get(path, token) {
      const res = await app.inject({
        method: 'GET',
        url: path,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { status: res.statusCode, body: res.json() };
    },
  };
}
