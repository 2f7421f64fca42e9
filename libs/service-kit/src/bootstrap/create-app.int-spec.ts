import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from '@ocop/contracts';
import { createTestDatabase, TestDatabase } from '@ocop/testing';
import { IsString, MaxLength } from 'class-validator';
import { BaseServiceConfig } from '../config/base-config';
import { loadConfig } from '../config/load-config';
import { Public } from '../public.decorator';
import { ServiceKitModule } from '../service-kit.module';
import { createServiceApp } from './create-app';

class CreateWidget {
  @IsString()
  @MaxLength(5)
  name!: string;
}

@Public()
@Controller('widgets')
class WidgetController {
  @Post()
  create(@Body() body: CreateWidget) {
    return { created: body.name };
  }

  @Get('boom')
  boom() {
    throw new Error('secret connection string postgres://admin:pw@db');
  }

  @Get('domain')
  domain() {
    throw new DomainError('widget-sold-out', 409, 'Widget sold out', 'No widgets left', {
      retryAfterSeconds: 30,
    });
  }
}

describe('a service built by createServiceApp', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    db = await createTestDatabase('kit');
    const config = loadConfig('kit', BaseServiceConfig, {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      HTTP_BODY_LIMIT_BYTES: '2048',
      // Low, so that the last test reaches it; the others stay well below.
      RATE_LIMIT_PUBLIC_PER_MINUTE: '40',
      RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '1000',
    });
    @Module({
      imports: [ServiceKitModule.forRoot({ serviceName: 'kit', config, entities: [], migrations: [] })],
      controllers: [WidgetController],
    })
    class KitModule {}
    app = await createServiceApp(
      { name: 'kit', title: 'Kit', description: 'test', module: () => KitModule },
      config,
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const inject = (opts: Parameters<NestFastifyApplication['inject']>[0]) => app.inject(opts);

  it('reports live and ready (database reachable)', async () => {
    expect((await inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().info.database.status).toBe('up');
  });

  it('rejects bad input with a problem naming each field, including unknown ones', async () => {
    const res = await inject({
      method: 'POST',
      url: '/widgets',
      payload: { name: 'toolong', colour: 'red' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json();
    expect(body.code).toBe('validation-failed');
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'name']);
  });

  it('accepts good input', async () => {
    const res = await inject({ method: 'POST', url: '/widgets', payload: { name: 'ok' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ created: 'ok' });
  });

  it('answers malformed JSON and oversized bodies with specific problems', async () => {
    const bad = await inject({
      method: 'POST',
      url: '/widgets',
      headers: { 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('malformed-json');
    const big = await inject({ method: 'POST', url: '/widgets', payload: { name: 'x'.repeat(5000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('payload-too-large');
  });

  it('refuses a NUL character anywhere (body, query, path) with a 400 naming where, before any handler', async () => {
    const body = await inject({ method: 'POST', url: '/widgets', payload: { name: 'a\u0000b' } });
    expect(body.statusCode).toBe(400);
    expect(body.json()).toMatchObject({ code: 'validation-failed', errors: [{ field: 'name' }] });
    const query = await inject({ method: 'GET', url: '/widgets/domain?q=%00' });
    expect(query.statusCode).toBe(400);
    expect(query.json().errors[0].field).toBe('q');
  });

  it('hides internal errors and keeps domain errors with their code and Retry-After', async () => {
    const boom = await inject({ method: 'GET', url: '/widgets/boom' });
    expect(boom.statusCode).toBe(500);
    expect(boom.body).not.toContain('secret');
    expect(boom.json().code).toBe('internal-error');
    const sold = await inject({ method: 'GET', url: '/widgets/domain' });
    expect(sold.statusCode).toBe(409);
    expect(sold.headers['retry-after']).toBe('30');
    expect(sold.json()).toMatchObject({ code: 'widget-sold-out', type: 'urn:ocop:problem:widget-sold-out' });
  });

  it('answers an unknown route with a not-found problem', async () => {
    const res = await inject({ method: 'GET', url: '/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('not-found');
  });

  it('echoes a sane request id and replaces an unsafe one', async () => {
    const kept = await inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'req-12345678' },
    });
    expect(kept.headers['x-request-id']).toBe('req-12345678');
    const replaced = await inject({
      method: 'GET',
      url: '/health/live',
      headers: { 'x-request-id': 'bad id\n' },
    });
    expect(replaced.headers['x-request-id']).not.toContain('bad');
  });

  it('exposes Prometheus metrics and the OpenAPI document', async () => {
    const metrics = await inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('http_request_duration_seconds');
    const doc = await inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(doc.json().paths['/widgets']).toBeDefined();
  });

  // Last: it spends the anonymous budget of this client address.
  it('limits each client per minute with a 429 problem and Retry-After, never health checks or credentialed calls', async () => {
    let limited;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await inject({ method: 'GET', url: '/widgets/domain' });
      if (res.statusCode === 429) limited = res;
    }
    expect(limited?.headers['content-type']).toContain('application/problem+json');
    expect(limited?.json()).toMatchObject({ code: 'too-many-requests', status: 429 });
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const withToken = await inject({
      method: 'GET',
      url: '/widgets/domain',
      headers: { authorization: 'Bearer x' },
    });
    expect(withToken.statusCode).toBe(409);
  });
});
