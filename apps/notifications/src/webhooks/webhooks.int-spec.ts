import { RatingEvents, TraceabilityEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { batchRecalled, certificate } from '../../test/events';
import { NotificationsHarness, startNotifications } from '../../test/notifications-harness';
import { WebhookReceiver } from '../../test/webhook-receiver';
import { verifySignature } from './signature';

/** Retailers' systems told of recalls: signed, retried, disabled when dead, replayable; each owner sees its own. */
describe('webhooks (integration)', () => {
  let h: NotificationsHarness;
  let retailer: string;
  let retailerId: string;
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    h = await startNotifications('notif_webhooks', {
      env: { WEBHOOK_DISABLE_AFTER: '3', WEBHOOK_MAX_ATTEMPTS: '10' },
    });
    retailerId = randomUUID();
    retailer = await h.token({ accountId: retailerId, roles: ['retailer'] });
  });

  afterAll(async () => {
    for (const r of receivers) await r.stop();
    await h?.close();
  });

  const receiver = async () => {
    const r = await new WebhookReceiver().start();
    receivers.push(r);
    return r;
  };

  const subscribe = async (url: string, eventTypes: string[], token = retailer) => {
    const reply = await h.request('POST', '/webhooks/subscriptions', { token, body: { url, eventTypes } });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; secret: string };
  };

  it('lets retailers and admins manage subscriptions, each retailer only its own', async () => {
    const producer = await h.token({ roles: ['producer'], producerId: randomUUID() });
    const otherRetailer = await h.token({ roles: ['retailer'] });
    const admin = await h.token({ roles: ['admin'] });
    const body = { url: 'https://retailer.example/hooks', eventTypes: [TraceabilityEvents.batchRecalled] };

    expect((await h.request('POST', '/webhooks/subscriptions', { body })).status).toBe(401);
    expect((await h.request('POST', '/webhooks/subscriptions', { token: producer, body })).status).toBe(403);
    const created = await h.request('POST', '/webhooks/subscriptions', { token: retailer, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ownerId: retailerId,
      status: 'active',
      secret: expect.stringMatching(/^whsec_/),
    });
    const id = created.body.id;
    // The secret is shown once.
    expect(
      (await h.request('GET', `/webhooks/subscriptions/${id}`, { token: retailer })).body.secret,
    ).toBeUndefined();

    expect((await h.request('GET', `/webhooks/subscriptions/${id}`, { token: otherRetailer })).status).toBe(
      404,
    );
    expect(
      (
        await h.request('PATCH', `/webhooks/subscriptions/${id}`, {
          token: otherRetailer,
          body: { status: 'disabled' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await h.request('DELETE', `/webhooks/subscriptions/${id}`, { token: otherRetailer })).status,
    ).toBe(404);
    expect((await h.request('GET', '/webhooks/subscriptions', { token: otherRetailer })).body.items).toEqual(
      [],
    );
    const all = await h.request('GET', '/webhooks/subscriptions', { token: admin });
    expect(all.body.items.map((s: { id: string }) => s.id)).toContain(id);

    const refused = await h.request('POST', '/webhooks/subscriptions', {
      token: retailer,
      body: { url: 'ftp://retailer.example/hooks', eventTypes: [TraceabilityEvents.batchRecalled] },
    });
    expect(refused.body).toMatchObject({ status: 422, code: 'webhook-url-not-http' });
    const unknownType = await h.request('POST', '/webhooks/subscriptions', {
      token: retailer,
      body: { url: 'https://retailer.example/hooks', eventTypes: ['ocop.identity.account.registered'] },
    });
    expect(unknownType.status).toBe(400);
    expect((await h.request('DELETE', `/webhooks/subscriptions/${id}`, { token: retailer })).status).toBe(
      204,
    );
  });

  it('signs each recall with the shared secret over timestamp and body', async () => {
    const r = await receiver();
    const sub = await subscribe(r.url, [TraceabilityEvents.batchRecalled]);
    const eventId = await h.publish(TraceabilityEvents.batchRecalled, batchRecalled(randomUUID()));
    await waitFor(() => expect(r.hits).toHaveLength(1));
    const [hit] = r.hits;
    const signature = String(hit.headers['x-ocop-signature']);
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySignature(sub.secret, signature, hit.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(
      verifySignature('whsec_wrong-secret-wrong-secret', signature, hit.body, Math.floor(Date.now() / 1000)),
    ).toBe(false);
    expect(
      verifySignature(sub.secret, signature, hit.body.replace('500', '501'), Math.floor(Date.now() / 1000)),
    ).toBe(false);
    const event = JSON.parse(hit.body);
    expect(event).toMatchObject({
      id: eventId,
      type: TraceabilityEvents.batchRecalled,
      data: { unitCount: 500 },
    });
    expect(hit.headers['x-ocop-event-id']).toBe(eventId);
    // The receiver has the call before the sender has recorded its answer: wait for the log to say so.
    await waitFor(async () => {
      const log = await h.request('GET', `/webhooks/subscriptions/${sub.id}/deliveries`, { token: retailer });
      expect(log.body.items).toEqual([
        expect.objectContaining({
          id: hit.headers['x-ocop-delivery-id'],
          status: 'sent',
          attempts: 1,
          eventId,
        }),
      ]);
    });
  });

  it('retries while the receiver is down, then delivers once', async () => {
    const r = await receiver();
    let calls = 0;
    r.respond = () => (++calls <= 2 ? 503 : 200);
    const sub = await subscribe(r.url, [RatingEvents.certificateRevoked]);
    await h.publish(RatingEvents.certificateRevoked, {
      ...certificate(randomUUID()),
      revokedAt: '2026-03-10T03:00:00.000Z',
      reason: 'Vi phạm',
    });
    await waitFor(() => expect(r.deliveredIds()).toHaveLength(1));
    expect(r.hits.map((x) => x.status)).toEqual([503, 503, 200]);
    expect(new Set(r.hits.map((x) => x.headers['x-ocop-delivery-id'])).size).toBe(1);
    expect(r.hits.map((x) => x.headers['x-ocop-attempt'])).toEqual(['1', '2', '3']);
    await waitFor(async () => {
      const log = await h.request('GET', `/webhooks/subscriptions/${sub.id}/deliveries`, { token: retailer });
      expect(log.body.items[0]).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    });
    expect(
      (await h.request('GET', `/webhooks/subscriptions/${sub.id}`, { token: retailer })).body
        .consecutiveFailures,
    ).toBe(0);
  });

  it('disables a subscription whose receiver keeps failing, logs it, and replays once re-enabled', async () => {
    const r = await receiver();
    r.respond = () => 500;
    const sub = await subscribe(r.url, [RatingEvents.certificateExpired]);
    const eventId = await h.publish(RatingEvents.certificateExpired, certificate(randomUUID()));
    await waitFor(async () => {
      const s = await h.request('GET', `/webhooks/subscriptions/${sub.id}`, { token: retailer });
      expect(s.body).toMatchObject({ status: 'disabled', consecutiveFailures: 3 });
      expect(s.body.disabledReason).toContain('3 consecutive failed deliveries');
    });
    const log = await h.request('GET', `/webhooks/subscriptions/${sub.id}/deliveries`, { token: retailer });
    expect(log.body.items).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 3, lastStatus: 500 }),
    ]);
    const deliveryId = log.body.items[0].id;
    expect(r.hits).toHaveLength(3);
    const admin = await h.token({ roles: ['admin'] });
    const steps = await h.request('GET', `/execution-log?eventId=${eventId}`, { token: admin });
    expect(steps.body.items.map((s: { step: string }) => s.step)).toEqual(
      expect.arrayContaining(['webhook', 'send-webhook', 'disable-subscription']),
    );

    const replayUrl = `/webhooks/subscriptions/${sub.id}/deliveries/${deliveryId}/replay`;
    expect((await h.request('POST', replayUrl, { token: retailer })).body).toMatchObject({
      status: 409,
      code: 'subscription-disabled',
    });
    r.respond = () => 204;
    const enabled = await h.request('PATCH', `/webhooks/subscriptions/${sub.id}`, {
      token: retailer,
      body: { status: 'active' },
    });
    expect(enabled.body).toMatchObject({ status: 'active', consecutiveFailures: 0, disabledReason: null });
    expect(
      (await h.request('POST', replayUrl, { token: await h.token({ roles: ['retailer'] }) })).status,
    ).toBe(404);
    const replay = await h.request('POST', replayUrl, { token: retailer });
    expect(replay.status).toBe(202);
    await waitFor(() => expect(r.deliveredIds()).toEqual([deliveryId]));
    await waitFor(async () => {
      const after = await h.request('GET', `/webhooks/subscriptions/${sub.id}/deliveries`, {
        token: retailer,
      });
      expect(after.body.items[0]).toMatchObject({ status: 'sent', attempts: 1 });
    });
  });
});
