import { Controller, Inject } from '@nestjs/common';
import { DomainError, rpcSubjectFor } from '@ocop/contracts';
import { currentContext, runWithContext } from '@ocop/service-kit';
import {
  createTestDatabase,
  deleteNamespaceStreams,
  TestDatabase,
  testNamespace,
  waitFor,
} from '@ocop/testing';
import { connect, NatsConnection } from 'nats';
import { INSTANCE, migrateTestDatabase, startTestService, TestService } from '../../test/test-service';
import { NatsConnector } from '../nats/nats-connector';
import { OnRequest } from './on-request.decorator';
import { RpcClient } from './rpc-client';

const NATS_URL = process.env['NATS_URL'] || 'nats://127.0.0.1:4222';
const answeredBy: string[] = [];

@Controller()
class ProductQuestions {
  constructor(@Inject(INSTANCE) private readonly instance: string) {}

  @OnRequest('gamma.product.echo')
  echo(data: { text: string }) {
    answeredBy.push(this.instance);
    return { text: data.text, correlationId: currentContext()?.correlationId, instance: this.instance };
  }

  @OnRequest('gamma.product.owner')
  owner(data: { productId: string }): never {
    throw new DomainError(
      'product-not-owned',
      403,
      'Not your product',
      `Product ${data.productId} belongs to another producer.`,
      {
        productId: data.productId,
      },
    );
  }

  @OnRequest('gamma.product.crash')
  async crash(): Promise<never> {
    throw new TypeError('secret internals');
  }
}

describe('request-reply (RpcClient and @OnRequest)', () => {
  const namespace = testNamespace();
  let db: TestDatabase;
  const gamma: TestService[] = [];
  let rpc: RpcClient;
  let nc: NatsConnection;

  beforeAll(async () => {
    db = await createTestDatabase('rpc');
    await migrateTestDatabase(db.url);
    for (const instance of ['gamma-1', 'gamma-2']) {
      gamma.push(
        await startTestService({
          name: 'gamma',
          instance,
          databaseUrl: db.url,
          natsUrl: NATS_URL,
          namespace,
          controllers: [ProductQuestions],
        }),
      );
    }
    rpc = gamma[0].app.get(RpcClient);
    await Promise.all(gamma.map((g) => g.app.get(NatsConnector).whenConnected()));
    nc = await connect({ servers: NATS_URL });
    // Both instances' subscriptions are in place once each has answered (queue groups pick at random).
    await waitFor(async () => {
      await rpc.request('gamma.product.echo', { text: 'warm-up' });
      expect(new Set(answeredBy).size).toBe(2);
    });
  });

  afterAll(async () => {
    await Promise.all(gamma.map((g) => g.close()));
    await nc?.close();
    await deleteNamespaceStreams(NATS_URL, namespace);
    await db?.drop();
  });

  it('answers, carrying the caller’s correlation id to the handler', async () => {
    const correlationId = 'corr-rpc-test-0001';
    const answer = await runWithContext({ requestId: 'req-rpc-test-0001', correlationId }, () =>
      rpc.request<{ text: string; correlationId: string }>('gamma.product.echo', { text: 'xin chào' }),
    );
    expect(answer).toMatchObject({ text: 'xin chào', correlationId });
  });

  it('spreads requests over the queue group, one answer each', async () => {
    answeredBy.length = 0;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        rpc.request<{ text: string }>('gamma.product.echo', { text: `q${i}` }),
      ),
    );
    expect(answers.map((a) => a.text)).toEqual(Array.from({ length: 40 }, (_, i) => `q${i}`));
    expect(answeredBy).toHaveLength(40);
    expect(new Set(answeredBy)).toEqual(new Set(['gamma-1', 'gamma-2']));
  });

  it('re-throws the handler’s DomainError with the same code, status, title, detail and extensions', async () => {
    const failure = await rpc.request('gamma.product.owner', { productId: 'p-42' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DomainError);
    expect(failure).toMatchObject({
      code: 'product-not-owned',
      status: 403,
      title: 'Not your product',
      detail: 'Product p-42 belongs to another producer.',
      extensions: { productId: 'p-42' },
    });
  });

  it('turns any other handler error into internal-error without leaking it', async () => {
    const failure = await rpc.request('gamma.product.crash', {}).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'internal-error', status: 500 });
    expect(JSON.stringify((failure as DomainError).toProblem())).not.toContain('secret internals');
  });

  it('times out with upstream-timeout (504) when a responder never answers', async () => {
    // A responder that takes the request and stays silent.
    const silent = nc.subscribe(rpcSubjectFor(namespace, 'gamma.product.silent'), {
      callback: () => undefined,
    });
    await nc.flush();
    const started = Date.now();
    const failure = await rpc
      .request('gamma.product.silent', {}, { timeoutMs: 300 })
      .catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    silent.unsubscribe();

    expect(failure).toMatchObject({ code: 'upstream-timeout', status: 504 });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1_000);
  });

  it('fails fast with upstream-unavailable (503) when nobody serves the request', async () => {
    const started = Date.now();
    const failure = await rpc
      .request('nobody.product.owner', {}, { timeoutMs: 5_000 })
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'upstream-unavailable', status: 503 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
