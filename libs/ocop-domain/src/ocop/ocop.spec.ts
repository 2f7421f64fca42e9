import { foldVietnamese } from '../text/vietnamese-fold';
import { PRODUCT_GROUPS, PRODUCT_SETS, productSet, productSetFromLabel } from './product-sets';
import { isCertifiedStars, starsForScore } from './stars';

describe('OCOP product sets of QĐ 148', () => {
  it('has 26 sets numbered 1–26 in 6 groups, every group used', () => {
    expect(PRODUCT_SETS.map((s) => s.no)).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(PRODUCT_GROUPS).toHaveLength(6);
    for (const group of PRODUCT_GROUPS) expect(PRODUCT_SETS.some((s) => s.group === group.code)).toBe(true);
  });

  it('places the sets in their groups', () => {
    expect(productSet(7)?.group).toBe('food');
    expect(productSet(13)?.group).toBe('beverages');
    expect(productSet(19)?.group).toBe('herbal');
    expect(productSet(22)?.group).toBe('handicrafts');
    expect(productSet(25)?.group).toBe('ornamentals');
    expect(productSet(26)?.group).toBe('tourism');
    expect(productSet(27)).toBeUndefined();
  });

  it('reads the labels office spreadsheets use', () => {
    expect(productSetFromLabel('7. Chế biến từ rau củ quả hạt', foldVietnamese)?.no).toBe(7);
    expect(productSetFromLabel('1', foldVietnamese)?.no).toBe(1);
    expect(productSetFromLabel('Mật ong, mật khác và nông sản thực phẩm khác', foldVietnamese)?.no).toBe(4);
    expect(productSetFromLabel('mat ong, mat khac va nong san thuc pham khac', foldVietnamese)?.no).toBe(4);
    expect(productSetFromLabel('27. Không có', foldVietnamese)).toBeUndefined();
    expect(productSetFromLabel('Bánh kẹo', foldVietnamese)).toBeUndefined();
  });
});

describe('star bands', () => {
  it.each([
    [0, 1],
    [29.99, 1],
    [30, 2],
    [49.5, 2],
    [50, 3],
    [69.99, 3],
    [70, 4],
    [89.99, 4],
    [90, 5],
    [100, 5],
  ])('score %d gives %d★', (score, stars) => {
    expect(starsForScore(score)).toBe(stars);
  });

  it('refuses scores outside 0–100', () => {
    expect(() => starsForScore(101)).toThrow(RangeError);
    expect(() => starsForScore(-1)).toThrow(RangeError);
    expect(() => starsForScore(Number.NaN)).toThrow(RangeError);
  });

  it('certifies 3★ to 5★ only', () => {
    expect([1, 2, 3, 4, 5, '4'].map(isCertifiedStars)).toEqual([false, false, true, true, true, false]);
  });
});
