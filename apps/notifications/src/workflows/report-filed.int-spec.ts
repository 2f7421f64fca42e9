import { LookupEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { reportFiled } from '../../test/events';
import { Json, NotificationsHarness, startNotifications } from '../../test/notifications-harness';

/** lookup's ocop.lookup.report.filed in: the territory's officers and the producer told, each their own notice. */
describe('consumer report notices (integration)', () => {
  let h: NotificationsHarness;

  beforeAll(async () => {
    h = await startNotifications('notif_reports');
  });

  afterAll(async () => {
    await h?.close();
  });

  const inbox = async (token: string) => (await h.request('GET', '/inbox', { token })).body.items as Json[];
  const mailsTo = (address: string) => h.smtp.to(address);
  const officer = (
    email: string,
    scope: { provinceCode: string; districtCode?: string; communeCode?: string },
  ) => h.seedAccount({ roles: ['officer'], email, scope });

  it("tells the officers covering the producer's commune and the producer's accounts, with a link to the case", async () => {
    const producerId = randomUUID();
    const province = await officer('bao-cao@so.vn', { provinceCode: '83' });
    const chauThanh = await officer('bao-cao@chauthanh.vn', { provinceCode: '83', districtCode: '831' });
    const quoiSon = await h.seedAccount({
      roles: ['officer'],
      email: 'bao-cao@quoison.vn',
      scope: { provinceCode: '83', communeCode: '28807' },
      language: 'en',
    });
    const moCay = await officer('bao-cao@mocay.vn', { provinceCode: '83', districtCode: '835' });
    const anKhanh = await officer('bao-cao@ankhanh.vn', { provinceCode: '83', communeCode: '28810' });
    // Since July 2025 the same commune is Giao Long, Vĩnh Long (86): officers whose territory is written in that
    // map's codes are judged by the producer's place under it.
    const vinhLong = await officer('bao-cao@vinhlong.vn', { provinceCode: '86' });
    const giaoLong = await officer('bao-cao@giaolong.vn', { provinceCode: '86', communeCode: '28807' });
    const anHoi = await officer('bao-cao@anhoi.vn', { provinceCode: '86', communeCode: '28777' });
    const owner = await h.seedAccount({ roles: ['producer'], producerId, email: 'chu@keodua.vn' });
    const ownerEn = await h.seedAccount({
      roles: ['producer'],
      producerId,
      email: 'lan@keodua.vn',
      language: 'en',
    });
    const stranger = await h.seedAccount({
      roles: ['producer'],
      producerId: randomUUID(),
      email: 'x@khac.vn',
    });

    const data = reportFiled(producerId);
    const eventId = await h.publish(LookupEvents.reportFiled, data, { subject: data.reportId });
    await h.processed([eventId]);
    const link = `${h.config.PORTAL_URL}/phan-anh/${data.reportId}`;

    // Inbox items at once, for exactly these accounts.
    for (const account of [province, chauThanh, quoiSon, vinhLong, giaoLong]) {
      const items = await inbox(account.token);
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ workflow: 'report-filed', readAt: null });
    }
    expect((await inbox(province.token))[0].title).toBe('Phản ánh mới (nghi hàng giả) về "Kẹo dừa Bến Tre"');
    expect((await inbox(quoiSon.token))[0].title).toBe(
      'New consumer report (suspected counterfeit) about "Ben Tre coconut candy"',
    );
    for (const account of [moCay, anKhanh, anHoi, stranger]) expect(await inbox(account.token)).toEqual([]);
    const [ownerItem] = await inbox(owner.token);
    expect(ownerItem).toMatchObject({
      workflow: 'report-filed-producer',
      title: 'Người tiêu dùng phản ánh về sản phẩm "Kẹo dừa Bến Tre"',
    });
    expect(ownerItem.body).toContain(link);
    expect((await inbox(ownerEn.token))[0].title).toBe(
      'A consumer reported a problem with "Ben Tre coconut candy"',
    );

    await waitFor(async () => {
      const rows = await h.query(
        `SELECT payload->>'to' AS "to" FROM deliveries WHERE event_id = $1 AND status = 'sent'`,
        [eventId],
      );
      expect(rows.map((r) => r.to).sort()).toEqual(
        [
          'bao-cao@chauthanh.vn',
          'bao-cao@quoison.vn',
          'bao-cao@so.vn',
          'bao-cao@vinhlong.vn',
          'bao-cao@giaolong.vn',
          'chu@keodua.vn',
          'lan@keodua.vn',
        ].sort(),
      );
    });
    await waitFor(() => expect(mailsTo('bao-cao@so.vn')).toHaveLength(1));
    const [officerMail] = mailsTo('bao-cao@so.vn');
    expect(officerMail.subject).toBe('Phản ánh mới (nghi hàng giả) về "Kẹo dừa Bến Tre"');
    expect(officerMail.text).toContain('Nội dung: Tem chống giả bị bong, <b>vị lạ</b>');
    expect(officerMail.text).toContain('Mã đã quét: GTIN 08938500000017, lô L2026-031, số sê-ri S0042');
    // 17:30 UTC on 10/03 is half past midnight on 11/03 in Viet Nam.
    expect(officerMail.text).toMatch(/Thời điểm: 00:30 11\/03\/2026/);
    expect(officerMail.text).toContain('Liên hệ người phản ánh: có, xem trên cổng thông tin');
    expect(officerMail.text).toContain(`Xử lý tại: ${link}`);
    // The reporter's words are text, never markup.
    expect(officerMail.html).toContain('Tem chống giả bị bong, &lt;b&gt;vị lạ&lt;/b&gt;');
    expect(officerMail.html).not.toContain('<b>vị lạ');

    await waitFor(() => expect(mailsTo('chu@keodua.vn')).toHaveLength(1));
    const [producerMail] = mailsTo('chu@keodua.vn');
    expect(producerMail.subject).toBe('Người tiêu dùng phản ánh về sản phẩm "Kẹo dừa Bến Tre"');
    expect(producerMail.text).toContain(`Xem tại: ${link}`);
    expect(producerMail.text).toContain('Cán bộ phụ trách địa bàn đã được thông báo');
    // Nothing about the reporter reaches the producer.
    expect(producerMail.text).not.toMatch(/liên hệ|contact/i);
    expect(mailsTo('lan@keodua.vn')[0]?.text ?? '').toContain('See it at: ');
    for (const address of ['bao-cao@mocay.vn', 'bao-cao@ankhanh.vn', 'bao-cao@anhoi.vn', 'x@khac.vn']) {
      expect(mailsTo(address)).toEqual([]);
    }
  });

  it('gives a report on an unknown code to the province-wide officers, naming the code; no producer to tell', async () => {
    const province = await officer('tinh@so.vn', { provinceCode: '83' });
    const district = await officer('huyen@chauthanh.vn', { provinceCode: '83', districtCode: '831' });
    const data = reportFiled(randomUUID(), {
      product: undefined,
      producerId: undefined,
      places: undefined,
      lot: undefined,
      serial: undefined,
      outcome: 'unknown',
      hasContact: false,
      category: 'label',
      gtin: '08930000000019',
    });
    const eventId = await h.publish(LookupEvents.reportFiled, data);
    await h.processed([eventId]);
    await waitFor(() => expect(mailsTo('tinh@so.vn')).toHaveLength(1));
    const [mail] = mailsTo('tinh@so.vn');
    expect(mail.subject).toBe('Phản ánh mới (nhãn, bao bì) về mã GTIN 08930000000019 (không rõ sản phẩm)');
    expect(mail.text).toContain('Trang tra cứu báo: mã không có trong hệ thống');
    expect(mail.text).toContain('Liên hệ người phản ánh: không để lại');
    expect(await inbox(province.token)).toHaveLength(1);
    expect(await inbox(district.token)).toEqual([]);
    const log = await h.query(
      `SELECT detail FROM execution_log WHERE event_id = $1 AND workflow = 'report-filed-producer' AND step = 'recipients'`,
      [eventId],
    );
    expect(log).toEqual([{ detail: '0 accounts' }]);
  });

  it('lets an officer turn off the report e-mails and keep the inbox item', async () => {
    const quiet = await officer('yen-lang@so.vn', { provinceCode: '83' });
    const put = await h.request('PUT', '/preferences', {
      token: quiet.token,
      body: { preferences: [{ workflow: 'report-filed', channel: 'email', enabled: false }] },
    });
    expect(put.status).toBe(200);
    const eventId = await h.publish(LookupEvents.reportFiled, reportFiled(randomUUID()));
    await h.processed([eventId]);
    expect(await inbox(quiet.token)).toHaveLength(1);
    const planned = await h.query(`SELECT 1 FROM deliveries WHERE event_id = $1 AND account_id = $2`, [
      eventId,
      quiet.accountId,
    ]);
    expect(planned).toEqual([]);
  });
});
