import { certificateValidity, certificateValidThrough } from './certificate-validity';
import {
  addCalendarMonths,
  formatVietnameseDate,
  isIsoDate,
  parseVietnameseDate,
  startOfVietnamDay,
  vietnamDateOf,
  vietnamToday,
} from './vietnam-calendar';

describe('the Vietnamese calendar', () => {
  it('dates an instant in Viet Nam: 31/12 at 23:30 there (16:30 UTC) is 31/12, not 1/1 or 30/12', () => {
    const lateOnNewYearsEve = new Date('2026-12-31T16:30:00Z');
    expect(vietnamDateOf(lateOnNewYearsEve)).toBe('2026-12-31');
    expect(formatVietnameseDate(lateOnNewYearsEve)).toBe('31/12/2026');
    // Half an hour later it is New Year's Day in Viet Nam while still 31/12 in UTC.
    expect(vietnamToday(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(vietnamDateOf(new Date('2026-12-31T16:59:59.999Z'))).toBe('2026-12-31');
  });

  it('starts a Vietnamese day at 17:00 UTC the day before', () => {
    expect(startOfVietnamDay('2027-01-01').toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(() => startOfVietnamDay('2023-02-29')).toThrow(RangeError);
  });

  it('prints dd/MM/yyyy from a calendar date or an instant, never the UTC day', () => {
    expect(formatVietnameseDate('2029-12-03')).toBe('03/12/2029');
    expect(formatVietnameseDate('2029-12-02T17:00:00.000Z')).toBe('03/12/2029');
  });

  it('adds months to the corresponding day, or the last day of a month that has none', () => {
    expect(addCalendarMonths('2023-03-15', 36)).toBe('2026-03-15');
    expect(addCalendarMonths('2024-02-29', 36)).toBe('2027-02-28');
    expect(addCalendarMonths('2024-02-29', 48)).toBe('2028-02-29');
    expect(addCalendarMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addCalendarMonths('2023-12-31', 36)).toBe('2026-12-31');
  });

  it('reads dates as offices write them and refuses dates that do not exist', () => {
    expect(parseVietnameseDate('5/3/2023')).toBe('2023-03-05');
    expect(parseVietnameseDate('2023-03-05')).toBe('2023-03-05');
    expect(parseVietnameseDate('29/02/2023')).toBeUndefined();
    expect(parseVietnameseDate('2023-13-01')).toBeUndefined();
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});

describe('certificate validity: 36 months, one definition (decision 0035)', () => {
  it('a certificate decided on 03/12/2026 is valid through 03/12/2029, to the end of that day in Viet Nam', () => {
    const v = certificateValidity('2026-12-03');
    expect(v.validThrough).toBe('2029-12-03');
    expect(v.issuedAt.toISOString()).toBe('2026-12-02T17:00:00.000Z');
    expect(v.expiresAt.toISOString()).toBe('2029-12-03T17:00:00.000Z');
    // Whoever holds only the instant (lookup, notifications) prints the same day.
    expect(certificateValidThrough(v.expiresAt)).toBe('2029-12-03');
    expect(certificateValidThrough(v.expiresAt.toISOString())).toBe('2029-12-03');
  });

  it('issued on 31/12 at 23:30 Vietnam time: dated 31/12, valid through 31/12 three years on', () => {
    const decisionDate = vietnamDateOf(new Date('2026-12-31T16:30:00Z'));
    expect(decisionDate).toBe('2026-12-31');
    const v = certificateValidity(decisionDate);
    expect(v.validThrough).toBe('2029-12-31');
    expect(formatVietnameseDate(v.validThrough)).toBe('31/12/2029');
    expect(vietnamDateOf(v.expiresAt)).toBe('2030-01-01');
  });

  it('issued on 29 February: valid through 28 February, the last day of a February without a 29th', () => {
    const v = certificateValidity('2024-02-29');
    expect(v.validThrough).toBe('2027-02-28');
    expect(v.expiresAt.toISOString()).toBe('2027-02-28T17:00:00.000Z');
    // 28 and 29 February 2024 both end on 28 February 2027; 1 March is the next day on both sides.
    expect(certificateValidity('2024-02-28').validThrough).toBe('2027-02-28');
    expect(certificateValidity('2024-03-01').validThrough).toBe('2027-03-01');
  });
});
