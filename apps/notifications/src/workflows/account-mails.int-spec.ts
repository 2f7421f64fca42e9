import { sealAccountToken } from '@ocop/auth';
import { AccountMailV1, IdentityEvents, RegistrationRepeatedV1 } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import { NotificationsHarness, startNotifications } from '../../test/notifications-harness';
import { DEV_ACCOUNT_MAIL_SECRET } from '../config';

/** Identity's account mails: the sealed token opened into a link, to the address in the event, once. */
describe('account mails (integration)', () => {
  let h: NotificationsHarness;

  beforeAll(async () => {
    h = await startNotifications('notif_account_mails');
  });

  afterAll(async () => {
    await h?.close();
  });

  const mail = (email: string, token: string, overrides: Partial<AccountMailV1> = {}): AccountMailV1 => ({
    accountId: randomUUID(),
    email,
    displayName: 'Nguyễn Văn Ba',
    language: 'vi',
    sealedToken: sealAccountToken(DEV_ACCOUNT_MAIL_SECRET, token),
    // 23:30 UTC on 3 December is 06:30 on 4 December in Viet Nam.
    expiresAt: '2026-12-03T23:30:00.000Z',
    ...overrides,
  });

  it('mails a password reset link to the address in the event, Vietnamese first, with the Vietnamese time, and then forgets the link', async () => {
    const token = 'reset-token-for-ba';
    const eventId = await h.publish(IdentityEvents.passwordResetRequested, mail('ba@example.vn', token));
    await h.processed([eventId]);
    await waitFor(() => expect(h.smtp.to('ba@example.vn')).toHaveLength(1));
    const [sent] = h.smtp.to('ba@example.vn');
    expect(sent.subject).toBe('Đặt lại mật khẩu OCOP / Reset your OCOP password');
    expect(sent.text).toContain(`Liên kết / Link: ${h.config.PORTAL_URL}/dat-lai-mat-khau#token=${token}`);
    expect(sent.text).toContain(`Mã đặt lại / Reset code: ${token}`);
    // Vietnamese first, then English, whatever the account's language.
    expect(sent.text.indexOf('Chào Nguyễn Văn Ba')).toBeLessThan(sent.text.indexOf('Hello Nguyễn Văn Ba'));
    expect(sent.text).toContain('Hết hạn / Expires: 06:30 04/12/2026 (UTC+7)');
    // No inbox item (an account mail is for the mailbox), and once sent the delivery no longer holds the link.
    expect(await h.query(`SELECT 1 FROM inbox_items WHERE event_id = $1`, [eventId])).toEqual([]);
    await waitFor(async () => {
      const [row] = await h.query(`SELECT status, payload FROM deliveries WHERE event_id = $1`, [eventId]);
      expect(row.status).toBe('sent');
      expect(JSON.stringify(row.payload)).not.toContain(token);
      expect(row.payload).toMatchObject({
        to: 'ba@example.vn',
        subject: 'Đặt lại mật khẩu OCOP / Reset your OCOP password',
      });
    });
  });

  it('mails an invitation to a person who has no active account yet, Vietnamese first then English', async () => {
    const eventId = await h.publish(
      IdentityEvents.invitationIssued,
      mail('lan@example.vn', 'invite-token-for-lan', { language: 'en', displayName: 'Lan' }),
    );
    await h.processed([eventId]);
    await waitFor(() => expect(h.smtp.to('lan@example.vn')).toHaveLength(1));
    const [sent] = h.smtp.to('lan@example.vn');
    expect(sent.subject).toBe(
      'Lời mời sử dụng nền tảng OCOP Bến Tre / Your invitation to the OCOP Ben Tre platform',
    );
    expect(sent.text).toContain('/chap-nhan-loi-moi#token=invite-token-for-lan');
    expect(sent.text).toContain('Hết hạn / Expires: 06:30 04/12/2026 (UTC+7)');
  });

  it('sends nothing with a token it cannot open: the event is not planned, to be replayed once the secret is right', async () => {
    const forged = mail('mallory@example.vn', 'x', {
      sealedToken: sealAccountToken('another secret that identity never had in it', 'x'),
    });
    const eventId = await h.publish(IdentityEvents.passwordResetRequested, forged);
    // A good mail published after it gets through, so the forged one has been tried by then.
    const after = await h.publish(IdentityEvents.passwordResetRequested, mail('after@example.vn', 'fine'));
    await h.processed([after]);
    await waitFor(() => expect(h.smtp.to('after@example.vn')).toHaveLength(1));
    expect(await h.query(`SELECT 1 FROM deliveries WHERE event_id = $1`, [eventId])).toEqual([]);
    expect(await h.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [eventId])).toEqual([]);
    expect(h.smtp.to('mallory@example.vn')).toEqual([]);
  });

  it('tells the owner, not the registrant, that someone registered again with their details', async () => {
    const owner = await h.seedAccount({
      roles: ['producer'],
      producerId: randomUUID(),
      email: 'owner@htx.vn',
    });
    const data: RegistrationRepeatedV1 = {
      reason: 'account-exists',
      accountId: owner.accountId,
      attemptedAt: '2026-12-03T02:00:00.000Z',
    };
    const eventId = await h.publish(IdentityEvents.registrationRepeated, data);
    await h.processed([eventId]);
    await waitFor(() => expect(h.smtp.to('owner@htx.vn')).toHaveLength(1));
    const [sent] = h.smtp.to('owner@htx.vn');
    expect(sent.subject).toBe(
      'Có người đăng ký lại bằng thông tin của bạn / Someone registered again with your details',
    );
    expect(sent.text).toContain('Thời điểm / At: 09:00 03/12/2026 (UTC+7)');
    const inbox = (await h.request('GET', '/inbox', { token: owner.token })).body;
    expect(inbox.items[0]).toMatchObject({ workflow: 'registration-repeated' });
  });
});
