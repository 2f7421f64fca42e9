import { randomUUID } from 'node:crypto';
import {
  applyAndSubmit,
  createRound,
  expectStatus,
  seatCouncil,
  sheetChoices,
  tokens,
} from '../../test/flows';
import { Json, placesIn, RatingHarness, startRating } from '../../test/rating-harness';

/**
 * Sheets far apart (issue 18, decision 0057): three members score a district dossier; two agree and one is tens of
 * points away. The flag shows to that member and the chair (not anyone's scores), the chair cannot finalise until
 * the member has explained the sheet, and once finalised everyone reads the explanation beside the sheet.
 */
describe('scoresheets far apart (integration)', () => {
  let h: RatingHarness;
  let t: Record<string, string>;
  const producerId = randomUUID();
  const chair = randomUUID();
  const [agreeing, far] = [randomUUID(), randomUUID()];
  let dossierId: string;

  beforeAll(async () => {
    h = await startRating('spread');
    h.clock.set(new Date('2025-06-20T02:00:00Z'));
    await h.seedProducer({
      id: producerId,
      name: 'Hợp tác xã Bưởi Phú Hưng',
      places: placesIn('832', '28882'),
    });
    const productId = await h.seedProduct({ producerId, nameVi: 'Bưởi da xanh', productSet: 1 });
    for (const [i, id] of [chair, agreeing, far].entries()) {
      await h.seedAccount({ id, displayName: `Thành viên ${i + 1}`, roles: ['council'] });
    }
    await h.readModelHas('product_views', [productId]);
    await h.readModelHas('account_views', [chair, agreeing, far]);
    t = await tokens(h, {
      producer: { roles: ['producer'], producerId },
      district: { roles: ['officer'], scope: { provinceCode: '83', districtCode: '832' } },
      chair: { accountId: chair, roles: ['council'] },
      agreeing: { accountId: agreeing, roles: ['council'] },
      far: { accountId: far, roles: ['council'] },
    });
    const roundId = await createRound(h, t.district, {
      name: 'Đánh giá OCOP huyện Chợ Lách 2025',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '832' },
    });
    dossierId = await applyAndSubmit(h, t.producer, roundId, productId, 1);
    expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/accept`, { token: t.district, body: {} }),
      200,
    );
    await seatCouncil(h, t.district, roundId, chair, [agreeing, far]);
    expectStatus(await h.request('POST', `/rounds/${roundId}/start-scoring`, { token: t.district }), 200);
  });

  afterAll(async () => {
    await h?.close();
  });

  /** The lowest option of every criterion: a sheet far below one of best answers. */
  async function lowestChoices(): Promise<Record<string, number>> {
    const set = expectStatus(await h.request('GET', '/rubrics/qd148-2023/sets/1'), 200);
    const low: Record<string, number> = {};
    for (const part of set.parts)
      for (const section of part.sections)
        for (const c of section.criteria) {
          const points = c.options.map((o: { points: number }) => o.points);
          low[c.key] = points.indexOf(Math.min(...points));
        }
    return low;
  }

  const submit = async (token: string, choices: Record<string, number | null>) =>
    expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/scoresheets/mine/submit`, { token, body: { choices } }),
      200,
    );
  const sheetsFor = async (token: string): Promise<Json[]> =>
    expectStatus(await h.request('GET', `/dossiers/${dossierId}/scoresheets`, { token }), 200);

  it('flags the sheet far from the two that agree, asks its member to explain it, then finalises', async () => {
    const best = await sheetChoices(h, 1);
    await submit(t.chair, best);
    await submit(t.agreeing, { ...best, 'A.1.1': 1 });
    const farSheet = await submit(t.far, await lowestChoices());
    expect(farSheet).toMatchObject({ farApart: true, spreadPoints: 15, note: null });
    expect(farSheet.totals.total).toBeLessThan(60);

    // The chair sees who is far apart, not how anyone scored.
    const chairView = await sheetsFor(t.chair);
    const byMember = new Map(chairView.map((s) => [s.memberAccountId, s]));
    expect(byMember.get(far)).toMatchObject({ farApart: true, submitted: true });
    expect(byMember.get(agreeing)).toMatchObject({ farApart: false });
    expect(byMember.get(far)).not.toHaveProperty('totals');
    // A member who agrees sees only their own sheet, unflagged.
    expect(await sheetsFor(t.agreeing)).toEqual([
      expect.objectContaining({ memberAccountId: agreeing, farApart: false }),
    ]);

    const refused = await h.request('POST', `/dossiers/${dossierId}/result/finalise`, { token: t.chair });
    expect(refused.body).toMatchObject({
      status: 409,
      code: 'scoresheet-spread-unexplained',
      spreadPoints: 15,
      memberAccountIds: [far],
    });

    const tooShort = await h.request('POST', `/dossiers/${dossierId}/scoresheets/mine/note`, {
      token: t.far,
      body: { note: ' a ' },
    });
    expect(tooShort.body).toMatchObject({
      status: 400,
      errors: [expect.objectContaining({ field: 'note' })],
    });
    const explanation = 'Hồ sơ thiếu phiếu kiểm nghiệm vi sinh nên tôi chấm phần C thấp';
    const noted = expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/scoresheets/mine/note`, {
        token: t.far,
        body: { note: `  ${explanation} ` },
      }),
      200,
    );
    expect(noted).toMatchObject({ farApart: true, note: explanation, notedAt: expect.any(String) });

    const result = expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/result/finalise`, { token: t.chair }),
      200,
    );
    expect(result).toMatchObject({ status: 'finalised', sheetCount: 3 });
    const afterwards = await sheetsFor(t.agreeing);
    expect(afterwards).toHaveLength(3);
    expect(afterwards.find((s) => s.memberAccountId === far)).toMatchObject({
      note: explanation,
      farApart: true,
    });
    const late = await h.request('POST', `/dossiers/${dossierId}/scoresheets/mine/note`, {
      token: t.far,
      body: { note: 'Sửa lại giải trình' },
    });
    expect(late.body).toMatchObject({ status: 409, code: 'scoring-closed' });
  });
});
