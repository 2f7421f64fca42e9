import { farApartSheets } from './spread';

const sheets = (...totals: number[]) => totals.map((total, i) => ({ id: `s${i}`, total }));

describe('farApartSheets', () => {
  it('flags the one sheet far from two that agree (46, 100, 46)', () => {
    expect([...farApartSheets(sheets(46, 100, 46), 15)]).toEqual(['s1']);
  });

  it('flags both of two sheets far apart, and none of sheets within the spread', () => {
    expect([...farApartSheets(sheets(40, 80), 15)].sort()).toEqual(['s0', 's1']);
    expect(farApartSheets(sheets(70, 85, 78), 15).size).toBe(0);
  });

  it('counts exactly the allowed spread as close, and one sheet alone as close', () => {
    expect(farApartSheets(sheets(70, 85), 15).size).toBe(0);
    expect(farApartSheets(sheets(70, 85.01), 15).size).toBe(2);
    expect(farApartSheets(sheets(12), 15).size).toBe(0);
  });

  it('flags every sheet when no two agree', () => {
    expect(farApartSheets(sheets(20, 50, 90), 15).size).toBe(3);
  });
});
