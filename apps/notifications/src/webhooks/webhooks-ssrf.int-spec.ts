import { TraceabilityEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { batchRecalled } from '../../test/events';
import { NotificationsHarness, startNotifications } from '../../test/notifications-harness';
import { TableResolver } from '../../test/table-resolver';
import { WebhookReceiver } from '../../test/webhook-receiver';

/**
 * Production settings (private targets refused): a receiver's URL is checked when it is subscribed, and every
 * address its name resolves to is checked when the connection is made.
 */
describe('webhooks: no way into our own network (integration)', () => {
  let h: NotificationsHarness;
  let retailer: string;
  let target: WebhookReceiver;
  const resolver = new TableResolver({
    // The receiver listens on 127.0.0.1: a name that leads there must not reach it.
    'loopback.retailer.test': ['127.0.0.1'],
    'mapped.retailer.test': ['::ffff:0:7f00:1'],
    '6to4.retailer.test': ['2002:7f00:1::'],
    'nat64.retailer.test': ['64:ff9b::7f00:1'],
    // One public address is not enough: the connection may fall back to the other.
    'mixed.retailer.test': ['8.8.8.8', '10.0.0.7'],
  });

  beforeAll(async () => {
    h = await startNotifications('notif_webhook_ssrf', {
      env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'false', WEBHOOK_MAX_ATTEMPTS: '1' },
      hostResolver: resolver,
    });
    retailer = await h.token({ roles: ['retailer'] });
    target = await new WebhookReceiver().start();
  });

  afterAll(async () => {
    await target?.stop();
    await h?.close();
  });

  it.each(['http://[::7f00:1]/', 'http://[::ffff:0:7f00:1]/', 'http://[2002:7f00:1::]/'])(
    'refuses the literal address %s when subscribing',
    async (url) => {
      const reply = await h.request('POST', '/webhooks/subscriptions', {
        token: retailer,
        body: { url, eventTypes: [TraceabilityEvents.batchRecalled] },
      });
      expect(reply.body).toMatchObject({ status: 422, code: 'webhook-url-private-address' });
    },
  );

  it('accepts a name when subscribing, then refuses to connect to the non-public addresses it resolves to', async () => {
    const port = new URL(target.url).port;
    const names = [
      'loopback.retailer.test',
      'mapped.retailer.test',
      '6to4.retailer.test',
      'nat64.retailer.test',
      'mixed.retailer.test',
    ];
    const subscriptions: string[] = [];
    for (const name of names) {
      const reply = await h.request('POST', '/webhooks/subscriptions', {
        token: retailer,
        body: { url: `http://${name}:${port}/hook`, eventTypes: [TraceabilityEvents.batchRecalled] },
      });
      expect(reply.status).toBe(201);
      subscriptions.push(reply.body.id);
    }
    // Subscribing resolved nothing: the check that counts is the one made when connecting.
    expect(resolver.asked).toEqual([]);

    await h.publish(TraceabilityEvents.batchRecalled, batchRecalled(randomUUID()));
    for (const id of subscriptions) {
      await waitFor(async () => {
        const log = await h.request('GET', `/webhooks/subscriptions/${id}/deliveries`, { token: retailer });
        expect(log.body.items).toEqual([
          expect.objectContaining({
            status: 'failed',
            lastStatus: null,
            lastError: 'refused: the host resolves to a non-public address',
          }),
        ]);
      });
    }
    expect([...new Set(resolver.asked)].sort()).toEqual([...names].sort());
    expect(target.hits).toEqual([]);
  });
});
