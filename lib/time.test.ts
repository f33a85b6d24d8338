import { describe, expect, it } from 'vitest';
import { chinaPeriod } from './time.ts';

describe('chinaPeriod', () => {
  it('bounds a period of China dates from 00:00 of from to 00:00 of the day after to', () => {
    expect(chinaPeriod('2026-03-01', '2026-03-31')).toEqual({
      ok: true,
      start: new Date('2026-02-28T16:00:00Z'),
      end: new Date('2026-03-31T16:00:00Z'),
      days: 31,
    });
    expect(chinaPeriod('2024-12-31', '2024-12-31')).toMatchObject({ ok: true, end: new Date('2024-12-31T16:00:00Z'), days: 1 });
    expect(chinaPeriod('2024-01-01', '2024-12-31')).toMatchObject({ ok: true, days: 366 });
  });

  it('says which end is wrong, from first', () => {
    expect(chinaPeriod('2026-02-30', 'x')).toEqual({ ok: false, end: 'from', problem: 'notDate' });
    expect(chinaPeriod('2026-03-01', '2026/03/31')).toEqual({ ok: false, end: 'to', problem: 'notDate' });
    expect(chinaPeriod('2026-03-02', '2026-03-01')).toEqual({ ok: false, end: 'to', problem: 'reversed' });
  });
});
