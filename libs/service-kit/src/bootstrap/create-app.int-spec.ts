import { Body, Controller, Get, HttpCode, Module, Post } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError, Problems } from '@ocop/contracts';
import { createTestDatabase, freePort, TestDatabase } from '@ocop/testing';
import { IsString, MaxLength } from 'class-validator';
import { connect } from 'node:net';
import { Readable } from 'node:stream';
import { BaseServiceConfig } from '../config/base-config';
import { loadConfig } from '../config/load-config';
import { REQUEST_AUTHENTICATOR, RequestAuthenticator } from '../http/caller';
import { readCsvUpload } from '../http/csv-upload';
import { uploadStream } from '../http/uploads';
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

/** Routes that take raw bodies: what reaches a handler is what the guards let through. */
@Public()
@Controller()
class IntakeController {
  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: unknown) {
    return { received: typeof body };
  }

  @Post('uploads/csv')
  @HttpCode(200)
  async csv(@Body() body: unknown) {
    const stream = uploadStream(body);
    if (!stream) throw new DomainError('unsupported-media-type', 415, 'CSV expected');
    const file = await readCsvUpload(stream, { maxRows: 10_000, maxRowBytes: 1024, delimiter: ',' });
    return { rows: file.rows.length };
  }

  @Post('uploads/json')
  @HttpCode(200)
  json(@Body() body: { items: unknown[] }) {
    return { items: body.items.length };
  }
}

/** Stands in for libs/auth: only "Bearer good" verifies. */
const authenticator: RequestAuthenticator = {
  authenticate: async (authorization) => {
    if (authorization === 'Bearer good') return { accountId: 'a' };
    throw Problems.unauthenticated('The access token is not valid.');
  },
};

/** A body of `total` bytes made on demand, which counts how much of it the server has pulled. */
function meteredBody(total: number, line = 'Kẹo dừa,Bến Tre\n') {
  const chunk = Buffer.from(line.repeat(Math.ceil(16_384 / Buffer.byteLength(line))));
  const meter = { read: 0 };
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += piece.length;
      meter.read = sent;
      this.push(piece);
    },
  });
  return { stream, meter };
}

describe('a service built by createServiceApp', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    db = await createTestDatabase('kit');
    const config = loadConfig('kit', BaseServiceConfig, {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'silent',
      HTTP_BODY_LIMIT_BYTES: '8192',
      // Low, so that the last test reaches it; the others stay well below.
      RATE_LIMIT_PUBLIC_PER_MINUTE: '40',
      RATE_LIMIT_AUTHENTICATED_PER_MINUTE: '1000',
    });
    @Module({
      imports: [ServiceKitModule.forRoot({ serviceName: 'kit', config, entities: [], migrations: [] })],
      controllers: [WidgetController, IntakeController],
      providers: [{ provide: REQUEST_AUTHENTICATOR, useValue: authenticator }],
    })
    class KitModule {}
    app = await createServiceApp(
      {
        name: 'kit',
        title: 'Kit',
        description: 'test',
        module: () => KitModule,
        uploadRoutes: () => ({
          'POST /uploads/csv': { maxBytes: 64 * 1024, media: { types: ['text/csv'], as: 'stream' } },
          'POST /uploads/json': { maxBytes: 16 * 1024 },
        }),
      },
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
    const big = await inject({ method: 'POST', url: '/widgets', payload: { name: 'x'.repeat(10_000) } });
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

  it('refuses JSON nested deeper than 64 levels with 400 body-too-deep, before parsing it', async () => {
    // 3,000 levels in 6 KB: validating it overflowed the stack, a 500 on every JSON route with a DTO,
    // unauthenticated ones included.
    for (const payload of [
      `{"name":${'['.repeat(3000)}${']'.repeat(3000)}}`,
      `${'{"a":'.repeat(65)}1${'}'.repeat(65)}`,
    ]) {
      const res = await inject({
        method: 'POST',
        url: '/widgets',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'body-too-deep', maxDepth: 64 });
    }
    const deepEnough = await inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: `${'['.repeat(64)}${']'.repeat(64)}`,
    });
    expect(deepEnough.statusCode).toBe(200);
  });

  it('refuses a NUL character at any depth, naming where', async () => {
    let body: unknown = { name: 'x\u0000' };
    for (let i = 0; i < 40; i++) body = { child: body };
    const res = await inject({ method: 'POST', url: '/echo', payload: body as object });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'validation-failed',
      errors: [{ field: `${'child.'.repeat(40)}name` }],
    });
  });

  it('refuses media types that only upload routes read, on every other route, with 415', async () => {
    for (const contentType of ['text/csv', 'text/plain']) {
      const res = await inject({
        method: 'POST',
        url: '/echo',
        headers: { 'content-type': contentType, authorization: 'Bearer good' },
        payload: 'a,b\n1,2\n',
      });
      expect({ contentType, status: res.statusCode, code: res.json().code }).toEqual({
        contentType,
        status: 415,
        code: 'unsupported-media-type',
      });
    }
  });

  it('reads an upload route only for a caller whose token verifies: 401 first, before the body', async () => {
    for (const authorization of [undefined, 'Bearer garbage']) {
      const { stream, meter } = meteredBody(9 * 1024 * 1024);
      const res = await inject({
        method: 'POST',
        url: '/uploads/csv',
        headers: {
          'content-type': 'text/csv',
          'content-length': String(9 * 1024 * 1024),
          ...(authorization ? { authorization } : {}),
        },
        payload: stream,
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('unauthenticated');
      expect(res.headers['connection']).toBe('close');
      // At most what was buffered ahead: nowhere near the 9 MB declared.
      expect(meter.read).toBeLessThan(256 * 1024);
    }
    // Large JSON on its own upload route: also authenticated first (401, not 413 after reading).
    const anonymousJson = await inject({
      method: 'POST',
      url: '/uploads/json',
      payload: { items: Array.from({ length: 1000 }, (_, i) => i) },
    });
    expect(anonymousJson.statusCode).toBe(401);
    const json = await inject({
      method: 'POST',
      url: '/uploads/json',
      headers: { authorization: 'Bearer good' },
      payload: { items: Array.from({ length: 1000 }, (_, i) => i) },
    });
    expect(json.json()).toEqual({ items: 1000 });
  });

  it('answers over a real socket before the declared body arrives, and closes the connection', async () => {
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    const post = (path: string, contentType: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        let received = '';
        const timer = setTimeout(() => reject(new Error(`no answer to ${path}`)), 10_000);
        socket.on('data', (chunk) => (received += chunk.toString('utf8')));
        socket.on('close', () => {
          clearTimeout(timer);
          resolve(received);
        });
        socket.on('error', () => undefined);
        socket.write(
          `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\nContent-Length: 9437184\r\n\r\n`,
        );
        socket.write('a,b\n'.repeat(16_384));
      });
    // The server closing the socket (not waiting for 9 MB) is what ends each of these.
    const upload = await post('/uploads/csv', 'text/csv');
    expect(upload).toMatch(/^HTTP\/1\.1 401 /);
    expect(upload).toMatch(/\r\nconnection: close\r\n/i);
    const ordinary = await post('/echo', 'text/plain');
    expect(ordinary).toMatch(/^HTTP\/1\.1 415 /);
    expect(ordinary).toMatch(/\r\nconnection: close\r\n/i);
  });

  it('streams an authenticated upload within its own limit, and refuses one past it with 413', async () => {
    const fits = meteredBody(32 * 1024, 'a,b\n');
    const ok = await inject({
      method: 'POST',
      url: '/uploads/csv',
      headers: { 'content-type': 'text/csv; charset=utf-8', authorization: 'Bearer good' },
      payload: fits.stream,
    });
    expect(ok.json()).toEqual({ rows: (32 * 1024) / 4 - 1 });
    const declared = await inject({
      method: 'POST',
      url: '/uploads/csv',
      headers: { 'content-type': 'text/csv', authorization: 'Bearer good', 'content-length': '70000' },
      payload: meteredBody(70_000).stream,
    });
    expect(declared.statusCode).toBe(413);
    expect(declared.json().code).toBe('payload-too-large');
    // No length declared: the stream itself stops at the limit.
    const big = meteredBody(2 * 1024 * 1024);
    const streamed = await inject({
      method: 'POST',
      url: '/uploads/csv',
      headers: { 'content-type': 'text/csv', authorization: 'Bearer good' },
      payload: big.stream,
    });
    expect(streamed.statusCode).toBe(413);
    expect(streamed.json()).toMatchObject({ code: 'payload-too-large', maxBytes: 64 * 1024 });
    expect(big.meter.read).toBeLessThan(512 * 1024);
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
    // A fresh UUID of the service's own (it may itself begin with "bad": hex digits spell it once in 4,096 runs).
    expect(replaced.headers['x-request-id']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
  });

  it('exposes Prometheus metrics and the OpenAPI document', async () => {
    const metrics = await inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('http_request_duration_seconds');
    const doc = await inject({ method: 'GET', url: '/docs/openapi.json' });
    expect(doc.json().paths['/widgets']).toBeDefined();
  });

  // Last: it spends the anonymous budget of this client address.
  it('limits each client per minute with a 429 problem and Retry-After, never health checks or verified callers', async () => {
    let limited;
    // A bearer token that does not verify is no way into the larger budget: it is counted as anonymous.
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await inject({
        method: 'GET',
        url: '/widgets/domain',
        headers: i % 2 ? { authorization: 'Bearer garbage' } : {},
      });
      if (res.statusCode === 429) limited = res;
    }
    expect(limited?.headers['content-type']).toContain('application/problem+json');
    expect(limited?.json()).toMatchObject({ code: 'too-many-requests', status: 429 });
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    expect((await inject({ method: 'GET', url: '/health/ready' })).statusCode).toBe(200);
    const garbage = await inject({
      method: 'GET',
      url: '/widgets/domain',
      headers: { authorization: 'Bearer garbage' },
    });
    expect(garbage.statusCode).toBe(429);
    const withToken = await inject({
      method: 'GET',
      url: '/widgets/domain',
      headers: { authorization: 'Bearer good' },
    });
    expect(withToken.statusCode).toBe(409);
  });
});
