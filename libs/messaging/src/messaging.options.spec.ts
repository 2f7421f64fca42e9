import { resolveMessagingOptions } from './messaging.options';

describe('messaging options', () => {
  it('fills in the documented defaults', () => {
    expect(
      resolveMessagingOptions({
        serviceName: 'identity',
        natsUrl: 'nats://a:4222, nats://b:4222',
        namespace: 'ocop',
      }),
    ).toEqual({
      serviceName: 'identity',
      namespace: 'ocop',
      natsServers: ['nats://a:4222', 'nats://b:4222'],
      consumer: { maxAttempts: 5, backoffMs: [1000, 5000, 15000, 60000], ackWaitMs: 30_000, concurrency: 8 },
      relay: { enabled: true, batchSize: 500, idlePollMs: 1000, retentionMs: 7 * 24 * 60 * 60 * 1000 },
    });
  });

  it('rejects names that cannot be a subject token or durable name', () => {
    expect(() =>
      resolveMessagingOptions({ serviceName: 'id.entity', natsUrl: 'nats://a:4222', namespace: 'ocop' }),
    ).toThrow();
    expect(() =>
      resolveMessagingOptions({ serviceName: 'identity', natsUrl: 'nats://a:4222', namespace: 'O*' }),
    ).toThrow();
    expect(() =>
      resolveMessagingOptions({
        serviceName: 'identity',
        natsUrl: 'nats://a:4222',
        namespace: 'ocop',
        consumer: { maxAttempts: 0 },
      }),
    ).toThrow();
  });
});
