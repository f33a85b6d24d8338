import { describe, expect, it } from 'vitest';
import { chinaMidnight, chinaPeriod } from './time.ts';

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

describe('chinaMidnight', () => {
  it('is 16:00 UTC of the day before, whatever the server’s zone, and counts whole days on', () => {
    expect(chinaMidnight('2026-01-01').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(chinaMidnight('2026-02-28', 1).toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });
});
