import { RatingEvents, TraceabilityEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { DeliveryLogWithoutBodies1733200100000 } from '../migrations/1733200100000-delivery-log-without-bodies';
import { batchRecalled, certificate, productCertified } from '../../test/events';
import { NotificationsHarness, startNotifications } from '../../test/notifications-harness';
import { TableResolver } from '../../test/table-resolver';
import { WebhookReceiver } from '../../test/webhook-receiver';
import { verifySignature } from './signature';

/** Retailers' systems told of recalls: signed, retried, disabled when dead, replayable; each owner sees its own. */
describe('webhooks (integration)', () => {
  let h: NotificationsHarness;
  let retailer: string;
  let retailerId: string;
  const receivers: WebhookReceiver[] = [];
  const resolver = new TableResolver({ 'hooks.retailer.test': ['127.0.0.1'] });

  beforeAll(async () => {
    h = await startNotifications('notif_webhooks', {
      env: { WEBHOOK_DISABLE_AFTER: '3', WEBHOOK_MAX_ATTEMPTS: '10' },
      hostResolver: resolver,
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

  it('connects to the address the receiver’s name resolves to (private allowed here, as in development)', async () => {
    const r = await receiver();
    const url = new URL(r.url);
    url.hostname = 'hooks.retailer.test';
    await subscribe(url.toString(), [TraceabilityEvents.batchRecalled]);
    await h.publish(TraceabilityEvents.batchRecalled, batchRecalled(randomUUID()));
    await waitFor(() => expect(r.deliveredIds()).toHaveLength(1));
    expect(resolver.asked).toContain('hooks.retailer.test');
    expect(r.hits[0].headers.host).toBe(`hooks.retailer.test:${url.port}`);
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

  describe('the delivery log keeps a failure’s status, never the receiver’s answer', () => {
    const SECRET = 'sk_live_7f3a9c1e-LEAKED';
    const leakyBody = `<h1>500</h1>\nDATABASE_URL=postgres://app:${SECRET}@10.0.4.2/shop; retry at 2026-01-01T00:00:00Z`;

    it('stores "HTTP 500" in the log, the disable reason and the execution log, and the body nowhere', async () => {
      const r = await receiver();
      r.respond = () => 500;
      r.answerBody = () => leakyBody;
      const sub = await subscribe(r.url, [RatingEvents.productCertified]);
      const eventId = await h.publish(RatingEvents.productCertified, productCertified(randomUUID()));
      await waitFor(async () => {
        const s = await h.request('GET', `/webhooks/subscriptions/${sub.id}`, { token: retailer });
        expect(s.body).toMatchObject({
          status: 'disabled',
          disabledReason: '3 consecutive failed deliveries; last: HTTP 500',
        });
      });
      const log = await h.request('GET', `/webhooks/subscriptions/${sub.id}/deliveries`, { token: retailer });
      expect(log.body.items).toEqual([
        expect.objectContaining({ status: 'failed', lastStatus: 500, lastError: 'HTTP 500' }),
      ]);
      const steps = await h.query<{ detail: string }>(
        `SELECT detail FROM execution_log WHERE event_id = $1 AND step = 'send-webhook' ORDER BY id`,
        [eventId],
      );
      expect(steps.map((s) => s.detail.replace(/; retry at .*$/, ''))).toEqual([
        'attempt 1: HTTP 500',
        'attempt 2: HTTP 500',
        'attempt 3: HTTP 500 (giving up)',
      ]);
      const [stored] = await h.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM deliveries WHERE last_error LIKE $1)
              + (SELECT count(*) FROM webhook_subscriptions WHERE disabled_reason LIKE $1)
              + (SELECT count(*) FROM execution_log WHERE detail LIKE $1) AS n`,
        [`%${SECRET}%`],
      );
      expect(Number(stored.n)).toBe(0);
    });

    it('removes the bodies that earlier versions stored (migration)', async () => {
      const r = await receiver();
      r.respond = () => 502;
      const sub = await subscribe(r.url, [RatingEvents.productCertified]);
      const eventId = await h.publish(RatingEvents.productCertified, productCertified(randomUUID()));
      // Settled (failed and disabled), so that no send rewrites the rows planted below.
      await waitFor(async () => {
        const log = await h.request('GET', `/webhooks/subscriptions/${sub.id}/deliveries`, {
          token: retailer,
        });
        expect(log.body.items).toEqual([expect.objectContaining({ status: 'failed' })]);
      });
      // What the earlier sender wrote: "HTTP <status>: <first 500 characters of the body>".
      await h.query(`UPDATE deliveries SET last_error = $2 WHERE subscription_id = $1`, [
        sub.id,
        `HTTP 502: ${leakyBody}`,
      ]);
      await h.query(`UPDATE webhook_subscriptions SET disabled_reason = $2 WHERE id = $1`, [
        sub.id,
        `3 consecutive failed deliveries; last: HTTP 502: ${leakyBody}`,
      ]);
      const planted: [string, string, string][] = [
        [
          'send-webhook',
          `attempt 1: HTTP 502: ${leakyBody}; retry at 2026-03-10T03:00:05.000Z`,
          'attempt 1: HTTP 502; retry at 2026-03-10T03:00:05.000Z',
        ],
        ['send-webhook', `attempt 8: HTTP 502: ${leakyBody} (giving up)`, 'attempt 8: HTTP 502 (giving up)'],
        // Cut at 2,000 characters: the ending is lost with the body.
        ['send-webhook', `attempt 2: HTTP 503: ${leakyBody.slice(0, 40)}`, 'attempt 2: HTTP 503'],
        // Not a receiver's body: left as it is.
        [
          'send-webhook',
          'attempt 1: connect ECONNREFUSED 203.0.113.7:443; retry at 2026-03-10T03:00:05.000Z',
          'attempt 1: connect ECONNREFUSED 203.0.113.7:443; retry at 2026-03-10T03:00:05.000Z',
        ],
        ['send-email', 'attempt 1: HTTP 500: mail relay said no', 'attempt 1: HTTP 500: mail relay said no'],
      ];
      const PLANTED_AT = '2000-01-01T00:00:00Z';
      for (const [step, detail] of planted)
        await h.query(
          `INSERT INTO execution_log (event_id, step, outcome, detail, at) VALUES ($1, $2, 'failed', $3, $4)`,
          [eventId, step, detail, PLANTED_AT],
        );

      const runner = h.dataSource.createQueryRunner();
      try {
        await new DeliveryLogWithoutBodies1733200100000().up(runner);
      } finally {
        await runner.release();
      }

      const log = await h.request('GET', `/webhooks/subscriptions/${sub.id}/deliveries`, { token: retailer });
      expect(log.body.items).toEqual([expect.objectContaining({ lastError: 'HTTP 502', lastStatus: 502 })]);
      const s = await h.request('GET', `/webhooks/subscriptions/${sub.id}`, { token: retailer });
      expect(s.body.disabledReason).toBe('3 consecutive failed deliveries; last: HTTP 502');
      const steps = await h.query<{ detail: string }>(
        `SELECT detail FROM execution_log WHERE event_id = $1 AND at = $2 ORDER BY id`,
        [eventId, PLANTED_AT],
      );
      expect(steps.map((step) => step.detail)).toEqual(planted.map(([, , after]) => after));
      const [left] = await h.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM deliveries WHERE last_error LIKE $1)
              + (SELECT count(*) FROM webhook_subscriptions WHERE disabled_reason LIKE $1)
              + (SELECT count(*) FROM execution_log WHERE detail LIKE $1) AS n`,
        [`%${SECRET}%`],
      );
      expect(Number(left.n)).toBe(0);
    });
  });
});
