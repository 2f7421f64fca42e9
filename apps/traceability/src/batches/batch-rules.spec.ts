import { batchDateErrors, lotCodeProblem } from './batch-rules';

describe('batch rules', () => {
  it('accepts GS1 lot codes and says what is wrong with others', () => {
    expect(lotCodeProblem('L2024-06/A')).toBeUndefined();
    expect(lotCodeProblem('LÔ 1')?.en).toMatch(/"Ô" at position 2/);
    expect(lotCodeProblem('L 1')?.en).toMatch(/space at position 2/);
    expect(lotCodeProblem('L#1')?.en).toMatch(/"#"/);
    expect(lotCodeProblem('x'.repeat(21))?.en).toMatch(/at most 20 characters/);
    expect(lotCodeProblem('')?.vi).toMatch(/không được để trống/);
  });

  it('wants dates in order and printable as GS1 dates', () => {
    expect(
      batchDateErrors(
        { harvestDate: '2026-06-01', packingDate: '2026-06-03', expiryDate: '2026-12-31' },
        2026,
      ),
    ).toEqual([]);
    expect(
      batchDateErrors({ packingDate: '2026-06-03', expiryDate: '2026-06-01' }, 2026).map((e) => e.field),
    ).toEqual(['expiryDate']);
    expect(batchDateErrors({ harvestDate: '2026-06-05', packingDate: '2026-06-03' }, 2026)[0].field).toBe(
      'packingDate',
    );
    expect(batchDateErrors({ expiryDate: '2026-02-30' }, 2026)[0].message).toMatch(/not a valid date/);
    expect(batchDateErrors({ expiryDate: '2080-01-01' }, 2026)[0].message).toMatch(/two-digit year/);
  });
});
