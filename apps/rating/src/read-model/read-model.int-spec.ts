import { randomUUID } from 'node:crypto';
import { waitFor } from '@ocop/testing';
import { createRound, expectStatus } from '../../test/flows';
import { QUOI_SON, RatingHarness, startRating } from '../../test/rating-harness';

/** Rating's copies of the catalogue's products and producers and identity's accounts, fed by their events only. */
describe('read model (integration)', () => {
  let h: RatingHarness;

  beforeAll(async () => {
    h = await startRating('readmodel');
    // District rounds belong to QĐ 148's period (to 5 July 2025, decision 0032): the story happens in mid-2025.
    h.clock.set(new Date('2025-06-20T02:00:00Z'));
  });

  afterAll(async () => {
    await h?.close();
  });

  it('keeps the newest version of a product whatever order its events arrive in', async () => {
    const producerId = await h.seedProducer({ name: 'HTX Bưởi da xanh Quới Sơn' });
    const productId = randomUUID();
    const snapshot = (nameVi: string, updatedAt: string) => ({
      product: {
        productId,
        producerId,
        nameVi,
        productSet: 1,
        productGroup: 'food',
        images: [],
        gtins: [],
        packageSizes: [],
        allergens: [],
        certifications: [],
        salesLinks: [],
        status: 'active',
        ocop: null,
        updatedAt,
      },
      changed: ['nameVi'],
      actorId: randomUUID(),
    });
    await h.publish(
      'ocop.catalogue.product.updated',
      snapshot('Bưởi da xanh Quới Sơn (mới)', '2025-05-02T00:00:00Z'),
    );
    await h.publish('ocop.catalogue.product.created', snapshot('Bưởi da xanh', '2025-05-01T00:00:00Z'));
    // Both applied (the older one last), and the row still holds the newer version.
    await waitFor(async () => {
      const [inbox] = await h.dataSource.query(
        `SELECT count(*)::int AS n FROM inbox WHERE consumer = 'rating' AND event_type LIKE 'ocop.catalogue.product.%'`,
      );
      expect(inbox.n).toBe(2);
    });
    const [row] = await h.dataSource.query(`SELECT name_vi FROM product_views WHERE id = $1`, [productId]);
    expect(row.name_vi).toBe('Bưởi da xanh Quới Sơn (mới)');
    const [producer] = await h.dataSource.query(`SELECT places FROM producer_views WHERE id = $1`, [
      producerId,
    ]);
    expect(producer.places).toEqual(QUOI_SON);
  });

  it('seats on a council only active accounts with the council role, as identity last said', async () => {
    const officer = await h.token({ roles: ['officer'], scope: { provinceCode: '83' } });
    const roundId = await createRound(h, officer, {
      name: 'Cấp tỉnh',
      level: 'province',
      territory: { provinceCode: '83' },
    });
    const member = await h.seedAccount({ displayName: 'Trần Thị Hoa', roles: ['council'] });
    const clerk = await h.seedAccount({ displayName: 'Lê Văn Bình', roles: ['officer'] });
    await h.readModelHas('account_views', [member, clerk]);
    const seat = (accountId: string) =>
      h.request('PUT', `/rounds/${roundId}/council/${accountId}`, {
        token: officer,
        body: { role: 'member' },
      });
    expect((await seat(clerk)).body).toMatchObject({ status: 422, code: 'not-a-council-account' });
    expect((await seat(randomUUID())).body).toMatchObject({ status: 422, code: 'not-a-council-account' });
    expect(expectStatus(await seat(member), 200)).toEqual([
      expect.objectContaining({ accountId: member, displayName: 'Trần Thị Hoa', role: 'member' }),
    ]);

    await h.publish('ocop.identity.account.disabled', { accountId: member, reason: 'Nghỉ hưu' });
    await waitFor(async () => {
      const [row] = await h.dataSource.query(`SELECT status FROM account_views WHERE id = $1`, [member]);
      expect(row.status).toBe('disabled');
    });
    expect((await seat(member)).body).toMatchObject({ status: 422, code: 'not-a-council-account' });

    // Enabled again by an admin: identity sends the whole account, and the member may sit again.
    await h.publish('ocop.identity.account.enabled', {
      accountId: member,
      displayName: 'Trần Thị Hoa',
      language: 'vi',
      roles: ['council'],
      status: 'active',
    });
    await waitFor(async () => {
      const [row] = await h.dataSource.query(`SELECT status FROM account_views WHERE id = $1`, [member]);
      expect(row.status).toBe('active');
    });
    expect(expectStatus(await seat(member), 200)).toEqual([
      expect.objectContaining({ accountId: member, role: 'member' }),
    ]);
  });
});
