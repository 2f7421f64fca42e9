import { Clock } from './clock';

class SetClock extends Clock {
  at = 0;
  override nowMs(): number {
    return this.at;
  }
}

describe('Clock.vietnamToday', () => {
  it('turns the day at midnight in Viet Nam (17:00 UTC), forwards and backwards', () => {
    const clock = new SetClock();
    clock.at = Date.parse('2026-12-31T16:59:59.999Z');
    expect(clock.vietnamToday()).toBe('2026-12-31');
    clock.at = Date.parse('2026-12-31T17:00:00.000Z');
    expect(clock.vietnamToday()).toBe('2027-01-01');
    clock.at = Date.parse('2027-01-01T16:59:59.999Z');
    expect(clock.vietnamToday()).toBe('2027-01-01');
    // A test that moves the clock back gets the earlier day, not the one remembered.
    clock.at = Date.parse('2026-06-01T00:00:00.000Z');
    expect(clock.vietnamToday()).toBe('2026-06-01');
  });
});
