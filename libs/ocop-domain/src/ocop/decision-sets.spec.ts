import {
  decisionSet,
  decisionSets,
  QD1048_SETS,
  QD148_SETS,
  QD148_TO_QD1048,
  sheetSetForProduct,
} from './decision-sets';

describe('product sets by decision', () => {
  it('gives every set of each decision its own code, QĐ 148 sets their annex number', () => {
    for (const sets of [QD148_SETS, QD1048_SETS]) {
      expect(sets).toHaveLength(26);
      expect(new Set(sets.map((s) => s.code)).size).toBe(26);
      for (const s of sets) expect(s.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
    expect(QD148_SETS.map((s) => s.no)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(QD1048_SETS.every((s) => s.no === undefined)).toBe(true);
  });

  it('knows that the number 7 means different products in the two decisions', () => {
    expect(decisionSets('qd148-2023')[6].nameVi).toBe('Chế biến từ rau, củ, quả, hạt');
    // The QĐ 1048 transcription's set 7 is a tea sheet.
    expect(QD1048_SETS[6].nameVi).toBe('Các sản phẩm khác từ chè, trà');
  });
});

describe('mapping a product’s QĐ 148 set to a sheet of the round’s decision', () => {
  it('maps every QĐ 148 set, to QĐ 1048 sets that exist', () => {
    expect(Object.keys(QD148_TO_QD1048).sort()).toEqual(QD148_SETS.map((s) => s.code).sort());
    for (const codes of Object.values(QD148_TO_QD1048)) {
      for (const code of codes) expect(decisionSet('qd1048-2019', code)).toBeDefined();
    }
  });

  it('scores processed fruit (QĐ 148 set 7) on QĐ 1048’s processed-fruit sheet, not its sheet 7', () => {
    expect(sheetSetForProduct('qd1048-2019', 7)).toEqual({
      kind: 'set',
      set: {
        decision: 'qd1048-2019',
        code: 'che-bien-rau-cu-qua-hat',
        nameVi: 'Chế biến từ rau, củ, quả, hạt',
      },
    });
    expect(sheetSetForProduct('qd148-2023', 7)).toMatchObject({
      kind: 'set',
      set: { code: 'che-bien-rau-cu-qua-hat', no: 7 },
    });
  });

  it('asks the applicant to choose where QĐ 1048 split the products, and takes only one of the candidates', () => {
    const split = sheetSetForProduct('qd1048-2019', 8);
    expect(split.kind === 'choose' && split.candidates.map((s) => s.code)).toEqual([
      'che-bien-thit-trung-sua',
      'che-bien-thuy-hai-san',
      'mat-ong-mat-khac',
    ]);
    expect(sheetSetForProduct('qd1048-2019', 8, 'che-bien-thuy-hai-san')).toMatchObject({
      kind: 'set',
      set: { code: 'che-bien-thuy-hai-san' },
    });
    expect(sheetSetForProduct('qd1048-2019', 8, 'ruou-trang').kind).toBe('choose');
    expect(sheetSetForProduct('qd148-2023', 7, 'ruou-trang').kind).toBe('choose');
  });

  it('has no QĐ 1048 sheet for ornamentals, which came with QĐ 148', () => {
    expect(sheetSetForProduct('qd1048-2019', 23)).toMatchObject({
      kind: 'none',
      productSet: { code: 'hoa' },
    });
    expect(sheetSetForProduct('qd148-2023', 27)).toEqual({ kind: 'none', productSet: undefined });
  });
});
