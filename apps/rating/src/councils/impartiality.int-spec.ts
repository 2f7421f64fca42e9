import { IdentityEvents } from '@ocop/contracts';
import { waitFor } from '@ocop/testing';
import { randomUUID } from 'node:crypto';
import {
  applyAndSubmit,
  createRound,
  expectStatus,
  scoreAll,
  seatCouncil,
  sheetChoices,
  today,
  tokens,
} from '../../test/flows';
import { placesIn, RatingHarness, startRating } from '../../test/rating-harness';

/**
 * Issue 13, items 6 and 7: a council member never scores their own producer's products, ties are recorded and
 * lifted only by officers answerable for the producer, with the reason kept, and the ties in force when the result
 * is computed decide which sheets count (decision 0025).
 */
describe('council impartiality (integration)', () => {
  let h: RatingHarness;
  let t: Record<string, string>;
  const producerId = randomUUID(); // Chánh Thu, Hòa Nghĩa (Chợ Lách, 832)
  const otherProducer = randomUUID(); // Quới Sơn (Châu Thành, 831)
  const chair = randomUUID();
  const m = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const boundByIdentity = randomUUID();
  const boundByToken = randomUUID();
  const officer832 = randomUUID();
  const officer831 = randomUUID();
  let roundId: string;
  let dossier1: string;
  let dossier2: string;
  let ninetyThree: Record<string, number | null>;
  let hundred: Record<string, number | null>;

  const tieReason = 'Cán bộ xác minh qua hồ sơ đăng ký kinh doanh / verified against the business register';
  const recordTie = (token: string, body: Record<string, unknown>) =>
    h.request('POST', '/council/ties', { token, body: { producerId, reason: tieReason, ...body } });
  const liftTie = (token: string, accountId: string, reason?: string) =>
    h.request('POST', `/council/ties/${accountId}/${producerId}/lift`, {
      token,
      body: reason === undefined ? {} : { reason },
    });
  const finalise = (dossierId: string) =>
    h.request('POST', `/dossiers/${dossierId}/result/finalise`, { token: t.chair });

  beforeAll(async () => {
    h = await startRating('impartial', { env: { COUNCIL_MIN_SCORESHEETS: '2' } });
    // District rounds belong to QĐ 148's period (to 5 July 2025, decision 0032): the story happens in mid-2025.
    h.clock.set(new Date('2025-06-20T02:00:00Z'));
    await h.seedProducer({
      id: producerId,
      name: 'Công ty TNHH XNK Trái cây Chánh Thu',
      places: placesIn('832', '28882'),
    });
    await h.seedProducer({
      id: otherProducer,
      name: 'HTX Bưởi da xanh Quới Sơn',
      places: placesIn('831', '28807'),
    });
    const durian = await h.seedProduct({ producerId, nameVi: 'Trái sầu riêng cấp đông', productSet: 1 });
    const rambutan = await h.seedProduct({ producerId, nameVi: 'Chôm chôm', productSet: 1 });
    for (const [i, id] of [chair, ...m].entries()) {
      await h.seedAccount({ id, displayName: `Thành viên ${i + 1}`, roles: ['council'] });
    }
    // The giám đốc of Chánh Thu, seated on the council: identity knows the binding, the token carries none.
    await h.seedAccount({
      id: boundByIdentity,
      displayName: 'Giám đốc Chánh Thu',
      roles: ['council', 'producer'],
      producerId,
    });
    // One whose token says it acts for Chánh Thu while rating's copy of the account does not (yet) say so.
    await h.seedAccount({ id: boundByToken, displayName: 'Kế toán Chánh Thu', roles: ['council'] });
    await h.readModelHas('product_views', [durian, rambutan]);
    await h.readModelHas('producer_views', [otherProducer]);
    await h.readModelHas('account_views', [chair, ...m, boundByIdentity, boundByToken]);
    t = await tokens(h, {
      producer: { roles: ['producer'], producerId },
      officer832: {
        accountId: officer832,
        roles: ['officer'],
        scope: { provinceCode: '83', districtCode: '832' },
      },
      officer831: {
        accountId: officer831,
        roles: ['officer'],
        scope: { provinceCode: '83', districtCode: '831' },
      },
      chair: { accountId: chair, roles: ['council'] },
      m0: { accountId: m[0], roles: ['council'] },
      m1: { accountId: m[1], roles: ['council'] },
      m2: { accountId: m[2], roles: ['council'] },
      m3: { accountId: m[3], roles: ['council'] },
      m4: { accountId: m[4], roles: ['council'] },
      boundByIdentity: { accountId: boundByIdentity, roles: ['council'] },
      boundByToken: { accountId: boundByToken, roles: ['council', 'producer'], producerId },
    });
    roundId = await createRound(h, t.officer832, {
      name: 'Đánh giá OCOP huyện Chợ Lách',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '832' },
    });
    dossier1 = await applyAndSubmit(h, t.producer, roundId, durian, 1);
    dossier2 = await applyAndSubmit(h, t.producer, roundId, rambutan, 1);
    for (const id of [dossier1, dossier2]) {
      expectStatus(await h.request('POST', `/dossiers/${id}/accept`, { token: t.officer832, body: {} }), 200);
    }
    // Seating is per round: the bound accounts may sit on it, for the other producers' products.
    await seatCouncil(h, t.officer832, roundId, chair, [...m, boundByIdentity, boundByToken]);
    expectStatus(await h.request('POST', `/rounds/${roundId}/start-scoring`, { token: t.officer832 }), 200);
    hundred = await sheetChoices(h, 1);
    ninetyThree = await sheetChoices(h, 1, {
      'A.1.1': 1,
      'A.3.1': 1,
      'B.4.3': 3,
      'C.6.3': 2,
      'C.6.4': 2,
      'C.7.1': 1,
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('never lets a member score the producer their own account acts for', async () => {
    for (const token of [t.boundByIdentity, t.boundByToken]) {
      const submit = await h.request('POST', `/dossiers/${dossier1}/scoresheets/mine/submit`, {
        token,
        body: { choices: hundred },
      });
      expect(submit.body).toMatchObject({
        status: 409,
        code: 'member-tied-to-producer',
        conflict: 'own-producer',
      });
      const draft = await h.request('PUT', `/dossiers/${dossier1}/scoresheets/mine`, {
        token,
        body: { choices: hundred },
      });
      expect(draft.body).toMatchObject({ status: 409, conflict: 'own-producer' });
    }
    const [sheets] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM scoresheets WHERE member_account_id = ANY ($1)`,
      [[boundByIdentity, boundByToken]],
    );
    expect(sheets.n).toBe(0);
    // No officer can lift the binding: it is not a tie, so there is nothing to lift.
    expect((await liftTie(t.officer832, boundByIdentity, 'Không còn liên quan')).body).toMatchObject({
      status: 404,
    });
  });

  it('lets only officers covering the producer record or lift a tie, and keeps who and why', async () => {
    const relation = 'Vợ của phó giám đốc / wife of the deputy director';
    // Out of the producer's territory: neither record for a member nor lift.
    const foreignRecord = await recordTie(t.officer831, { accountId: m[0], relation });
    expect(foreignRecord.headers['content-type']).toContain('application/problem+json');
    expect(foreignRecord.body).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await recordTie(t.m1, { accountId: m[0], relation })).body).toMatchObject({ status: 403 });
    expect(
      (await recordTie(t.officer832, { accountId: m[0], relation, producerId: randomUUID() })).body,
    ).toMatchObject({ status: 422, code: 'producer-unknown' });
    expect((await recordTie(t.m0, { relation, reason: ' ' })).body).toMatchObject({
      status: 400,
      code: 'validation-failed',
    });

    // The member declares it; it holds until an officer answerable for the producer lifts it.
    expectStatus(
      await recordTie(t.m0, { relation, reason: 'Tự khai khi được phân công / declared on appointment' }),
      201,
    );
    const blocked = await h.request('PUT', `/dossiers/${dossier1}/scoresheets/mine`, {
      token: t.m0,
      body: { choices: ninetyThree },
    });
    expect(blocked.body).toMatchObject({
      status: 409,
      code: 'member-tied-to-producer',
      conflict: 'declared-tie',
    });

    const foreignLift = await liftTie(t.officer831, m[0], 'Nhầm người / wrong person');
    expect(foreignLift.headers['content-type']).toContain('application/problem+json');
    expect(foreignLift.body).toMatchObject({ status: 403, code: 'forbidden' });
    expect((await liftTie(t.m0, m[0], 'Tôi không còn liên quan')).body).toMatchObject({ status: 403 });
    expect((await liftTie(t.officer832, m[0])).body).toMatchObject({
      status: 400,
      code: 'validation-failed',
    });
    const stillTied = expectStatus(
      await h.request('GET', `/council/ties?accountId=${m[0]}`, { token: t.officer832 }),
      200,
    );
    expect(stillTied).toEqual([expect.objectContaining({ producerId, relation, declaredBy: m[0] })]);
    expect(
      expectStatus(await h.request('GET', `/council/ties?accountId=${m[0]}`, { token: t.officer831 }), 200),
    ).toEqual([]);

    const liftReason = 'Đã ly hôn từ 2023, QĐ 15/2023 của TAND / divorced in 2023';
    expect((await liftTie(t.officer832, m[0], liftReason)).status).toBe(204);
    expect((await liftTie(t.officer832, m[0], liftReason)).body).toMatchObject({ status: 404 });
    expectStatus(
      await h.request('PUT', `/dossiers/${dossier1}/scoresheets/mine`, {
        token: t.m0,
        body: { choices: ninetyThree },
      }),
      200,
    );

    const trail = expectStatus(
      await h.request('GET', `/council/ties/history?accountId=${m[0]}`, { token: t.officer832 }),
      200,
    );
    expect(trail).toEqual([
      expect.objectContaining({
        producerId,
        action: 'recorded',
        relation,
        reason: 'Tự khai khi được phân công / declared on appointment',
        actorId: m[0],
        at: expect.any(String),
      }),
      expect.objectContaining({
        producerId,
        action: 'lifted',
        relation,
        reason: liftReason,
        actorId: officer832,
      }),
    ]);
    expect(
      expectStatus(await h.request('GET', '/council/ties/history', { token: t.m0 }), 200).map(
        (e: { action: string }) => e.action,
      ),
    ).toEqual(['recorded', 'lifted']);
    // An officer of another district does not read the trail of ties to producers outside it.
    expect(
      expectStatus(
        await h.request('GET', `/council/ties/history?accountId=${m[0]}`, { token: t.officer831 }),
        200,
      ),
    ).toEqual([]);
    expect((await h.request('GET', `/council/ties/history?accountId=${m[0]}`, { token: t.m1 })).status).toBe(
      403,
    );
    // The trail is evidence: not even a statement from outside the service rewrites or erases it.
    await expect(
      h.sql(`UPDATE council_tie_events SET reason = 'x' WHERE account_id = $1`, [m[0]]),
    ).rejects.toThrow(/history/);
    await expect(h.sql(`DELETE FROM council_tie_events WHERE account_id = $1`, [m[0]])).rejects.toThrow(
      /history/,
    );
    await expect(h.sql(`TRUNCATE council_tie_events`)).rejects.toThrow(/history/);

    // A correction of what the tie is is a change too, and kept as one.
    for (const relation of ['Con trai giám đốc', 'Con trai và cổ đông / son and shareholder']) {
      expectStatus(await recordTie(t.officer832, { accountId: boundByIdentity, relation }), 201);
    }
    const corrected = expectStatus(
      await h.request('GET', `/council/ties/history?accountId=${boundByIdentity}`, { token: t.officer832 }),
      200,
    );
    expect(corrected.map((e: { action: string; relation: string }) => [e.action, e.relation])).toEqual([
      ['recorded', 'Con trai giám đốc'],
      ['updated', 'Con trai và cổ đông / son and shareholder'],
    ]);
  });

  it('leaves out, at finalisation, the sheet of a member tied to the producer after scoring', async () => {
    await scoreAll(h, [t.m0, t.m1, t.m2], dossier1, ninetyThree);
    await scoreAll(h, [t.m3], dossier1, hundred);
    // Learned after m3 scored 100: m3 is the director's brother.
    expectStatus(
      await recordTie(t.officer832, {
        accountId: m[3],
        relation: 'Em ruột giám đốc / brother of the director',
      }),
      201,
    );

    const result = expectStatus(await finalise(dossier1), 200);
    expect(result).toMatchObject({
      sheetCount: 3,
      average: 93,
      excludedSheets: [{ memberAccountId: m[3], conflict: 'declared-tie' }],
    });
    const sheets = expectStatus(
      await h.request('GET', `/dossiers/${dossier1}/scoresheets`, { token: t.officer832 }),
      200,
    );
    expect(
      sheets.map((s: { memberAccountId: string; excludedFor: string | null; locked: boolean }) => [
        s.memberAccountId,
        s.excludedFor,
        s.locked,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [m[3], 'declared-tie', true],
        [m[0], null, true],
      ]),
    );
    const history = expectStatus(
      await h.request('GET', `/dossiers/${dossier1}/history`, { token: t.officer832 }),
      200,
    );
    expect(history.find((e: { action: string }) => e.action === 'finalise').details).toEqual({
      excludedSheets: [expect.objectContaining({ memberAccountId: m[3], conflict: 'declared-tie' })],
    });
  });

  it('refuses to finalise when the sheets left after conflicts are too few, naming the ones set aside', async () => {
    await scoreAll(h, [t.m0], dossier2, ninetyThree);
    await scoreAll(h, [t.m4], dossier2, hundred);
    // m4 joins Chánh Thu after scoring: identity binds the account to the producer.
    await h.publish(IdentityEvents.accountRolesChanged, {
      accountId: m[4],
      displayName: 'Thành viên 6',
      language: 'vi',
      roles: ['council', 'producer'],
      producerId,
      status: 'active',
      previousRoles: ['council'],
    });
    await waitFor(async () => {
      const [row] = await h.dataSource.query(`SELECT producer_id FROM account_views WHERE id = $1`, [m[4]]);
      expect(row.producer_id).toBe(producerId);
    });

    const refused = await finalise(dossier2);
    expect(refused.body).toMatchObject({
      status: 409,
      code: 'not-enough-scoresheets',
      required: 2,
      counted: 1,
      excludedSheets: [{ memberAccountId: m[4], conflict: 'own-producer' }],
    });
    const [unlocked] = await h.dataSource.query(
      `SELECT count(*)::int AS n FROM scoresheets WHERE dossier_id = $1 AND (locked_at IS NOT NULL OR excluded_for IS NOT NULL)`,
      [dossier2],
    );
    expect(unlocked.n).toBe(0);

    await scoreAll(h, [t.m1], dossier2, ninetyThree);
    expect(expectStatus(await finalise(dossier2), 200)).toMatchObject({
      sheetCount: 2,
      average: 93,
      excludedSheets: [{ memberAccountId: m[4], conflict: 'own-producer' }],
    });
  });

  it('amends an approved result under the ties in force then, and writes no score for a conflicted member', async () => {
    expectStatus(
      await h.request('POST', `/rounds/${roundId}/approve-results`, {
        token: t.officer832,
        body: { decisionRef: '45/QĐ-UBND', decisionDate: today(h) },
      }),
      200,
    );
    expectStatus(await recordTie(t.officer832, { accountId: m[1], relation: 'Cổ đông / shareholder' }), 201);
    const amend = (sheets: { memberAccountId: string; choices: Record<string, number | null> }[]) =>
      h.request('POST', `/dossiers/${dossier1}/result/amendments`, {
        token: t.officer832,
        body: {
          reason: 'Thành viên là cổ đông / a member is a shareholder',
          decisionRef: '60/QĐ-UBND',
          decisionDate: today(h),
          sheets,
        },
      });
    expect((await amend([{ memberAccountId: m[1], choices: hundred }])).body).toMatchObject({
      status: 409,
      code: 'member-tied-to-producer',
      memberAccountIds: [m[1]],
    });
    const amended = expectStatus(await amend([]), 201);
    expect(amended).toMatchObject({ revision: 2, sheetCount: 2, average: 93 });
    expect(
      amended.excludedSheets
        .map((s: { memberAccountId: string; conflict: string }) => [s.memberAccountId, s.conflict])
        .sort(),
    ).toEqual(
      [
        [m[1], 'declared-tie'],
        [m[3], 'declared-tie'],
      ].sort(),
    );
    expect(amended.history).toEqual([
      expect.objectContaining({
        revision: 1,
        sheetCount: 3,
        excludedSheets: [expect.objectContaining({ memberAccountId: m[3] })],
      }),
    ]);
  });

  it('offers officers the accounts they may seat, with the producers each is tied to', async () => {
    const clerk = await h.seedAccount({ displayName: 'Văn thư (không thuộc hội đồng)', roles: ['officer'] });
    await h.readModelHas('account_views', [clerk]);
    const candidates: { accountId: string; tiedProducerIds: string[] }[] = expectStatus(
      await h.request('GET', '/council/candidates', { token: t.officer832 }),
      200,
    );
    const byId = new Map(candidates.map((c) => [c.accountId, c.tiedProducerIds]));
    for (const id of [chair, ...m]) expect(byId.has(id)).toBe(true);
    expect(byId.has(clerk)).toBe(false);
    // The ties the earlier tests left in force (m1, m3 to Chánh Thu) go with the candidate: seated, set aside.
    expect(byId.get(m[1])).toEqual([producerId]);
    expect(byId.get(m[3])).toEqual([producerId]);
    expect(byId.get(chair)).toEqual([]);
    for (const who of [t.producer, t.m0])
      expect((await h.request('GET', '/council/candidates', { token: who })).body).toMatchObject({
        status: 403,
      });
  });
});
