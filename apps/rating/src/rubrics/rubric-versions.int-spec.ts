import { parseCsvRows } from '@ocop/ocop-domain';
import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import { randomUUID } from 'node:crypto';
import {
  applyAndSubmit,
  createRound,
  expectStatus,
  registration,
  scoreAll,
  seatCouncil,
  tokens,
} from '../../test/flows';
import { Json, placesIn, RatingHarness, startRating } from '../../test/rating-harness';
import qd148Csv from './data/ocop-criteria-qd148-2023.csv';
import { XLSX_TYPE } from './spreadsheet-rows';

/**
 * Scoring sheets as versioned data (decision 0031), on the real sheets: every sheet's state is reported, set 7
 * (Bến Tre's coconut candy) is scored under QĐ 148, a QĐ 1048 round finds processed fruit by identity, and the
 * province imports a broken and a fixed sheet, activating only the fixed one, which new rounds pin while an open
 * round keeps its own.
 */
describe('rubric sheets as versioned data (integration)', () => {
  let h: RatingHarness;
  let t: Record<string, string>;
  const producerId = randomUUID();
  const chair = randomUUID();
  const members = [randomUUID(), randomUUID(), randomUUID()];
  const product: Record<string, string> = {};

  /** The bundled rows of QĐ 148 set 7, header first, each changed by `change` (null drops the row). */
  function set7Rows(change: (fields: string[]) => string[] | null = (f) => f): string[][] {
    const [header, ...rows] = parseCsvRows(qd148Csv).map((r) => r.fields);
    const out = rows.filter((f) => f[0] === '7').map(change);
    return [header, ...out.filter((f): f is string[] => f !== null)];
  }
  const MUI_BEST = 'Tự nhiên của thành phần nguyên liệu, phù hợp, hấp dẫn';
  /**
   * Test data, not a verified row: the province has checked C.6.4 "Mùi" against the annex and found its best
   * option worth the criterion's 4 points, so the mark comes off.
   */
  const fixedSet7 = () =>
    set7Rows((f) => {
      const row = [...f];
      if (row[3].includes(MUI_BEST)) row[6] = '4';
      row[7] = '';
      return row;
    });

  beforeAll(async () => {
    h = await startRating('rubric-versions');
    h.clock.set(new Date('2025-06-20T02:00:00Z'));
    await h.seedProducer({
      id: producerId,
      name: 'Công ty TNHH SX-KD tổng hợp Đông Á',
      places: placesIn('829', '28780'),
    });
    for (const [key, nameVi, productSet] of [
      ['candy', 'Kẹo dừa sầu riêng lá dứa', 7],
      ['candy1048', 'Kẹo dừa ca cao', 7],
      ['candyLater', 'Kẹo dừa gừng', 7],
      ['fishCake', 'Chả cá thác lác', 8],
      ['orchid', 'Lan rừng', 23],
      ['homestay', 'Du lịch cộng đồng cồn Phụng', 26],
    ] as const) {
      product[key] = await h.seedProduct({ producerId, nameVi, productSet });
    }
    for (const [i, id] of [chair, ...members].entries()) {
      await h.seedAccount({ id, displayName: `Thành viên ${i + 1}`, roles: ['council'] });
    }
    await h.readModelHas('product_views', Object.values(product));
    await h.readModelHas('account_views', [chair, ...members]);
    t = await tokens(h, {
      producer: { roles: ['producer'], producerId },
      district: { roles: ['officer'], scope: { provinceCode: '83', districtCode: '829' } },
      province: { roles: ['officer'], scope: { provinceCode: '83' } },
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

  const apply = (roundId: string, productId: string, extra: Record<string, unknown> = {}) =>
    h.request('POST', `/rounds/${roundId}/dossiers`, {
      token: t.producer,
      body: { productId, registration: registration('Sản phẩm'), ...extra },
    });

  /** The best option of every criterion the dossier's pinned sheet scores for its case. */
  async function bestChoices(dossier: Json): Promise<Record<string, number>> {
    const revision = expectStatus(await h.request('GET', `/rubrics/sheets/${dossier.rubric.sheetId}`), 200);
    const choices: Record<string, number> = {};
    for (const part of revision.sheet.parts)
      for (const section of part.sections)
        for (const c of section.criteria) {
          if (c.case && c.case !== dossier.rubric.case) continue;
          const points: number[] = c.options.map((o: { points: number }) => o.points);
          choices[c.key] = points.indexOf(Math.max(...points));
        }
    return choices;
  }

  let openRound: string;
  let bundledSet7: string;

  it('lists every sheet’s state: all 26 of QĐ 148 usable (4 provisional), QĐ 1048’s unusable ones with why', async () => {
    const [qd148, qd1048] = expectStatus(await h.request('GET', '/rubrics/validation'), 200);
    expect(qd148.version).toBe('qd148-2023');
    expect(qd148.usableSets).toHaveLength(26);
    expect(qd148.unusableSets).toEqual([]);
    expect(qd148.provisionalSets).toEqual([
      'che-bien-rau-cu-qua-hat',
      'che-tuoi-che-che-bien',
      'tra-tu-thuc-vat-khac',
      'ca-phe-ca-cao',
    ]);
    const set7 = qd148.sets.find((s: Json) => s.setNo === 7);
    expect(set7).toMatchObject({
      setCode: 'che-bien-rau-cu-qua-hat',
      state: 'provisional',
      active: { revision: 1, source: 'bundled' },
      totals: [{ parts: { C: { maximum: 35, reached: 34 } }, total: 99 }],
      unverified: [{ at: 'C.6.4' }],
      errors: [],
    });
    bundledSet7 = set7.active.sheetId;
    expect(qd148.sets.find((s: Json) => s.setNo === 26).cases).toHaveLength(2);
    expect(qd1048.unusableSets).toEqual([
      'gao-ngu-coc',
      'thuc-pham-chuc-nang-thuoc-duoc-lieu',
      'tuong-nuoc-mam-gia-vi-long',
      'do-uong-co-con-khac',
    ]);
    expect(qd1048.sets.find((s: Json) => s.setCode === 'gao-ngu-coc')).toMatchObject({
      state: 'no-sheet',
      errors: [{ code: 'set-missing' }],
    });
    expect(qd1048.sets.find((s: Json) => s.setCode === 'do-uong-co-con-khac')).toMatchObject({
      state: 'unusable',
      errors: [{ code: 'part-sum-mismatch', at: 'C', expected: 40, actual: 38 }],
    });
  });

  it('scores a set-7 product (coconut candy) under QĐ 148, on the revision its round pinned', async () => {
    openRound = await createRound(h, t.district, {
      name: 'Đánh giá OCOP tỉnh Bến Tre 2025, đợt 2',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '829' },
    });
    const scoringRound = await createRound(h, t.district, {
      name: 'Đánh giá OCOP tỉnh Bến Tre 2025, đợt 1',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '829' },
    });
    await seatCouncil(h, t.district, scoringRound, chair, members);
    const dossierId = await applyAndSubmit(h, t.producer, scoringRound, product.candy, 7);
    const dossier = expectStatus(
      await h.request('GET', `/dossiers/${dossierId}`, { token: t.producer }),
      200,
    );
    expect(dossier.rubric).toMatchObject({
      version: 'qd148-2023',
      setCode: 'che-bien-rau-cu-qua-hat',
      setNo: 7,
      provisional: true,
    });
    expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/accept`, { token: t.district, body: {} }),
      200,
    );
    expectStatus(
      await h.request('POST', `/rounds/${scoringRound}/start-scoring`, { token: t.district }),
      200,
    );
    await scoreAll(h, [t.m0, t.m1, t.m2], dossierId, await bestChoices(dossier));
    const result = expectStatus(
      await h.request('POST', `/dossiers/${dossierId}/result/finalise`, { token: t.chair }),
      200,
    );
    // The unverified "Mùi" point cannot be scored: 99 of 100; a district council awards no more than 4★.
    expect(result).toMatchObject({
      rubric: { version: 'qd148-2023', setCode: 'che-bien-rau-cu-qua-hat', setNo: 7, sheetId: bundledSet7 },
      partAverages: { A: 40, B: 25, C: 34 },
      average: 99,
      stars: 4,
    });
  });

  it('scores a set-7 product in a QĐ 1048 round on 1048’s processed-fruit sheet, not its sheet 7 (tea)', async () => {
    const round1048 = await createRound(h, t.district, {
      name: 'Đánh giá lại theo QĐ 1048',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '829' },
      // QĐ 1048's sheets belong to its period (to 23 February 2023, decision 0032).
      rules: 'qd1048-2019',
      opensOn: '2022-03-01',
      closesOn: '2022-05-31',
    });
    const dossier = expectStatus(await apply(round1048, product.candy1048), 201);
    expect(dossier.rubric).toEqual({
      version: 'qd1048-2019',
      setCode: 'che-bien-rau-cu-qua-hat',
      sheetId: expect.any(String),
    });
    const sheet = expectStatus(await h.request('GET', `/rubrics/sheets/${dossier.rubric.sheetId}`), 200);
    expect(sheet).toMatchObject({ decision: 'qd1048-2019', setCode: 'che-bien-rau-cu-qua-hat' });
    expect(sheet.sheet.name).toBe('Chế biến từ rau, củ, quả, hạt');
    expect(sheet.sheet.parts.map((p: Json) => p.maxPoints)).toEqual([35, 25, 40]);
    expectStatus(
      await h.request('PATCH', `/dossiers/${dossier.dossierId}`, {
        token: t.producer,
        body: { selfAssessment: await bestChoices(dossier) },
      }),
      200,
    );

    // Processed fish under QĐ 148 set 8 was split in QĐ 1048: the applicant names the sheet.
    const ambiguous = await apply(round1048, product.fishCake);
    expect(ambiguous.body).toMatchObject({
      status: 422,
      code: 'rubric-set-choice-required',
      productSet: { no: 8, code: 'che-bien-thit-thuy-san-trung-sua-mat-ong' },
      candidates: [
        { setCode: 'che-bien-thit-trung-sua' },
        { setCode: 'che-bien-thuy-hai-san' },
        { setCode: 'mat-ong-mat-khac' },
      ],
    });
    const chosen = expectStatus(
      await apply(round1048, product.fishCake, { rubricSetCode: 'che-bien-thuy-hai-san' }),
      201,
    );
    expect(chosen.rubric.setCode).toBe('che-bien-thuy-hai-san');
    // Ornamental flowers had no QĐ 1048 sheet: refused, naming the set.
    const orchid = await apply(round1048, product.orchid);
    expect(orchid.body).toMatchObject({
      status: 422,
      code: 'product-set-unmappable',
      productSet: { no: 23, code: 'hoa', name: 'Hoa' },
    });
    expect(orchid.body.detail).toContain('23. Hoa');
  });

  it('scores a tourism dossier on the one case chosen at intake (set 26)', async () => {
    const missing = await apply(openRound, product.homestay);
    expect(missing.body).toMatchObject({
      status: 422,
      code: 'rubric-case-required',
      cases: [{ code: '1' }, { code: '2' }],
    });
    const dossier = expectStatus(await apply(openRound, product.homestay, { rubricCase: '2' }), 201);
    expect(dossier.rubric).toMatchObject({ setNo: 26, case: '2' });
    const otherCase = await h.request('PATCH', `/dossiers/${dossier.dossierId}`, {
      token: t.producer,
      body: { selfAssessment: { 'C.8.1': 0 } },
    });
    expect(otherCase.body).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(otherCase.body.detail).toContain('C.8.1 (other-case)');
    const best = await bestChoices(dossier);
    expect(Object.keys(best)).toContain('C.8.2');
    expect(Object.keys(best)).not.toContain('C.8.1');
    const saved = expectStatus(
      await h.request('PATCH', `/dossiers/${dossier.dossierId}`, {
        token: t.producer,
        body: { selfAssessment: best },
      }),
      200,
    );
    expect(saved.selfAssessment).toMatchObject({ parts: { A: 40, B: 25, C: 35 }, total: 100 });
  });

  let broken: Json;

  it('imports a broken sheet as a draft with its validation report, and refuses to activate it', async () => {
    // Written as an admin's spreadsheet would be: no formula escaping, which would change the sheet's own text.
    const csv = stringify(set7Rows((f) => [...f.slice(0, 7), '']));
    const refused = await h.request('POST', '/rubrics/qd148-2023/sheets', {
      token: t.province,
      raw: { contentType: 'text/csv', payload: csv },
    });
    expect(refused.status).toBe(403);
    const imported = expectStatus(
      await h.request('POST', '/rubrics/qd148-2023/sheets?fileName=bo-7.csv', {
        token: t.admin,
        raw: { contentType: 'text/csv', payload: csv },
      }),
      201,
    );
    [broken] = imported.sheets;
    expect(broken).toMatchObject({
      setCode: 'che-bien-rau-cu-qua-hat',
      revision: 2,
      status: 'draft',
      usable: false,
      source: 'import',
      fileName: 'bo-7.csv',
      report: {
        totals: [{ parts: { A: { reached: 40 }, B: { reached: 25 }, C: { maximum: 35, reached: 34 } } }],
        errors: [
          { code: 'criterion-maximum-mismatch', at: 'C.6.4', expected: 4, actual: 3 },
          { code: 'section-sum-mismatch' },
          { code: 'part-sum-mismatch' },
        ],
      },
    });
    expect(broken.report.markers.length).toBeGreaterThan(0);
    const activation = await h.request('POST', `/rubrics/sheets/${broken.sheetId}/activate`, {
      token: t.admin,
    });
    expect(activation.body).toMatchObject({ status: 422, code: 'rubric-sheet-unusable' });
    const unreadable = await h.request('POST', '/rubrics/qd148-2023/sheets', {
      token: t.admin,
      raw: { contentType: 'text/csv', payload: 'set_no,level\n7,"unclosed' },
    });
    expect(unreadable.body).toMatchObject({ status: 422, code: 'rubric-import-unreadable' });
  });

  it('activates a fixed sheet (XLSX): new rounds pin it, the open round keeps its own, history is kept', async () => {
    const workbook = new Workbook();
    const ws = workbook.addWorksheet('Bộ 7');
    for (const row of fixedSet7())
      ws.addRow(row.map((cell, i) => (i === 6 && /^\d+$/.test(cell) ? Number(cell) : cell)));
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const imported = expectStatus(
      await h.request(
        'POST',
        `/rubrics/qd148-2023/sheets?fileName=bo-7.xlsx&note=${encodeURIComponent('đã đối chiếu')}`,
        {
          token: t.admin,
          raw: { contentType: XLSX_TYPE, payload: xlsx },
        },
      ),
      201,
    );
    const [fixed] = imported.sheets;
    expect(fixed).toMatchObject({
      revision: 3,
      usable: true,
      provisional: false,
      status: 'draft',
      note: 'đã đối chiếu',
    });
    expect(fixed.report.totals[0].total).toBe(100);
    expect(fixed.report.errors).toEqual([]);
    expect(
      expectStatus(
        await h.request('POST', `/rubrics/sheets/${fixed.sheetId}/activate`, { token: t.admin }),
        200,
      ),
    ).toMatchObject({ status: 'active', revision: 3 });

    // The round opened before keeps the revision it pinned; a round opened now pins the fixed one.
    const later = expectStatus(await apply(openRound, product.candyLater), 201);
    expect(later.rubric.sheetId).toBe(bundledSet7);
    expect(later.rubric.provisional).toBe(true);
    const newRound = await createRound(h, t.district, {
      name: 'Đánh giá OCOP tỉnh Bến Tre 2026',
      level: 'district',
      territory: { provinceCode: '83', districtCode: '829' },
    });
    const pinned = expectStatus(await apply(newRound, product.candyLater), 201);
    expect(pinned.rubric.sheetId).toBe(fixed.sheetId);
    expect(pinned.rubric.provisional).toBeUndefined();

    const [qd148] = expectStatus(await h.request('GET', '/rubrics/validation'), 200);
    expect(qd148.sets.find((s: Json) => s.setNo === 7)).toMatchObject({
      state: 'usable',
      active: { sheetId: fixed.sheetId, revision: 3, source: 'import' },
      drafts: [{ sheetId: broken.sheetId, revision: 2, usable: false }],
    });
    expect((await h.request('GET', '/rubrics/qd148-2023/sets/7/history')).status).toBe(401);
    const history = expectStatus(
      await h.request('GET', '/rubrics/qd148-2023/sets/7/history', { token: t.province }),
      200,
    );
    expect(
      history.revisions.map((r: Json) => [r.revision, r.status, r.events.map((e: Json) => e.action)]),
    ).toEqual([
      [3, 'active', ['imported', 'activated']],
      [2, 'draft', ['imported']],
      [1, 'superseded', ['seeded', 'superseded']],
    ]);
    // A revision is history: its content cannot be rewritten, even by SQL.
    await expect(
      h.sql(`UPDATE rubric_sheets SET usable = true WHERE id = $1`, [broken.sheetId]),
    ).rejects.toThrow(/history/);
  });
});
