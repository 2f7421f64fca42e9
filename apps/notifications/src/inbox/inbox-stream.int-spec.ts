import { RatingEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { certificateExpiring } from '../../test/events';
import { NotificationsHarness, startNotifications } from '../../test/notifications-harness';

interface OpenStream {
  status: number;
  contentType: string;
  chunks: string[];
  events: () => { id: string; event: string; data: { workflow: string; title: string } }[];
  ended: Promise<void>;
  close: () => void;
}

/** Opens GET /inbox/stream with a bearer token and collects what arrives. */
function openStream(baseUrl: string, token: string): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/inbox/stream`,
      { headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: string[] = [];
        let endedResolve: () => void = () => undefined;
        const ended = new Promise<void>((r) => (endedResolve = r));
        res.setEncoding('utf8');
        res.on('data', (c: string) => chunks.push(c));
        res.on('end', () => endedResolve());
        res.on('close', () => endedResolve());
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type']),
          chunks,
          events: () =>
            chunks
              .join('')
              .split('\n\n')
              .filter((block) => block.includes('event: notification'))
              .map((block) => {
                const field = (name: string) =>
                  block
                    .split('\n')
                    .find((l) => l.startsWith(`${name}: `))
                    ?.slice(name.length + 2) ?? '';
                return { id: field('id'), event: field('event'), data: JSON.parse(field('data')) };
              }),
          ended,
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** The live inbox: an item planned by any replica appears on the account's open streams on every replica. */
describe('inbox stream (integration)', () => {
  let a: NotificationsHarness;
  let b: NotificationsHarness;

  beforeAll(async () => {
    a = await startNotifications('notif_sse');
    b = await startNotifications('notif_sse', { replicaOf: a });
  });

  afterAll(async () => {
    await b?.stop();
    await a?.close();
  });

  it('pushes a new item to the open streams of its account, on both replicas, and to no one else', async () => {
    const producerId = randomUUID();
    const me = await a.seedAccount({ roles: ['producer'], producerId, language: 'en' });
    const other = await a.seedAccount({ roles: ['producer'], producerId: randomUUID() });
    const onA = await openStream(a.baseUrl, me.token);
    const onB = await openStream(b.baseUrl, me.token);
    const others = await openStream(b.baseUrl, other.token);
    expect(onB.status).toBe(200);
    expect(onB.contentType).toContain('text/event-stream');
    await waitFor(() => expect(onB.chunks.join('')).toContain(': connected'));

    const eventId = await a.publish(RatingEvents.certificateExpiring, certificateExpiring(producerId, 30));
    await a.processed([eventId]);
    for (const stream of [onA, onB])
      await waitFor(() =>
        expect(stream.events()).toEqual([
          expect.objectContaining({
            event: 'notification',
            data: expect.objectContaining({
              workflow: 'certificate-expiring',
              title: 'OCOP certificate OCOP-BT-2026-0042 expires in 30 days',
            }),
          }),
        ]),
      );
    const [item] = await a.query(`SELECT id FROM inbox_items WHERE account_id = $1`, [me.accountId]);
    expect(onB.events()[0].id).toBe(item.id);
    // Heartbeats keep the connection alive (SSE_HEARTBEAT_MS = 1 s in tests).
    await waitFor(() => expect(others.chunks.join('')).toContain(': heartbeat'));
    expect(others.events()).toEqual([]);
    onA.close();
    others.close();

    // Shutting down ends the open streams instead of hanging on them.
    await b.stop();
    await onB.ended;
  });
});
