import { LookupEvents, RatingEvents, TraceabilityEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import {
  batchRecalled,
  certificateExpiring,
  dossierAccepted,
  dossierDecided,
  dossierReturned,
  dossierSubmitted,
  growingAreaIssued,
  productCertified,
  scanSuspicious,
  scoringStarted,
} from '../test/events';
import { NotificationsHarness, startNotifications } from '../test/notifications-harness';
import { NotificationPlanner } from './planning/notification-planner';

/** Events in, the right people notified in their language, on the channels they chose. */
describe('notification workflows (integration)', () => {
  let h: NotificationsHarness;

  beforeAll(async () => {
    h = await startNotifications('notif_workflows');
  });

  afterAll(async () => {
    await h?.close();
  });

  const inbox = async (token: string) => (await h.request('GET', '/inbox', { token })).body;
  const mailsTo = (address: string) => h.smtp.to(address);

  it("tells the producer's accounts that a dossier was returned, each in their language, by inbox and mail", async () => {
    const producerId = randomUUID();
    const vi = await h.seedAccount({ roles: ['producer'], producerId, email: 'an@htx.vn', language: 'vi' });
    const en = await h.seedAccount({ roles: ['producer'], producerId, email: 'lan@htx.vn', language: 'en' });
    const stranger = await h.seedAccount({
      roles: ['producer'],
      producerId: randomUUID(),
      email: 'x@other.vn',
    });

    const eventId = await h.publish(RatingEvents.dossierReturned, dossierReturned(producerId));
    await h.processed([eventId]);

    const viInbox = await inbox(vi.token);
    expect(viInbox.items).toHaveLength(1);
    expect(viInbox.items[0]).toMatchObject({
      workflow: 'dossier-returned',
      title: 'Hồ sơ OCOP "Kẹo dừa Bến Tre" được trả lại để bổ sung',
      readAt: null,
    });
    expect(viInbox.unread).toBe(1);
    expect((await inbox(en.token)).items[0].title).toBe(
      'OCOP dossier "Kẹo dừa Bến Tre" returned for changes',
    );
    expect((await inbox(stranger.token)).items).toEqual([]);

    await waitFor(() => {
      expect(mailsTo('an@htx.vn')).toHaveLength(1);
      expect(mailsTo('lan@htx.vn')).toHaveLength(1);
    });
    const [viMail] = mailsTo('an@htx.vn');
    expect(viMail.subject).toBe('Hồ sơ OCOP "Kẹo dừa Bến Tre" được trả lại để bổ sung');
    expect(viMail.text).toContain('Nhận xét: Thiếu giấy kiểm nghiệm <b>an toàn thực phẩm</b>');
    expect(viMail.text).toContain('food-safety-test: Bản gốc (01/04/2026)');
    // The mail ends with the automatic-mail footer; the same notice in the inbox says the same without it.
    expect(viMail.text).toContain('Thư tự động từ hệ thống OCOP Bến Tre');
    expect(viInbox.items[0].body).toContain('Nhận xét: Thiếu giấy kiểm nghiệm <b>an toàn thực phẩm</b>');
    expect(viInbox.items[0].body).not.toContain('Thư tự động');
    // The officer's comment is text, never markup, in the HTML part.
    expect(viMail.html).toContain('Thiếu giấy kiểm nghiệm &lt;b&gt;an toàn thực phẩm&lt;/b&gt;');
    expect(viMail.html).not.toContain('<b>an toàn');
    const [enMail] = mailsTo('lan@htx.vn');
    expect(enMail.text).toContain('Comment: Thiếu giấy kiểm nghiệm');
    expect(enMail.text).toContain('Returned on: 10/03/2026');
    // The mail's Message-ID and header are the delivery's id: a receiver can drop a repeat.
    const [delivery] = await h.query(`SELECT id FROM deliveries WHERE event_id = $1 AND account_id = $2`, [
      eventId,
      vi.accountId,
    ]);
    expect(viMail.deliveryId).toBe(delivery.id);
    expect(viMail.messageId).toBe(`<${delivery.id}@notifications.ocop>`);
    expect(mailsTo('x@other.vn')).toEqual([]);
  });

  it('sends a submitted dossier to the officers whose territory covers it', async () => {
    // A dossier of Quới Sơn (commune 28807, district Châu Thành 831, Ben Tre 83).
    const officer = (
      email: string,
      scope: { provinceCode: string; districtCode?: string; communeCode?: string },
    ) => h.seedAccount({ roles: ['officer'], email, scope });
    await officer('province@sở.vn', { provinceCode: '83' });
    await officer('chauthanh@huyện.vn', { provinceCode: '83', districtCode: '831' });
    await officer('quoison@xã.vn', { provinceCode: '83', communeCode: '28807' });
    await officer('mocay@huyện.vn', { provinceCode: '83', districtCode: '835' });
    await officer('ankhanh@xã.vn', { provinceCode: '83', communeCode: '28810' });
    await officer('vinhlong@tỉnh.vn', { provinceCode: '86' });

    const eventId = await h.publish(
      RatingEvents.dossierSubmitted,
      dossierSubmitted(randomUUID(), { provinceCode: '83', communeCode: '28807' }),
    );
    await h.processed([eventId]);
    await waitFor(async () => {
      const rows = await h.query(
        `SELECT payload->>'to' AS "to" FROM deliveries WHERE event_id = $1 AND status = 'sent'`,
        [eventId],
      );
      expect(rows.map((r) => r.to).sort()).toEqual(['chauthanh@huyện.vn', 'province@sở.vn', 'quoison@xã.vn']);
    });
    expect(mailsTo('province@sở.vn')[0].subject).toBe('Hồ sơ OCOP "Bưởi da xanh" chờ thẩm định');
    expect(mailsTo('mocay@huyện.vn')).toEqual([]);
  });

  it('tells the council members of a round that scoring started, and nobody else', async () => {
    const chair = await h.seedAccount({ roles: ['council'], email: 'chair@council.vn', language: 'en' });
    const member = await h.seedAccount({ roles: ['council'], email: 'member@council.vn' });
    const other = await h.seedAccount({ roles: ['council'], email: 'other@council.vn' });
    const eventId = await h.publish(
      RatingEvents.roundScoringStarted,
      scoringStarted([chair.accountId, member.accountId]),
    );
    await h.processed([eventId]);
    await waitFor(() => {
      expect(mailsTo('member@council.vn')).toHaveLength(1);
      expect(mailsTo('chair@council.vn')).toHaveLength(1);
    });
    expect(mailsTo('chair@council.vn')[0].subject).toBe(
      'The council starts scoring the round "Đánh giá cấp tỉnh 2026"',
    );
    expect(mailsTo('member@council.vn')[0].text).toContain('có 12 hồ sơ cần chấm');
    expect((await inbox(other.token)).items).toEqual([]);
  });

  it('certification, expiry reminders and growing-area codes reach the producer', async () => {
    const producerId = randomUUID();
    const p = await h.seedAccount({ roles: ['producer'], producerId, email: 'chu@keodua.vn' });
    const ids = [
      await h.publish(RatingEvents.productCertified, productCertified(producerId)),
      await h.publish(RatingEvents.certificateExpiring, certificateExpiring(producerId, 30)),
      await h.publish(RatingEvents.certificateExpiring, certificateExpiring(producerId, 7)),
      await h.publish(TraceabilityEvents.growingAreaIssued, growingAreaIssued(producerId)),
    ];
    await h.processed(ids);
    await waitFor(() => expect(mailsTo('chu@keodua.vn')).toHaveLength(4));
    // Each mail leads to the portal page where the producer acts, and to the notification settings.
    const certified = mailsTo('chu@keodua.vn').find((m) => m.subject.startsWith('Chúc mừng'));
    const portal = h.config.PORTAL_URL.replace(/\/+$/, '');
    expect(certified?.text).toMatch(new RegExp(`Xem trên Cổng OCOP: ${portal}/ho-so/[0-9a-f-]{36}\n`));
    expect(certified?.text).toContain(`Cài đặt thông báo: ${portal}/thong-bao/cai-dat`);
    expect(
      mailsTo('chu@keodua.vn')
        .map((m) => m.subject)
        .sort(),
    ).toEqual([
      'Chúc mừng: "Kẹo dừa Bến Tre" đạt OCOP 4 sao',
      'Giấy chứng nhận OCOP OCOP-BT-2026-0042 hết hạn sau 30 ngày',
      'Giấy chứng nhận OCOP OCOP-BT-2026-0042 hết hạn sau 7 ngày',
      'Vùng trồng "Vườn dừa Tân Thành Bình" đã được cấp mã VN-83-835-28792-01-26',
    ]);
    expect((await inbox(p.token)).items).toHaveLength(4);
  });

  it('tells the producer a dossier was accepted, and why a result is below 3★ (not when it is certified)', async () => {
    const producerId = randomUUID();
    const p = await h.seedAccount({ roles: ['producer'], producerId, email: 'ut@keodua.vn' });
    const below = dossierDecided(producerId);
    const ids = [
      await h.publish(RatingEvents.dossierAccepted, dossierAccepted(producerId)),
      await h.publish(RatingEvents.dossierDecided, below),
      // A certified result has its own notice (product-certified): this one says nothing more.
      await h.publish(
        RatingEvents.dossierDecided,
        dossierDecided(producerId, { score: 82, bandStars: 4, stars: 4 }),
      ),
    ];
    await h.processed(ids);
    await waitFor(() => expect(mailsTo('ut@keodua.vn')).toHaveLength(2));
    const [accepted, result] = ['đã được tiếp nhận', 'chưa đạt OCOP'].map((s) =>
      mailsTo('ut@keodua.vn').find((m) => m.subject.includes(s)),
    );
    expect(accepted?.subject).toBe('Hồ sơ OCOP "Kẹo dừa Bến Tre" đã được tiếp nhận');
    expect(accepted?.text).toContain('test-results (01/04/2026)');
    expect(result?.subject).toBe('Kết quả đánh giá "Kẹo dừa Bến Tre": 2 sao, chưa đạt OCOP');
    expect(result?.text).toContain('- Tổng điểm 46,5/100, cần từ 50 điểm để đạt 3 sao');
    expect(result?.text).toContain('- Tiêu chí C.6.3 "c) Màu sắc"');
    const items = (await inbox(p.token)).items;
    expect(items.map((i: { workflow: string }) => i.workflow).sort()).toEqual([
      'dossier-accepted',
      'dossier-below-three-stars',
    ]);
    expect(
      items.find((i: { workflow: string }) => i.workflow === 'dossier-below-three-stars').data.data.dossierId,
    ).toBe(below.dossierId);
  });

  it('respects preferences, except for critical notices (recalls)', async () => {
    const producerId = randomUUID();
    const quiet = await h.seedAccount({ roles: ['producer'], producerId, email: 'quiet@htx.vn' });
    const loud = await h.seedAccount({ roles: ['producer'], producerId, email: 'loud@htx.vn' });
    const put = await h.request('PUT', '/preferences', {
      token: quiet.token,
      body: {
        preferences: [
          { workflow: 'certificate-expiring', channel: 'email', enabled: false },
          { workflow: 'batch-recalled', channel: 'email', enabled: false },
          { workflow: 'batch-recalled', channel: 'in-app', enabled: false },
        ],
      },
    });
    expect(put.status).toBe(200);
    const expiring = put.body.find((p: { workflow: string }) => p.workflow === 'certificate-expiring');
    expect(expiring.channels).toEqual({ 'in-app': true, email: false });
    // A recall is always on, whatever was asked.
    expect(put.body.find((p: { workflow: string }) => p.workflow === 'batch-recalled')).toMatchObject({
      critical: true,
      channels: { 'in-app': true, email: true },
    });
    expect((await h.request('GET', '/preferences', { token: loud.token })).body[0].channels).toEqual({
      'in-app': true,
      email: true,
    });
    // Each person is offered the notices that can reach them: a producer no officers' queue, and the reverse.
    const producerList = (await h.request('GET', '/preferences', { token: loud.token })).body.map(
      (p: { workflow: string }) => p.workflow,
    );
    expect(producerList).toEqual(expect.arrayContaining(['dossier-returned', 'batch-recalled']));
    expect(producerList).not.toContain('dossier-submitted');
    const officer = await h.seedAccount({ roles: ['officer'], email: 'officer.prefs@ocop.local' });
    const officerList = (await h.request('GET', '/preferences', { token: officer.token })).body.map(
      (p: { workflow: string }) => p.workflow,
    );
    expect(officerList).toEqual(
      expect.arrayContaining(['dossier-submitted', 'report-filed', 'password-reset']),
    );
    expect(officerList).not.toContain('growing-area-issued');

    const bad = await h.request('PUT', '/preferences', {
      token: quiet.token,
      body: { preferences: [{ workflow: 'nope', channel: 'sms', enabled: false }] },
    });
    expect(bad.status).toBe(400);

    const ids = [
      await h.publish(RatingEvents.certificateExpiring, certificateExpiring(producerId, 30)),
      await h.publish(TraceabilityEvents.batchRecalled, batchRecalled(producerId)),
    ];
    await h.processed(ids);
    await waitFor(() => {
      expect(mailsTo('loud@htx.vn')).toHaveLength(2);
      expect(mailsTo('quiet@htx.vn')).toHaveLength(1);
    });
    expect(mailsTo('quiet@htx.vn')[0].subject).toBe('KHẨN: Lô hàng L2026-031 đã bị thu hồi');
    const items = (await inbox(quiet.token)).items;
    expect(items.map((i: { workflow: string }) => i.workflow).sort()).toEqual([
      'batch-recalled',
      'certificate-expiring',
    ]);
    expect(items.find((i: { workflow: string }) => i.workflow === 'batch-recalled').critical).toBe(true);
    const log = await h.query(
      `SELECT step, outcome, detail FROM execution_log WHERE event_id = $1 AND account_id = $2`,
      [ids[0], quiet.accountId],
    );
    expect(log).toEqual(
      expect.arrayContaining([{ step: 'email', outcome: 'skipped', detail: 'turned off in preferences' }]),
    );
  });

  it('groups a day of suspicious-scan alerts into one digest mail per account', async () => {
    h.clock.set(new Date('2026-03-10T03:00:00Z'));
    const producerId = randomUUID();
    const p = await h.seedAccount({ roles: ['producer'], producerId, email: 'scan@htx.vn', language: 'en' });
    const ids = [];
    for (const serial of ['S0001', 'S0002', 'S0003'])
      ids.push(await h.publish(LookupEvents.scanSuspicious, scanSuspicious(producerId, serial)));
    await h.processed(ids);
    // In the inbox at once; no mail yet.
    expect((await inbox(p.token)).items).toHaveLength(3);
    expect(await h.digests.runOnce()).toBe(0);
    // Next day, before the sending hour (07:00 in Viet Nam): still nothing.
    h.clock.set(new Date('2026-03-10T23:00:00Z'));
    expect(await h.digests.runOnce()).toBe(0);
    h.clock.set(new Date('2026-03-11T03:00:00Z'));
    expect(await h.digests.runOnce()).toBe(1);
    expect(await h.digests.runOnce()).toBe(0);
    await waitFor(() => expect(mailsTo('scan@htx.vn')).toHaveLength(1));
    const [digest] = mailsTo('scan@htx.vn');
    expect(digest.subject).toBe('Digest of 10/03/2026: 3 suspicious label scan alerts');
    for (const serial of ['S0001', 'S0002', 'S0003']) expect(digest.text).toContain(serial);
    h.clock.set(new Date());
  });

  it('plans an event once: running the plan again (a dead-letter replay) adds nothing', async () => {
    const producerId = randomUUID();
    const p = await h.seedAccount({ roles: ['producer'], producerId, email: 'once@htx.vn' });
    const data = productCertified(producerId);
    const eventId = await h.publish(RatingEvents.productCertified, data);
    await h.processed([eventId]);
    await waitFor(() => expect(mailsTo('once@htx.vn')).toHaveLength(1));
    const planner = h.app.get(NotificationPlanner);
    await h.dataSource.transaction((m) =>
      planner.plan(
        {
          specversion: '1.0',
          id: eventId,
          source: '/ocop/rating',
          type: RatingEvents.productCertified,
          time: new Date().toISOString(),
          datacontenttype: 'application/json',
          schemaversion: 1,
          data,
        },
        m,
      ),
    );
    await h.dispatcher.runOnce();
    expect(mailsTo('once@htx.vn')).toHaveLength(1);
    expect((await inbox(p.token)).items).toHaveLength(1);
  });

  it('keeps each inbox to its owner: list, count, read one, read all, pages', async () => {
    const producerId = randomUUID();
    const me = await h.seedAccount({ roles: ['producer'], producerId });
    const other = await h.seedAccount({ roles: ['producer'], producerId: randomUUID() });
    const ids = [
      await h.publish(RatingEvents.certificateExpiring, certificateExpiring(producerId, 90)),
      await h.publish(RatingEvents.certificateExpiring, certificateExpiring(producerId, 30)),
      await h.publish(RatingEvents.certificateExpiring, certificateExpiring(producerId, 7)),
    ];
    await h.processed(ids);

    expect((await h.request('GET', '/inbox')).status).toBe(401);
    expect((await h.request('GET', '/inbox/stream')).status).toBe(401);
    const first = await h.request('GET', '/inbox?limit=2', { token: me.token });
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBeDefined();
    const second = await h.request('GET', `/inbox?limit=2&cursor=${first.body.nextCursor}`, {
      token: me.token,
    });
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    const itemId = first.body.items[0].id;

    // Someone else can neither read nor mark my item.
    expect((await h.request('POST', `/inbox/${itemId}/read`, { token: other.token })).body).toMatchObject({
      status: 404,
      code: 'not-found',
    });
    expect((await h.request('POST', '/inbox/read-all', { token: other.token })).body).toEqual({ updated: 0 });
    expect((await h.request('GET', '/inbox/unread-count', { token: me.token })).body).toEqual({ unread: 3 });

    const read = await h.request('POST', `/inbox/${itemId}/read`, { token: me.token });
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    expect((await h.request('GET', '/inbox/unread-count', { token: me.token })).body).toEqual({ unread: 2 });
    expect((await h.request('GET', '/inbox?unread=true', { token: me.token })).body.items).toHaveLength(2);
    expect((await h.request('POST', '/inbox/read-all', { token: me.token })).body).toEqual({ updated: 2 });
    expect((await h.request('GET', '/inbox/unread-count', { token: me.token })).body).toEqual({ unread: 0 });
    expect((await h.request('POST', '/inbox/not-a-uuid/read', { token: me.token })).status).toBe(400);
  });

  it('shows admins the execution log of an event, and nobody else', async () => {
    const producerId = randomUUID();
    const p = await h.seedAccount({ roles: ['producer'], producerId, email: 'log@htx.vn' });
    const eventId = await h.publish(RatingEvents.certificateExpiring, certificateExpiring(producerId, 7));
    await h.processed([eventId]);
    await waitFor(() => expect(mailsTo('log@htx.vn')).toHaveLength(1));
    const admin = await h.token({ roles: ['admin'] });
    await waitFor(async () => {
      const log = await h.request('GET', `/execution-log?eventId=${eventId}`, { token: admin });
      expect(log.status).toBe(200);
      expect(
        log.body.items.map((s: { step: string; outcome: string }) => `${s.step}:${s.outcome}`).sort(),
      ).toEqual(['email:ok', 'in-app:ok', 'recipients:ok', 'send-email:ok']);
    });
    expect((await h.request('GET', '/execution-log', { token: p.token })).status).toBe(403);
    // 13 event notices (two for a consumer report, decision 0046) and 3 account mails (decision 0034).
    expect((await h.request('GET', '/workflows', { token: p.token })).body).toHaveLength(18);
  });
});
