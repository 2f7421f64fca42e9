import JSZip from 'jszip';
import { RatingEvents } from '@ocop/contracts';
import { randomUUID } from 'node:crypto';
import {
  createRound,
  expectStatus,
  PDF,
  registration,
  REQUIRED_ITEMS,
  scoreAll,
  seatCouncil,
  tokens,
} from '../../test/flows';
import { pdfText } from '../../test/pdf-reader';
import { Json, placesIn, RatingHarness, startRating } from '../../test/rating-harness';

/** The files of a ZIP by name, read as any unzip would. */
async function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  const archive = await JSZip.loadAsync(zip);
  const files = new Map<string, Buffer>();
  for (const entry of Object.values(archive.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  return files;
}

/**
 * Rules of each period and the central level (decisions 0032, 0033), as Bến Tre lived them: a 2022 district round
 * under QĐ 1048, a 2024 round under QĐ 148 (district → province → proposal to the ministry), and a round under
 * today's rules (the commune reviews and proposes, the province scores) on the merged province's map.
 */
describe('rules of each period and the central proposal (integration)', () => {
  let h: RatingHarness;
  let t: Record<string, string>;
  const producerId = randomUUID();
  const chair = randomUUID();
  const members = [randomUUID(), randomUUID(), randomUUID()];
  const products: Record<string, string> = {};

  beforeAll(async () => {
    h = await startRating('periods');
    await h.seedProducer({
      id: producerId,
      name: 'Công ty TNHH XNK Trái cây Chánh Thu',
      // Hòa Nghĩa (Chợ Lách) on the 2022 map; commune 28882 of Vĩnh Long from July 2025.
      places: { ...placesIn('832', '28882'), 'vl-2025-07': { provinceCode: '86', communeCode: '28882' } },
    });
    for (const [key, nameVi] of Object.entries({
      durian2022: 'Sầu riêng Ri6 (2022)',
      durian2024: 'Trái sầu riêng cấp đông',
      pomelo2024: 'Bưởi da xanh (thiếu tiêu chí 3 sao)',
      rambutan2024: 'Chôm chôm (thiếu tiêu chí 5 sao)',
      durian2025: 'Sầu riêng Chánh Thu (2025)',
    })) {
      products[key] = await h.seedProduct({ producerId, nameVi, productSet: 1 });
    }
    for (const [i, id] of [chair, ...members].entries()) {
      await h.seedAccount({ id, displayName: `Thành viên hội đồng ${i + 1}`, roles: ['council'] });
    }
    await h.readModelHas('product_views', Object.values(products));
    await h.readModelHas('account_views', [chair, ...members]);
    t = await tokens(h, {
      producer: { roles: ['producer'], producerId },
      district: { roles: ['officer'], scope: { provinceCode: '83', districtCode: '832' } },
      province: { roles: ['officer'], scope: { provinceCode: '83' } },
      commune2025: { roles: ['officer'], scope: { provinceCode: '86', communeCode: '28882' } },
      province2025: { roles: ['officer'], scope: { provinceCode: '86' } },
      admin: { roles: ['admin'] },
      chair: { accountId: chair, roles: ['council'] },
      m0: { accountId: members[0], roles: ['council'] },
      m1: { accountId: members[1], roles: ['council'] },
      m2: { accountId: members[2], roles: ['council'] },
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  const sheetOf = async (dossier: Json) =>
    expectStatus(await h.request('GET', `/rubrics/sheets/${dossier.rubric.sheetId}`), 200).sheet;

  type Criterion = { key: string; options: { points: number; minStars?: number }[] };
  const criteria = (sheet: Json): Criterion[] =>
    sheet.parts.flatMap((p: Json) => p.sections.flatMap((s: Json) => s.criteria));

  /** The best option of every criterion, then changes (option index, or null for "none"). */
  const best = (sheet: Json, changes: Record<string, number | null> = {}) => ({
    ...Object.fromEntries(
      criteria(sheet).map((c) => {
        const points = c.options.map((o) => o.points);
        return [c.key, points.indexOf(Math.max(...points))];
      }),
    ),
    ...changes,
  });

  /** A criterion with an option marked for this star, and the best option below the mark. */
  function markedCriterion(sheet: Json, stars: 3 | 5): { key: string; below: number | null } {
    const c = criteria(sheet).find((x) => x.options.some((o) => o.minStars === stars));
    if (!c) throw new Error(`the sheet has no ${stars}★ marker`);
    const marked = Math.min(...c.options.filter((o) => o.minStars === stars).map((o) => o.points));
    const lower = c.options
      .map((o, i) => ({ i, points: o.points }))
      .filter((o) => o.points < marked)
      .sort((a, b) => b.points - a.points);
    return { key: c.key, below: lower[0]?.i ?? null };
  }

  /** Applies with a complete dossier on the round's own sheet and submits it. */
  async function apply(roundId: string, productId: string): Promise<Json> {
    const dossier = expectStatus(
      await h.request('POST', `/rounds/${roundId}/dossiers`, {
        token: t.producer,
        body: { productId, registration: registration('Sầu riêng') },
      }),
      201,
    );
    const sheet = await sheetOf(dossier);
    expectStatus(
      await h.request('PATCH', `/dossiers/${dossier.dossierId}`, {
        token: t.producer,
        body: { selfAssessment: best(sheet) },
      }),
      200,
    );
    for (const item of REQUIRED_ITEMS) {
      expectStatus(
        await h.request('POST', `/dossiers/${dossier.dossierId}/attachments/${item}?fileName=${item}.pdf`, {
          token: t.producer,
          raw: { contentType: 'application/pdf', payload: PDF },
        }),
        201,
      );
    }
    expectStatus(
      await h.request('POST', `/dossiers/${dossier.dossierId}/submit`, { token: t.producer }),
      200,
    );
    return { ...dossier, sheet };
  }

  /** Accepts the dossiers, seats the council, scores each with its choices, finalises; returns the results. */
  async function scoreRound(
    officer: string,
    roundId: string,
    scored: { dossierId: string; choices: Record<string, number | null> }[],
  ): Promise<Json[]> {
    for (const d of scored) {
      expectStatus(
        await h.request('POST', `/dossiers/${d.dossierId}/accept`, { token: officer, body: {} }),
        200,
      );
    }
    await seatCouncil(h, officer, roundId, chair, members);
    expectStatus(await h.request('POST', `/rounds/${roundId}/start-scoring`, { token: officer }), 200);
    const results: Json[] = [];
    for (const d of scored) {
      await scoreAll(h, [t.m0, t.m1, t.m2], d.dossierId, d.choices);
      results.push(
        expectStatus(
          await h.request('POST', `/dossiers/${d.dossierId}/result/finalise`, { token: t.chair }),
          200,
        ),
      );
    }
    return results;
  }

  const approve = async (officer: string, roundId: string, decisionRef: string, decisionDate: string) =>
    expectStatus(
      await h.request('POST', `/rounds/${roundId}/approve-results`, {
        token: officer,
        body: { decisionRef, decisionDate },
      }),
      200,
    );

  const intake = async (officer: string, roundId: string) =>
    expectStatus(await h.request('POST', `/rounds/${roundId}/intake`, { token: officer, body: {} }), 201)
      .taken;

  it('refuses a round outside its period, on the map of another period, or with another period’s sheets', async () => {
    h.clock.set(new Date('2024-03-01T02:00:00Z'));
    const open = (token: string, body: Record<string, unknown>) =>
      h.request('POST', '/rounds', {
        token,
        body: {
          name: 'Đợt thử',
          level: 'district',
          rules: 'qd148-2023',
          territory: { provinceCode: '83', districtCode: '832' },
          opensOn: '2024-03-01',
          closesOn: '2024-05-31',
          ...body,
        },
      });
    // The cases: a QĐ 148 round dated 2022, a 2025-rules round on the 2022 map.
    expect((await open(t.district, { opensOn: '2022-03-01', closesOn: '2022-05-31' })).body).toMatchObject({
      status: 422,
      code: 'round-outside-rules-period',
      field: 'opensOn',
      rules: 'qd148-2023',
      validFrom: '2023-02-24',
    });
    expect((await open(t.district, { closesOn: '2025-07-06' })).body).toMatchObject({
      status: 422,
      code: 'round-outside-rules-period',
      field: 'closesOn',
    });
    expect(
      (
        await open(t.province, {
          level: 'province',
          rules: 'qd1489-2025',
          territory: { provinceCode: '83' },
          opensOn: '2025-08-01',
          closesOn: '2025-09-30',
        })
      ).body,
    ).toMatchObject({ status: 422, code: 'round-map-not-of-rules', field: 'territory.provinceCode' });
    expect(
      (
        await open(t.province2025, {
          level: 'province',
          territory: { provinceCode: '86' },
        })
      ).body,
    ).toMatchObject({ status: 422, code: 'round-map-not-of-rules', unitMap: 'vl-2025-07' });
    const wrongSheets = await open(t.district, { rubricVersion: 'qd1048-2019' });
    expect(wrongSheets.body).toMatchObject({
      status: 422,
      code: 'round-rubric-not-of-rules',
      field: 'rubricVersion',
      rubricVersion: 'qd148-2023',
    });
    expect(wrongSheets.body.errors[0].field).toBe('rubricVersion');
    expect(
      (
        await open(t.district, {
          rules: 'qd1048-2019',
          rubricVersion: 'qd148-2023',
          opensOn: '2022-03-01',
          closesOn: '2022-05-31',
        })
      ).body,
    ).toMatchObject({ status: 422, code: 'round-rubric-not-of-rules' });
    // The ministry decides 5★: the province proposes instead of opening a central round.
    expect(
      (await open(t.province, { level: 'central', territory: { provinceCode: '83' } })).body,
    ).toMatchObject({ status: 403, code: 'central-round-not-provincial' });
  });

  it('runs a 2022 district round under QĐ 1048 on its own sheets, then the province, then proposes 5★', async () => {
    h.clock.set(new Date('2022-04-01T02:00:00Z'));
    const district = await createRound(h, t.district, {
      name: 'Đánh giá OCOP huyện Chợ Lách 2022',
      level: 'district',
      rules: 'qd1048-2019',
      territory: { provinceCode: '83', districtCode: '832' },
    });
    const round = expectStatus(await h.request('GET', `/rounds/${district}`, { token: t.district }), 200);
    expect(round).toMatchObject({ rules: 'qd1048-2019', rubricVersion: 'qd1048-2019' });
    const dossier = await apply(district, products.durian2022);
    expect(dossier.rubric.version).toBe('qd1048-2019');
    const [result] = await scoreRound(t.district, district, [
      { dossierId: dossier.dossierId, choices: best(dossier.sheet) },
    ]);
    expect(result).toMatchObject({ rubric: { version: 'qd1048-2019' }, forwardedTo: 'province' });
    await approve(t.district, district, '112/QĐ-UBND', '2022-04-01');

    const province = await createRound(h, t.province, {
      name: 'Đánh giá OCOP tỉnh Bến Tre 2022',
      level: 'province',
      rules: 'qd1048-2019',
      territory: { provinceCode: '83' },
    });
    const [taken] = await intake(t.province, province);
    expect(taken).toMatchObject({ productId: products.durian2022, forwardedFromResultId: result.resultId });
    const [provinceResult] = await scoreRound(t.province, province, [
      { dossierId: taken.dossierId, choices: best(dossier.sheet) },
    ]);
    expect(provinceResult).toMatchObject({ stars: 4, forwardedTo: 'central', potentialFiveStar: true });
    await approve(t.province, province, '1234/QĐ-UBND', '2022-04-01');
    const proposals = expectStatus(await h.request('GET', '/central-proposals', { token: t.province }), 200);
    expect(proposals.items.map((p: Json) => p.productId)).toContain(products.durian2022);
  });

  let proposal: Json;

  it('runs a 2024 round under QĐ 148 and forwards only what reaches 3★ after every marker', async () => {
    h.clock.set(new Date('2024-04-01T02:00:00Z'));
    const district = await createRound(h, t.district, {
      name: 'Đánh giá OCOP huyện Chợ Lách 2024',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '832' },
    });
    const durian = await apply(district, products.durian2024);
    const pomelo = await apply(district, products.pomelo2024);
    const rambutan = await apply(district, products.rambutan2024);
    const sheet = durian.sheet;
    const three = markedCriterion(sheet, 3);
    const five = markedCriterion(sheet, 5);
    const [durianResult, pomeloResult, rambutanResult] = await scoreRound(t.district, district, [
      { dossierId: durian.dossierId, choices: best(sheet) },
      // Well above 50 points, but a 3★ criterion is not met: 2★, and the province never sees it.
      { dossierId: pomelo.dossierId, choices: best(sheet, { [three.key]: three.below }) },
      { dossierId: rambutan.dossierId, choices: best(sheet, { [five.key]: five.below }) },
    ]);
    expect(pomeloResult.average).toBeGreaterThanOrEqual(50);
    expect(pomeloResult).toMatchObject({ bandStars: 5, stars: 2, forwardedTo: null });
    expect(pomeloResult.cappedBy.markers[0]).toMatchObject({ criterionKey: three.key, requiredStars: 3 });
    expect(durianResult).toMatchObject({ stars: 4, forwardedTo: 'province' });
    expect(rambutanResult).toMatchObject({ stars: 4, forwardedTo: 'province' });
    const approved = await approve(t.district, district, '45/QĐ-UBND', '2024-04-01');
    expect(approved.results.find((r: Json) => r.dossierId === pomelo.dossierId).forwardedTo).toBeUndefined();

    const province = await createRound(h, t.province, {
      name: 'Đánh giá OCOP tỉnh Bến Tre 2024',
      level: 'province',
      territory: { provinceCode: '83' },
    });
    const taken = await intake(t.province, province);
    expect(taken.map((d: Json) => d.productId).sort()).toEqual(
      [products.durian2024, products.rambutan2024].sort(),
    );
    const byProduct = (id: string) => taken.find((d: Json) => d.productId === id);
    const [top, capped] = await scoreRound(t.province, province, [
      { dossierId: byProduct(products.durian2024).dossierId, choices: best(sheet) },
      {
        dossierId: byProduct(products.rambutan2024).dossierId,
        choices: best(sheet, { [five.key]: five.below }),
      },
    ]);
    // ≥ 90 points and every 5★ marker met: potential 5★ although the province certifies 4★ at most.
    expect(top).toMatchObject({ bandStars: 5, markerMaxStars: 5, stars: 4, potentialFiveStar: true });
    expect(top.forwardedTo).toBe('central');
    // ≥ 90 points without the 5★ marker: 4★, and not proposed.
    expect(capped.average).toBeGreaterThanOrEqual(90);
    expect(capped).toMatchObject({
      markerMaxStars: 4,
      stars: 4,
      potentialFiveStar: false,
      forwardedTo: null,
    });
    await approve(t.province, province, '1500/QĐ-UBND', '2024-04-01');

    const list = expectStatus(
      await h.request('GET', '/central-proposals?status=awaiting-decision', { token: t.province }),
      200,
    );
    proposal = list.items.find((p: Json) => p.productId === products.durian2024);
    expect(proposal).toMatchObject({
      resultId: top.resultId,
      average: top.average,
      stars: 4,
      potentialFiveStar: true,
      provinceDecision: { ref: '1500/QĐ-UBND', date: '2024-04-01' },
      ministryDecision: null,
    });
    expect(list.items.map((p: Json) => p.productId)).not.toContain(products.rambutan2024);
    // Territory: the district's officer and the merged province's officers see nothing of it.
    const other = await h.token({ roles: ['officer'], scope: { provinceCode: '83', districtCode: '831' } });
    expect((await h.request('GET', `/central-proposals/${proposal.resultId}`, { token: other })).status).toBe(
      404,
    );
    expect((await h.request('GET', '/central-proposals', { token: t.producer })).status).toBe(403);
  });

  it('builds the proposal package: one PDF with the product and the scoresheets, and a ZIP with the evidence', async () => {
    const pdf = await h.request('GET', `/central-proposals/${proposal.resultId}/package.pdf`, {
      token: t.province,
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf.raw).join('\n');
    expect(text).toContain('HỒ SƠ ĐỀ XUẤT ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP 5 SAO');
    expect(text).toContain('Trái sầu riêng cấp đông');
    expect(text).toContain('Công ty TNHH XNK Trái cây Chánh Thu');
    expect(text).toContain(`${proposal.average} / 100`);
    expect(text).toContain('1500/QĐ-UBND ngày 01/04/2024');
    for (let i = 2; i <= 4; i++) expect(text).toContain(`Thành viên hội đồng ${i}`);
    expect(text).toContain('business-plan: business-plan.pdf');

    const zip = await h.request('GET', `/central-proposals/${proposal.resultId}/package.zip`, {
      token: t.province,
    });
    expect(zip.status).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const files = await unzip(zip.raw);
    expect(files.get('de-xuat-5-sao.pdf')?.subarray(0, 5).toString()).toBe('%PDF-');
    for (const item of REQUIRED_ITEMS)
      expect(files.get(`minh-chung/${item}/${item}.pdf`)?.equals(PDF)).toBe(true);
  });

  it('records the ministry’s decision once, validated, and it issues the 5★ certificate', async () => {
    h.clock.set(new Date('2024-09-05T02:00:00Z'));
    const record = (body: Record<string, unknown>, token = t.province) =>
      h.request('POST', `/central-proposals/${proposal.resultId}/ministry-decision`, { token, body });
    const valid = { decisionRef: '789/QĐ-BNN-KTHT', decisionDate: '2024-09-05', stars: 5 };
    expect((await record({ ...valid, decisionDate: '2024-09-06' })).body).toMatchObject({
      status: 400,
      errors: [{ field: 'decisionDate' }],
    });
    expect((await record({ ...valid, decisionDate: '2024-03-31' })).body).toMatchObject({
      status: 400,
      errors: [{ field: 'decisionDate' }],
    });
    expect((await record({ ...valid, stars: 6 })).status).toBe(400);
    expect((await record(valid, t.district)).status).toBe(403);

    const recorded = expectStatus(await record(valid), 201);
    expect(recorded.ministryDecision).toMatchObject({ ref: '789/QĐ-BNN-KTHT', date: '2024-09-05', stars: 5 });
    const five = expectStatus(
      await h.request('GET', `/certificates/${recorded.ministryDecision.certificateId}`, {
        token: t.producer,
      }),
      200,
    );
    expect(five).toMatchObject({
      stars: 5,
      status: 'issued',
      level: 'central',
      decision: { ref: '789/QĐ-BNN-KTHT' },
    });
    const all = expectStatus(
      await h.request('GET', `/certificates?productId=${products.durian2024}`, { token: t.producer }),
      200,
    );
    expect(all.items.map((c: Json) => `${c.stars}:${c.status}`)).toEqual(['5:issued', '4:superseded']);
    const certified = (await h.outbox(RatingEvents.productCertified)).filter(
      (e) => e.data.certificate.certificateId === five.certificateId,
    );
    expect(certified).toHaveLength(1);
    expect(certified[0].data).toMatchObject({ level: 'central', score: proposal.average });
    expect(
      (await h.outbox(RatingEvents.certificateIssued)).some(
        (e) => e.data.certificateId === five.certificateId,
      ),
    ).toBe(true);

    expect((await record(valid)).body).toMatchObject({ status: 409, code: 'ministry-decision-recorded' });
    await expect(h.sql(`UPDATE ministry_decisions SET stars = 4`)).rejects.toThrow(/cannot change/);
  });

  it('follows today’s rules: the commune reviews and proposes without scoring, the province scores', async () => {
    h.clock.set(new Date('2025-09-01T02:00:00Z'));
    const commune = await createRound(h, t.commune2025, {
      name: 'Xã Chợ Lách: kiểm tra và đề xuất 2025',
      level: 'commune',
      rules: 'qd1489-2025',
      territory: { provinceCode: '86', communeCode: '28882' },
    });
    const dossier = await apply(commune, products.durian2025);
    expect(dossier.rubric.version).toBe('qd148-2023');
    expect(
      (await h.request('POST', `/rounds/${commune}/start-scoring`, { token: t.commune2025 })).body,
    ).toMatchObject({ status: 409, code: 'level-reviews-only' });
    expect(
      (
        await h.request('PUT', `/rounds/${commune}/council/${chair}`, {
          token: t.commune2025,
          body: { role: 'chair' },
        })
      ).body,
    ).toMatchObject({ status: 409, code: 'level-reviews-only' });
    const early = await h.request('POST', `/rounds/${commune}/propose`, {
      token: t.commune2025,
      body: { decisionRef: '15/TTr-UBND', decisionDate: '2025-09-01' },
    });
    expect(early.body).toMatchObject({ status: 409, code: 'dossiers-pending-review' });
    expectStatus(
      await h.request('POST', `/dossiers/${dossier.dossierId}/accept`, { token: t.commune2025, body: {} }),
      200,
    );
    const proposed = expectStatus(
      await h.request('POST', `/rounds/${commune}/propose`, {
        token: t.commune2025,
        body: { decisionRef: '15/TTr-UBND', decisionDate: '2025-09-01' },
      }),
      200,
    );
    expect(proposed).toMatchObject({ status: 'results-approved', proposedDossierIds: [dossier.dossierId] });
    expect(
      expectStatus(await h.request('GET', `/dossiers/${dossier.dossierId}`, { token: t.producer }), 200)
        .status,
    ).toBe('proposed');

    const province = await createRound(h, t.province2025, {
      name: 'Đánh giá OCOP tỉnh Vĩnh Long 2025',
      level: 'province',
      rules: 'qd1489-2025',
      territory: { provinceCode: '86' },
    });
    const taken = await intake(t.province2025, province);
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({
      productId: products.durian2025,
      forwardedFromDossierId: dossier.dossierId,
    });
    expect(await intake(t.province2025, province)).toEqual([]);
    const [result] = await scoreRound(t.province2025, province, [
      { dossierId: taken[0].dossierId, choices: best(dossier.sheet) },
    ]);
    expect(result).toMatchObject({ stars: 4, potentialFiveStar: true, forwardedTo: 'central' });
    const approved = await approve(t.province2025, province, '2100/QĐ-UBND', '2025-09-01');
    expect(approved.results[0].certificateId).toEqual(expect.any(String));
  });
});
