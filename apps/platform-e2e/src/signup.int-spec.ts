import { waitFor } from '@ocop/testing';
import { certifyProduct, Json, login, setUpStaff, SignedIn, StoryContext } from './story';
import { bootE2ePlatform, BOOTSTRAP_ADMIN, E2ePlatform } from './support/e2e-platform';

/**
 * Producers sign up and get back in (issue 15 item 6, decision 0034), across the real services: identity takes
 * the registration and asks the catalogue about the tax code, the catalogue records the pending producer from
 * identity's event, an officer of the commune verifies it, and notifications mails resets, invitations and
 * warnings through the mail catcher, with tokens identity sealed.
 */
const PHU_KHUONG = '28756'; // Phường Phú Khương, Vĩnh Long (map of 1 July 2025, in force today)
const ELSEWHERE = '28870';

describe('producers sign up and get back in (end to end)', () => {
  let e2e: E2ePlatform;
  let ctx: StoryContext;
  let admin: string;
  let officer: string;
  let outsider: string;
  let producerToken: string;
  let producerId: string;
  let candy: { productId: string; nameVi: string; productSet: number };

  const registration = {
    type: 'household',
    taxCode: '086190004321',
    name: 'Hộ kinh doanh Kẹo dừa Út Hiền',
    communeCode: PHU_KHUONG,
    fullName: 'Trần Thị Hiền',
    email: 'uthien@example.vn',
    password: 'kẹo dừa Út Hiền ngon nhất xóm Phú Khương',
  };

  const mailsTo = async (address: string): Promise<Json[]> => {
    const mails = (await (await fetch(`${e2e.platform.mailUrl}/messages.json`)).json()) as Json[];
    return mails.filter((m) => JSON.stringify(m.to).includes(address));
  };
  const mailTo = (address: string, subject: string) =>
    waitFor(
      async () => {
        const found = (await mailsTo(address)).find((m) => m.subject === subject);
        expect(found).toBeDefined();
        return found as Json;
      },
      { intervalMs: 250 },
    );
  const tokenIn = (mail: Json) => /#token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] as string;

  beforeAll(async () => {
    e2e = await bootE2ePlatform({ extraEnv: { notifications: { DISPATCH_POLL_MS: '200' } } });
    ctx = e2e.ctx;
    admin = await login(ctx, BOOTSTRAP_ADMIN.email, BOOTSTRAP_ADMIN.password);
    const officerOf = async (email: string, communeCode: string) => {
      const password = `cán bộ phường ${communeCode} trực ban sáng`;
      await ctx.identity.post('/admin/accounts', {
        token: admin,
        body: {
          email,
          displayName: `Cán bộ ${communeCode}`,
          roles: ['officer'],
          scope: { provinceCode: '86', communeCode },
          password,
        },
        expect: 201,
      });
      return login(ctx, email, password);
    };
    officer = await officerOf('phukhuong@ocop.local', PHU_KHUONG);
    outsider = await officerOf('elsewhere@ocop.local', ELSEWHERE);
  }, 600_000);

  afterAll(async () => {
    const unclean = await e2e?.dispose();
    expect(unclean).toEqual([]);
  }, 180_000);

  it('a household registers itself: its producer waits in the catalogue, private, until its commune’s officer verifies it', async () => {
    const received = await ctx.identity.post('/registrations', { body: registration, expect: 202 });
    expect(received).toMatchObject({ status: 'received' });
    producerToken = await login(ctx, registration.email, registration.password);
    const me = await ctx.identity.get('/me', { token: producerToken });
    expect(me.roles).toEqual(['producer']);
    producerId = me.producerId;

    const pending = await waitFor(
      async () => {
        const res = await ctx.catalogue.request('GET', `/producers/${producerId}`, {
          token: producerToken,
          expect: [200, 404],
        });
        expect(res.status).toBe(200);
        return res.body;
      },
      { intervalMs: 250 },
    );
    expect(pending).toMatchObject({
      status: 'pending',
      name: registration.name,
      taxCode: registration.taxCode,
    });
    await ctx.catalogue.request('GET', `/catalogue/producers/${producerId}`, { expect: 404 });

    const product = {
      producerId,
      nameVi: 'Kẹo dừa sữa Út Hiền',
      productSet: 7,
    };
    const early = await ctx.catalogue.request('POST', '/products', {
      token: producerToken,
      body: product,
      expect: 409,
    });
    expect(early.body.code).toBe('producer-not-verified');

    await ctx.catalogue.request('POST', `/producers/${producerId}/verify`, {
      token: outsider,
      body: {},
      expect: 404,
    });
    const verified = await ctx.catalogue.post(`/producers/${producerId}/verify`, {
      token: officer,
      body: { note: 'Đã đối chiếu CCCD' },
      expect: 200,
    });
    expect(verified.status).toBe('verified');

    const created = await ctx.catalogue.post('/products', {
      token: producerToken,
      body: product,
      expect: 201,
    });
    expect(created).toMatchObject({ producerId, status: 'draft' });
    candy = { productId: created.productId, nameVi: created.nameVi, productSet: 7 };
  });

  it('the household’s coconut candy (set 7) goes from its registration to a certificate under today’s rules', async () => {
    await ctx.catalogue.post(`/products/${candy.productId}/activate`, {
      token: producerToken,
      expect: 200,
    });
    const me = await ctx.identity.get('/me', { token: producerToken });
    const producer: SignedIn = {
      key: 'utHien',
      email: registration.email,
      accountId: me.accountId,
      roles: me.roles,
      producerId,
      token: producerToken,
    };
    // The province's officer and its council; the commune round is run by Phú Khương's own officer (QĐ 1489:
    // the commune checks and proposes, the province council scores and the province certifies).
    const staff = await setUpStaff(ctx);
    const { certificate, province } = await certifyProduct(ctx, { staff, producer }, candy, {
      officerToken: officer,
      communeCode: PHU_KHUONG,
      name: 'phường Phú Khương',
    });
    expect(province.result).toMatchObject({ status: expect.any(String) });
    expect(certificate).toMatchObject({ productId: candy.productId, status: 'issued' });
    expect([3, 4]).toContain(certificate.stars);
    // The producer sees its own certificate, and the catalogue shows the product as OCOP-rated.
    const mine = await ctx.rating.get(`/certificates?productId=${candy.productId}`, {
      token: producerToken,
    });
    expect(mine.items.map((c: Json) => c.certificateId)).toContain(certificate.certificateId);
    await waitFor(async () => {
      const shown = await ctx.catalogue.get(`/products/${candy.productId}`, { token: producerToken });
      expect(shown.ocop).toMatchObject({ stars: certificate.stars });
    });
  });

  it('a second registration of the same personal ID gets the same answer, creates nothing, and the owner is mailed', async () => {
    const again = await ctx.identity.post('/registrations', {
      body: { ...registration, email: 'someone.else@example.vn', password: 'một người khác thử đăng ký lại' },
      expect: 202,
    });
    const genuinelyNew = await ctx.identity.post('/registrations', {
      body: { ...registration, taxCode: '086190009876', email: 'third@example.vn', name: 'Hộ kinh doanh Ba' },
      expect: 202,
    });
    expect(again).toEqual(genuinelyNew);
    await ctx.identity.request('POST', '/auth/login', {
      body: { identifier: 'someone.else@example.vn', password: 'một người khác thử đăng ký lại' },
      expect: 401,
    });
    const warning = await mailTo(
      registration.email,
      'Có người đăng ký lại bằng thông tin của bạn / Someone registered again with your details',
    );
    expect(warning.text).toContain('mã số thuế hoặc số định danh');
    expect(await mailsTo('someone.else@example.vn')).toEqual([]);
  });

  it('a forgotten password comes back by mail, once, and the old one stops working', async () => {
    const unknown = await ctx.identity.post('/auth/password-reset', {
      body: { email: 'nobody@example.vn' },
      expect: 202,
    });
    const known = await ctx.identity.post('/auth/password-reset', {
      body: { email: registration.email },
      expect: 202,
    });
    expect(known).toEqual(unknown);
    const mail = await mailTo(registration.email, 'Đặt lại mật khẩu OCOP / Reset your OCOP password');
    expect(mail.text).toContain('(UTC+7)');
    const token = tokenIn(mail);
    const newPassword = 'mật khẩu mới của Út Hiền bên sông Cổ Chiên';
    await ctx.identity.post('/auth/password-reset/confirm', {
      body: { token, password: newPassword },
      expect: 204,
    });
    const again = await ctx.identity.request('POST', '/auth/password-reset/confirm', {
      body: { token, password: 'thử dùng lại liên kết một lần nữa' },
      expect: 400,
    });
    expect(again.body.code).toBe('reset-token-invalid');
    await ctx.identity.request('POST', '/auth/login', {
      body: { identifier: registration.email, password: registration.password },
      expect: 401,
    });
    producerToken = await login(ctx, registration.email, newPassword);
    expect(await mailsTo('nobody@example.vn')).toEqual([]);
  });

  it('the commune’s officer invites a second person of the producer: the mailed link sets the first password, once', async () => {
    const invitation = {
      producerId,
      email: 'con.gai.ut.hien@example.vn',
      displayName: 'Nguyễn Thị Ngọc',
    };
    const refused = await ctx.identity.request('POST', '/producer-invitations', {
      token: outsider,
      body: invitation,
      expect: 400,
    });
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'producerId' })]);
    await ctx.identity.post('/producer-invitations', { token: officer, body: invitation, expect: 201 });
    const mail = await mailTo(
      invitation.email,
      'Lời mời sử dụng nền tảng OCOP Bến Tre / Your invitation to the OCOP Ben Tre platform',
    );
    const token = tokenIn(mail);
    const password = 'con gái Út Hiền phụ nấu kẹo dừa';
    await ctx.identity.post('/auth/accept-invite', { body: { token, password }, expect: 204 });
    await ctx.identity.request('POST', '/auth/accept-invite', {
      body: { token, password: 'lần thứ hai không được nữa đâu' },
      expect: 400,
    });
    const daughter = await login(ctx, invitation.email, password);
    const record = await ctx.catalogue.get(`/producers/${producerId}`, { token: daughter });
    expect(record.status).toBe('verified');
  });
});
