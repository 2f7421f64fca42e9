import { RatingEvents } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import {
  applyAndSubmit,
  createRound,
  expectStatus,
  PDF,
  registration,
  scoreAll,
  seatCouncil,
  sheetChoices,
  tokens,
} from '../../test/flows';
import { placesIn, RatingHarness, startRating } from '../../test/rating-harness';

/**
 * The programme's workflow end to end, on the real sheet of set 1 (fresh fruit): frozen durian of Chánh Thu (Hòa
 * Nghĩa, Chợ Lách) goes through the district, the province and the central council, as it did in 2021–2025.
 */
describe('rating workflow (integration)', () => {
  let h: RatingHarness;
  let t: Record<string, string>;
  const producerId = randomUUID();
  const chair = randomUUID();
  const members = [randomUUID(), randomUUID(), randomUUID()];
  const tied = randomUUID();
  let productId: string;
  let dossierId: string;
  let districtRound: string;

  beforeAll(async () => {
    h = await startRating('workflow');
    // The scenario happens in mid-2025, whatever day the tests run: dates and validity are then fixed.
    h.clock.set(new Date('2025-06-20T02:00:00Z'));
    await h.seedProducer({
      id: producerId,
      name: 'Công ty TNHH XNK Trái cây Chánh Thu',
      places: placesIn('832', '28882'),
    });
    productId = await h.seedProduct({ producerId, nameVi: 'Trái sầu riêng cấp đông', productSet: 1 });
    for (const [i, id] of [chair, ...members, tied].entries()) {
      await h.seedAccount({ id, displayName: `Thành viên ${i + 1}`, roles: ['council'] });
    }
    await h.readModelHas('product_views', [productId]);
    await h.readModelHas('account_views', [chair, ...members, tied]);
    t = await tokens(h, {
      producer: { roles: ['producer'], producerId },
      district: { roles: ['officer'], scope: { provinceCode: '83', districtCode: '832' } },
      province: { roles: ['officer'], scope: { provinceCode: '83' } },
      admin: { roles: ['admin'] },
      chair: { accountId: chair, roles: ['council'] },
      m0: { accountId: members[0], roles: ['council'] },
      m1: { accountId: members[1], roles: ['council'] },
      m2: { accountId: members[2], roles: ['council'] },
      tied: { accountId: tied, roles: ['council'] },
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  it('takes a dossier from draft through return and resubmission to acceptance, refusing illegal steps', async () => {
    districtRound = await createRound(h, t.district, {
      name: 'Đánh giá OCOP huyện Chợ Lách 2025',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '832' },
    });
    const created = expectStatus(
      await h.request('POST', `/rounds/${districtRound}/dossiers`, {
        token: t.producer,
        body: { productId, registration: registration('Trái sầu riêng cấp đông') },
      }),
      201,
    );
    dossierId = created.dossierId;
    expect(created).toMatchObject({ status: 'draft', rubric: { version: 'qd148-2023', setNo: 1 } });

    const incomplete = await h.request('POST', `/dossiers/${dossierId}/submit`, { token: t.producer });
    expect(incomplete.body).toMatchObject({ status: 422, code: 'self-assessment-incomplete' });
    expectStatus(
      await h.request('PATCH', `/dossiers/${dossierId}`, {
        token: t.producer,
        body: { selfAssessment: await sheetChoices(h, 1) },
      }),
      200,
    );
    const missing = await h.request('POST', `/dossiers/${dossierId}/submit`, { token: t.producer });
    expect(missing.body).toMatchObject({ status: 422, code: 'dossier-incomplete' });
    expect(missing.body.items).toContain('business-plan');

    const fake = await h.request('POST', `/dossiers/${dossierId}/attachments/business-plan`, {
      token: t.producer,
      raw: { contentType: 'application/pdf', payload: Buffer.from('<script>alert(1)</script>') },
    });
    expect(fake.body).toMatchObject({ status: 422, code: 'attachment-content-mismatch' });
    for (const item of [
      'registration-form',
      'business-plan',
      'producer-profile',
      'business-registration',
      'product-samples',
    ]) {
      expectStatus(
        await h.request(
          'POST',
          `/dossiers/${dossierId}/attachments/${item}?fileName=${encodeURIComponent('Phương án.pdf')}`,
          {
            token: t.producer,
            raw: { contentType: 'application/pdf', payload: PDF },
          },
        ),
        201,
      );
    }
    expect(
      expectStatus(await h.request('POST', `/dossiers/${dossierId}/submit`, { token: t.producer }), 200)
        .status,
    ).toBe('submitted');

    // An officer cannot accept what was not submitted again, nor can a producer review.
    expect(
      (await h.request('POST', `/dossiers/${dossierId}/accept`, { token: t.producer, body: {} })).status,
    ).toBe(403);
    const returned = expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/return`, {
        token: t.district,
        body: {
          comment: 'Thiếu phiếu kiểm nghiệm',
          items: [{ code: 'test-results', comment: 'Bổ sung', supplementDueOn: '2099-01-31' }],
        },
      }),
      200,
    );
    expect(returned.status).toBe('returned');
    expect(returned.checklist.find((c: { code: string }) => c.code === 'test-results')).toMatchObject({
      officerComment: 'Bổ sung',
      supplementDueOn: '2099-01-31',
    });
    const illegal = await h.request('POST', `/dossiers/${dossierId}/accept`, { token: t.district, body: {} });
    expect(illegal.status).toBe(409);
    expect(illegal.headers['content-type']).toContain('application/problem+json');
    expect(illegal.body).toMatchObject({
      code: 'invalid-dossier-transition',
      currentStatus: 'returned',
      action: 'accept',
    });

    expectStatus(await h.request('POST', `/dossiers/${dossierId}/submit`, { token: t.producer }), 200);
    const accepted = expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/accept`, { token: t.district, body: {} }),
      200,
    );
    expect(accepted.status).toBe('accepted');
    const edit = await h.request('PATCH', `/dossiers/${dossierId}`, {
      token: t.producer,
      body: { registration: registration('Khác') },
    });
    expect(edit.body).toMatchObject({ status: 409, code: 'dossier-not-editable' });
    // Evidence the officer allowed to come later is still accepted for that item.
    expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/attachments/test-results`, {
        token: t.producer,
        raw: { contentType: 'application/pdf', payload: PDF },
      }),
      201,
    );

    const history = expectStatus(
      await h.request('GET', `/dossiers/${dossierId}/history`, { token: t.producer }),
      200,
    );
    expect(history.map((e: { action: string; to: string }) => `${e.action}:${e.to}`)).toEqual([
      'create:draft',
      'submit:submitted',
      'return:returned',
      'submit:submitted',
      'accept:accepted',
    ]);
    const submitted = await h.outbox(RatingEvents.dossierSubmitted);
    expect(submitted.map((e) => e.data.resubmission)).toEqual([false, true]);
    // The round's territory travels with it: notifications finds the officers who review it.
    expect(submitted[0].data.territory).toEqual({ provinceCode: '83', districtCode: expect.any(String) });
    const returnedEvents = await h.outbox(RatingEvents.dossierReturned);
    expect(returnedEvents).toHaveLength(1);
    expect(returnedEvents[0].data).toMatchObject({
      dossierId,
      comment: 'Thiếu phiếu kiểm nghiệm',
      items: [{ code: 'test-results' }],
    });
    // The producer hears that the dossier went on to scoring.
    const acceptedEvents = await h.outbox(RatingEvents.dossierAccepted);
    expect(acceptedEvents.map((e) => e.data)).toEqual([
      expect.objectContaining({ dossierId, level: 'district', supplements: [] }),
    ]);
  });

  it('reports the sheets that do not add up, and refuses to assess a product on one (QĐ 1048, herbal medicine)', async () => {
    const [qd148, qd1048] = expectStatus(await h.request('GET', '/rubrics/validation'), 200);
    expect(qd148.unusableSets).toEqual([]);
    expect(qd1048.unusableSets).toContain('thuc-pham-chuc-nang-thuoc-duoc-lieu');
    const round1048 = await createRound(h, t.district, {
      name: 'Đánh giá theo QĐ 1048',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '832' },
      // QĐ 1048's sheets belong to its period (to 23 February 2023, decision 0032).
      rules: 'qd1048-2019',
      opensOn: '2022-03-01',
      closesOn: '2022-05-31',
    });
    const tonic = await h.seedProduct({
      producerId,
      nameVi: 'Rượu thuốc (thực phẩm chức năng)',
      productSet: 18,
    });
    await h.readModelHas('product_views', [tonic]);
    const refused = await h.request('POST', `/rounds/${round1048}/dossiers`, {
      token: t.producer,
      body: { productId: tonic, registration: registration('Rượu thuốc') },
    });
    expect(refused.body).toMatchObject({
      status: 422,
      code: 'rubric-set-unusable',
      setCode: 'thuc-pham-chuc-nang-thuoc-duoc-lieu',
    });
    expect(refused.body.issues[0]).toMatchObject({
      code: 'part-sum-mismatch',
      at: 'C',
      expected: 40,
      actual: 38,
    });
  });

  it('lets the producer withdraw a dossier and an officer reject one; both are final', async () => {
    const other = await h.seedProduct({ producerId, nameVi: 'Sầu riêng Ri6', productSet: 1 });
    const third = await h.seedProduct({ producerId, nameVi: 'Chôm chôm', productSet: 1 });
    await h.readModelHas('product_views', [other, third]);
    const withdrawn = expectStatus(
      await h.request('POST', `/rounds/${districtRound}/dossiers`, {
        token: t.producer,
        body: { productId: other, registration: registration('Ri6') },
      }),
      201,
    );
    expect(
      expectStatus(
        await h.request('POST', `/dossiers/${withdrawn.dossierId}/withdraw`, { token: t.producer }),
        200,
      ).status,
    ).toBe('withdrawn');
    const again = await h.request('POST', `/dossiers/${withdrawn.dossierId}/submit`, { token: t.producer });
    expect(again.body).toMatchObject({
      status: 409,
      code: 'invalid-dossier-transition',
      currentStatus: 'withdrawn',
    });

    const rejectedId = await applyAndSubmit(h, t.producer, districtRound, third, 1);
    const rejected = expectStatus(
      await h.request('POST', `/dossiers/${rejectedId}/reject`, {
        token: t.district,
        body: { reason: 'Không thuộc bộ sản phẩm 1' },
      }),
      200,
    );
    expect(rejected.status).toBe('rejected');
    expect(
      (await h.request('POST', `/dossiers/${rejectedId}/withdraw`, { token: t.producer })).body.code,
    ).toBe('invalid-dossier-transition');
  });

  it('scores independently, keeps tied members out, and locks the sheets when the chair finalises', async () => {
    await seatCouncil(h, t.district, districtRound, chair, [...members, tied]);
    expectStatus(
      await h.request('POST', '/council/ties', {
        token: t.tied,
        body: {
          producerId,
          relation: 'Em ruột giám đốc / brother of the director',
          reason: 'Tự khai khi được phân công / declared on appointment',
        },
      }),
      201,
    );
    const early = await h.request('PUT', `/dossiers/${dossierId}/scoresheets/mine`, {
      token: t.m0,
      body: { choices: {} },
    });
    expect(early.body).toMatchObject({ status: 409, code: 'scoring-closed' });
    expect(
      expectStatus(
        await h.request('POST', `/rounds/${districtRound}/start-scoring`, { token: t.district }),
        200,
      ).status,
    ).toBe('scoring');
    const [started] = await h.outbox(RatingEvents.roundScoringStarted);
    expect(started.data).toMatchObject({ roundId: districtRound, dossierCount: 1, level: 'district' });
    expect((started.data.council as { accountId: string }[]).map((m) => m.accountId).sort()).toEqual(
      [chair, ...members, tied].sort(),
    );

    const choices = await sheetChoices(h, 1, {
      'A.1.1': 1,
      'A.3.1': 1,
      'B.4.3': 3,
      'C.6.3': 2,
      'C.6.4': 2,
      'C.7.1': 1,
    });
    const tiedTry = await h.request('PUT', `/dossiers/${dossierId}/scoresheets/mine`, {
      token: t.tied,
      body: { choices },
    });
    expect(tiedTry.body).toMatchObject({ status: 409, code: 'member-tied-to-producer' });
    const partial = await h.request('POST', `/dossiers/${dossierId}/scoresheets/mine/submit`, {
      token: t.m0,
      body: { choices: { 'A.1.1': 2 } },
    });
    expect(partial.body).toMatchObject({ status: 422, code: 'scoresheet-incomplete' });
    await scoreAll(h, [t.m0, t.m1], dossierId, choices);

    const own = expectStatus(
      await h.request('GET', `/dossiers/${dossierId}/scoresheets`, { token: t.m0 }),
      200,
    );
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ memberAccountId: members[0], totals: { A: 37, B: 24, C: 32, total: 93 } });
    const progress = expectStatus(
      await h.request('GET', `/dossiers/${dossierId}/scoresheets`, { token: t.chair }),
      200,
    );
    expect(progress).toHaveLength(2);
    expect(progress.every((s: object) => !('choices' in s) && !('totals' in s))).toBe(true);

    const tooEarly = await h.request('POST', `/dossiers/${dossierId}/result/finalise`, { token: t.chair });
    expect(tooEarly.body).toMatchObject({ status: 409, code: 'not-enough-scoresheets' });
    await scoreAll(h, [t.m2], dossierId, choices);
    expect((await h.request('POST', `/dossiers/${dossierId}/result/finalise`, { token: t.m0 })).status).toBe(
      403,
    );
    const result = expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/result/finalise`, { token: t.chair }),
      200,
    );
    expect(result).toMatchObject({
      revision: 1,
      status: 'finalised',
      rubric: { version: 'qd148-2023', setCode: 'rau-cu-qua-hat-tuoi', setNo: 1 },
      sheetCount: 3,
      partAverages: { A: 37, B: 24, C: 32 },
      average: 93,
      bandStars: 5,
      stars: 4,
      forwardedTo: 'province',
      cappedBy: { level: true },
    });

    expect(
      expectStatus(await h.request('GET', `/dossiers/${dossierId}`, { token: t.producer }), 200).status,
    ).toBe('scored');
    const all = expectStatus(
      await h.request('GET', `/dossiers/${dossierId}/scoresheets`, { token: t.m0 }),
      200,
    );
    expect(all.map((s: { totals: { total: number } }) => s.totals.total)).toEqual([93, 93, 93]);
    const late = await h.request('POST', `/dossiers/${dossierId}/scoresheets/mine/submit`, {
      token: t.m0,
      body: { choices },
    });
    expect(late.body).toMatchObject({ status: 409, code: 'scoring-closed' });
    await expect(
      h.sql(`UPDATE scoresheets SET total = 100 WHERE dossier_id = $1`, [dossierId]),
    ).rejects.toThrow(/locked/);
  });

  it('approves the district results (no certificate there), forwards what reaches 3★ to the province, and closes', async () => {
    const early = await h.request('POST', `/rounds/${districtRound}/close`, { token: t.district });
    expect(early.body).toMatchObject({
      status: 409,
      code: 'invalid-round-transition',
      currentStatus: 'scoring',
    });
    const approved = expectStatus(
      await h.request('POST', `/rounds/${districtRound}/approve-results`, {
        token: t.district,
        body: { decisionRef: '45/QĐ-UBND', decisionDate: '2025-06-20' },
      }),
      200,
    );
    expect(approved).toMatchObject({
      status: 'results-approved',
      results: [{ dossierId, score: 93, stars: 4, forwardedTo: 'province' }],
    });
    expect(approved.results[0].certificateId).toBeUndefined();
    expect(
      expectStatus(await h.request('GET', `/dossiers/${dossierId}`, { token: t.producer }), 200).status,
    ).toBe('decided');
    expect(
      expectStatus(await h.request('GET', `/dossiers/${dossierId}/result`, { token: t.producer }), 200),
    ).toMatchObject({
      status: 'approved',
      decision: { ref: '45/QĐ-UBND', date: '2025-06-20' },
    });
    expect((await h.outbox(RatingEvents.roundResultsApproved))[0].data).toMatchObject({
      roundId: districtRound,
      level: 'district',
    });
    // The producer's own result, with why the star is below the score's band: the district's limit.
    const [decided] = await h.outbox(RatingEvents.dossierDecided);
    expect(decided.data).toMatchObject({
      dossierId,
      level: 'district',
      score: 93,
      bandStars: 5,
      stars: 4,
      decisionRef: '45/QĐ-UBND',
      decisionDate: '2025-06-20',
      reasons: [{ vi: expect.stringContaining('tối đa 4 sao'), en: expect.stringContaining('at most 4★') }],
    });
    await expect(h.sql(`UPDATE results SET average = 99 WHERE dossier_id = $1`, [dossierId])).rejects.toThrow(
      /approved/,
    );
    expect(
      expectStatus(await h.request('POST', `/rounds/${districtRound}/close`, { token: t.district }), 200)
        .status,
    ).toBe('closed');
  });

  let provinceDossier: string;

  it('never awards 5★ at the province: 93 points certify 4★ and make the product potential 5★', async () => {
    expect((await h.request('POST', '/rounds', { token: t.district, body: {} })).status).toBe(400);
    const provinceRound = await createRound(h, t.province, {
      name: 'Cấp tỉnh 2025',
      level: 'province',
      territory: { provinceCode: '83' },
    });
    const direct = await h.request('POST', `/rounds/${provinceRound}/dossiers`, {
      token: t.producer,
      body: { productId, registration: registration('Sầu riêng') },
    });
    expect(direct.body).toMatchObject({ status: 409, code: 'round-takes-forwarded-only' });
    const intake = expectStatus(
      await h.request('POST', `/rounds/${provinceRound}/intake`, { token: t.province, body: {} }),
      201,
    );
    expect(intake.taken).toHaveLength(1);
    provinceDossier = intake.taken[0].dossierId;
    expect(intake.taken[0]).toMatchObject({
      status: 'submitted',
      productId,
      forwardedFromResultId: expect.any(String),
    });
    expect(
      intake.taken[0].checklist.find((c: { code: string }) => c.code === 'business-plan').attachments,
    ).toHaveLength(1);
    expect(
      (await h.request('POST', `/rounds/${provinceRound}/intake`, { token: t.province, body: {} })).body
        .taken,
    ).toEqual([]);
    expectStatus(
      await h.request('POST', `/dossiers/${provinceDossier}/accept`, { token: t.province, body: {} }),
      200,
    );

    await seatCouncil(h, t.province, provinceRound, chair, members);
    expectStatus(
      await h.request('POST', `/rounds/${provinceRound}/start-scoring`, { token: t.province }),
      200,
    );
    await scoreAll(
      h,
      [t.m0, t.m1, t.m2],
      provinceDossier,
      await sheetChoices(h, 1, { 'A.1.1': 1, 'A.3.1': 1, 'B.4.3': 3, 'C.6.3': 2, 'C.6.4': 2, 'C.7.1': 1 }),
    );
    const result = expectStatus(
      await h.request('POST', `/dossiers/${provinceDossier}/result/finalise`, { token: t.chair }),
      200,
    );
    expect(result).toMatchObject({
      average: 93,
      bandStars: 5,
      stars: 4,
      potentialFiveStar: true,
      forwardedTo: 'central',
    });
    expect(result.cappedBy.explanations[0].vi).toContain('tối đa 4 sao');

    const future = await h.request('POST', `/rounds/${provinceRound}/approve-results`, {
      token: t.province,
      body: { decisionRef: '1234/QĐ-UBND', decisionDate: '2025-07-01' },
    });
    expect(future.body).toMatchObject({ status: 400, code: 'validation-failed' });
    const approved = expectStatus(
      await h.request('POST', `/rounds/${provinceRound}/approve-results`, {
        token: t.province,
        body: { decisionRef: '1234/QĐ-UBND', decisionDate: '2025-06-20' },
      }),
      200,
    );
    const certificateId = approved.results[0].certificateId;
    const certificate = expectStatus(
      await h.request('GET', `/certificates/${certificateId}`, { token: t.producer }),
      200,
    );
    expect(certificate).toMatchObject({
      number: 'OCOP-BT-2025-0001',
      stars: 4,
      status: 'issued',
      decision: { ref: '1234/QĐ-UBND', date: '2025-06-20' },
      issuedAt: '2025-06-19T17:00:00.000Z',
      expiresAt: '2028-06-20T17:00:00.000Z', // valid through 20/06/2028 (decision 0035)
      verifyUrl: 'http://127.0.0.1:3006/certificates/OCOP-BT-2025-0001',
    });
    const [certified] = await h.outbox(RatingEvents.productCertified);
    expect(certified.data).toMatchObject({
      level: 'province',
      score: 93,
      certificate: { stars: 4, certificateId },
    });
    expect((await h.outbox(RatingEvents.certificateIssued)).map((e) => e.data.stars)).toEqual([4]);
  });

  it('awards 5★ only at the central council, superseding the 4★ certificate', async () => {
    // 5★ is the ministry's: a province officer does not open a central round (decision 0033); an admin can, to
    // record a central council's scores in full.
    const refused = await h.request('POST', '/rounds', {
      token: t.province,
      body: {
        name: 'Trung ương 2025',
        level: 'central',
        rules: 'qd148-2023',
        territory: { provinceCode: '83' },
        opensOn: '2025-06-20',
        closesOn: '2025-07-05',
      },
    });
    expect(refused.body).toMatchObject({ status: 403, code: 'central-round-not-provincial', field: 'level' });
    const central = await createRound(h, t.admin, {
      name: 'Trung ương 2025',
      level: 'central',
      territory: { provinceCode: '83' },
    });
    h.clock.set(new Date('2025-09-05T02:00:00Z'));
    const intake = expectStatus(
      await h.request('POST', `/rounds/${central}/intake`, { token: t.admin, body: {} }),
      201,
    );
    const id = intake.taken[0].dossierId;
    expectStatus(await h.request('POST', `/dossiers/${id}/accept`, { token: t.admin, body: {} }), 200);
    await seatCouncil(h, t.admin, central, chair, members);
    expectStatus(await h.request('POST', `/rounds/${central}/start-scoring`, { token: t.admin }), 200);
    await scoreAll(h, [t.m0, t.m1, t.m2], id, await sheetChoices(h, 1));
    expect(
      expectStatus(await h.request('POST', `/dossiers/${id}/result/finalise`, { token: t.chair }), 200),
    ).toMatchObject({ average: 100, stars: 5 });
    const approved = expectStatus(
      await h.request('POST', `/rounds/${central}/approve-results`, {
        token: t.admin,
        body: { decisionRef: '789/QĐ-BNNMT', decisionDate: '2025-09-05' },
      }),
      200,
    );
    const five = expectStatus(
      await h.request('GET', `/certificates/${approved.results[0].certificateId}`, { token: t.province }),
      200,
    );
    expect(five).toMatchObject({ stars: 5, status: 'issued', level: 'central' });
    const list = expectStatus(
      await h.request('GET', `/certificates?productId=${productId}`, { token: t.producer }),
      200,
    );
    expect(list.items.map((c: { stars: number; status: string }) => `${c.stars}:${c.status}`)).toEqual([
      '5:issued',
      '4:superseded',
    ]);
    const [superseded] = await h.outbox(RatingEvents.certificateSuperseded);
    expect(superseded.data).toMatchObject({ stars: 4, supersededBy: { stars: 5 } });
  });

  it('amends an approved result only by a new revision with a reason; the approved one stays as it was', async () => {
    const choices = await sheetChoices(h, 1, {
      'A.1.1': 0,
      'A.3.1': 0,
      'B.4.3': 0,
      'C.6.3': 0,
      'C.6.4': 0,
      'C.7.1': 0,
    });
    const amended = expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/result/amendments`, {
        token: t.district,
        body: {
          reason: 'Sửa lỗi nhập phiếu / data-entry error',
          decisionRef: '60/QĐ-UBND',
          decisionDate: '2025-09-05',
          sheets: [{ memberAccountId: members[0], choices }],
        },
      }),
      201,
    );
    expect(amended).toMatchObject({
      revision: 2,
      status: 'approved',
      amendment: { reason: 'Sửa lỗi nhập phiếu / data-entry error' },
    });
    expect(amended.average).toBe(89.33);
    expect(amended.history).toEqual([
      expect.objectContaining({ revision: 1, status: 'superseded', average: 93 }),
    ]);
    const none = await h.request('POST', `/dossiers/${dossierId}/result/amendments`, {
      token: t.producer,
      body: { reason: 'x', decisionRef: 'x', decisionDate: '2025-09-05', sheets: [] },
    });
    expect(none.status).toBe(403);
  });
});
