import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workingCalendar } from '../../../lib/calendar/workingDays.ts';
import { BUNDLED_CALENDAR } from '../datasources/calendar.ts';
import { countsByKey, evaluationFigures, FORMULAS, guideIndexFigures, p90, ratio } from './formulas.ts';
import { countingDeadline, handlingFigures, handlingWorkingDays, type HandlingFacts } from './handling.ts';
import { deadlineFact, guideFigures } from './testSupport.ts';

const guide = guideFigures;
const deadline = deadlineFact;

describe('ratios and the percentile', () => {
  it('gives a ratio with its counts and formula, and null over nothing', () => {
    expect(ratio('onTimeRate', 3, 4)).toEqual({ value: 0.75, numerator: 3, denominator: 4, formula: FORMULAS.onTimeRate });
    expect(ratio('onTimeRate', 0, 0)).toMatchObject({ value: null, numerator: 0, denominator: 0 });
  });

  it('takes the 90th percentile by nearest rank: a value that occurred', () => {
    expect(p90('p90HandlingWorkingDays', [5, 1, 9, 3, 7, 2, 8, 4, 6, 10])).toMatchObject({ value: 9, numerator: 9, denominator: 10 });
    expect(p90('p90HandlingWorkingDays', [4, 1, 2])).toMatchObject({ value: 4, numerator: 3, denominator: 3 });
    expect(p90('p90HandlingWorkingDays', [7])).toMatchObject({ value: 7, numerator: 1, denominator: 1 });
    expect(p90('p90HandlingWorkingDays', [])).toMatchObject({ value: null, numerator: 0, denominator: 0 });
  });

  it('keeps every expected key, zeros included, and puts unexpected ones after', () => {
    expect(countsByKey(['YELLOW', 'RED'], new Map([['RED', 2], ['BLUE', 1]]))).toEqual([
      { key: 'YELLOW', count: 0 },
      { key: 'RED', count: 2 },
      { key: 'BLUE', count: 1 },
    ]);
  });
});

describe('the guides’ index figures', () => {
  it('compresses over license guides with both limits in one unit only', () => {
    const figures = guideIndexFigures([
      guide({ legalLimit: { value: 20, unit: 'WORKING_DAY' }, promisedLimit: { value: 5, unit: 'WORKING_DAY' } }),
      guide({ legalLimit: { value: 30, unit: 'NATURAL_DAY' }, promisedLimit: { value: 15, unit: 'NATURAL_DAY' } }),
      // Left out: units differ, a limit missing, not a license.
      guide({ legalLimit: { value: 20, unit: 'WORKING_DAY' }, promisedLimit: { value: 10, unit: 'NATURAL_DAY' } }),
      guide({ promisedLimit: null }),
      guide({ itemType: 'PUBLIC_SERVICE', legalLimit: { value: 100, unit: 'WORKING_DAY' }, promisedLimit: { value: 1, unit: 'WORKING_DAY' } }),
    ]);
    expect(figures.promisedToLegalCompression).toMatchObject({ numerator: 20, denominator: 50 });
    expect(figures.promisedToLegalCompression.value).toBeCloseTo(1 - 20 / 50);
  });

  it('counts 即办件, visits and depth levels over every guide', () => {
    const figures = guideIndexFigures([
      guide({ caseKind: 'IMMEDIATE', visits: 0, onlineDepth: 4 }),
      guide({ caseKind: 'PROMISED', visits: 1, onlineDepth: 3 }),
      guide({ caseKind: 'PROMISED', visits: 2, onlineDepth: 3, itemType: 'PUBLIC_SERVICE' }),
    ]);
    expect(figures.immediateShare).toMatchObject({ numerator: 1, denominator: 3 });
    expect(figures.averageVisits).toMatchObject({ value: 1, numerator: 3, denominator: 3 });
    expect(figures.onlineDepthLevels).toEqual([
      { key: 'I', count: 0 },
      { key: 'II', count: 0 },
      { key: 'III', count: 2 },
      { key: 'IV', count: 1 },
    ]);
  });

  it('answers null values, not zeros, when no guide is in scope', () => {
    const figures = guideIndexFigures([]);
    expect(figures.promisedToLegalCompression.value).toBeNull();
    expect(figures.immediateShare.value).toBeNull();
    expect(figures.averageVisits.value).toBeNull();
  });
});

describe('handling time in working days', () => {
  const facts = (overrides: Partial<HandlingFacts> = {}): HandlingFacts => ({
    acceptedOn: '2026-03-02',
    completedOn: '2026-03-09',
    promised: deadline(),
    legal: deadline({ limit: { value: 20, unit: 'WORKING_DAY' } }),
    ...overrides,
  });

  it('counts the working days after acceptance through completion', () => {
    // Mon 03-02 → Mon 03-09: Tue–Fri and Mon.
    expect(handlingWorkingDays(facts(), workingCalendar)).toBe(5);
    // Across 清明 2026 (Mon 04-06 off): Thu 04-02 → Wed 04-08 counts Fri 04-03, Tue 04-07, Wed 04-08.
    expect(handlingWorkingDays(facts({ acceptedOn: '2026-04-02', completedOn: '2026-04-08' }), workingCalendar)).toBe(3);
    expect(handlingWorkingDays(facts({ completedOn: '2026-03-02' }), workingCalendar)).toBe(0);
  });

  it('leaves out the days special procedures took out of the working-day deadline', () => {
    expect(handlingWorkingDays(facts({ promised: deadline({ suspendedDays: 2 }), legal: deadline({ suspendedDays: 2 }) }), workingCalendar)).toBe(3);
    // A promise in natural days: the legal working-day deadline says how many working days were suspended.
    const natural = deadline({ limit: { value: 15, unit: 'NATURAL_DAY' }, suspendedDays: 4 });
    const legal = deadline({ limit: { value: 20, unit: 'WORKING_DAY' }, suspendedDays: 2 });
    expect(countingDeadline({ promised: natural, legal })).toBe(legal);
    expect(handlingWorkingDays(facts({ promised: natural, legal }), workingCalendar)).toBe(3);
    expect(handlingWorkingDays(facts({ promised: deadline({ suspendedDays: 9 }) }), workingCalendar)).toBe(0);
  });

  it('averages, ranks and compares with the promised limits', async () => {
    const cases = [
      facts({ completedOn: '2026-03-03' }), // 1 of 10 promised
      facts({ completedOn: '2026-03-09' }), // 5 of 10
      facts({ completedOn: '2026-03-16', promised: deadline({ limit: { value: 8, unit: 'NATURAL_DAY' } }) }), // 10, not in the ratio
      facts({ completedOn: '2026-03-04', promised: null }), // 2, not in the ratio
    ];
    const figures = await handlingFigures(cases, BUNDLED_CALENDAR);
    expect(figures.averageHandlingWorkingDays).toMatchObject({ value: 18 / 4, numerator: 18, denominator: 4 });
    expect(figures.p90HandlingWorkingDays).toMatchObject({ value: 10, numerator: 4, denominator: 4 });
    expect(figures.handlingToPromisedRatio).toMatchObject({ value: 6 / 20, numerator: 6, denominator: 20 });
  });

  it('leaves out a case the calendar does not cover rather than guessing', async () => {
    const figures = await handlingFigures([facts(), facts({ acceptedOn: '2031-03-03', completedOn: '2031-03-05' })], BUNDLED_CALENDAR);
    expect(figures.averageHandlingWorkingDays).toMatchObject({ numerator: 5, denominator: 1 });
  });
});

describe('the documented formulas', () => {
  it('are the words the API answers, in the supervision docs', () => {
    const docs = ['docs/supervision.md', 'docs/supervision-figures.md']
      .map((file) => new URL(`../../../${file}`, import.meta.url))
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
    for (const formula of Object.values(FORMULAS)) expect(docs).toContain(formula);
  });
});

describe('the evaluation figures', () => {
  it('lists every level and rates the good ones over all counted', () => {
    const figures = evaluationFigures({ VERY_SATISFIED: 3, SATISFIED: 1, BASICALLY_SATISFIED: 1, DISSATISFIED: 2, VERY_DISSATISFIED: 1 });
    expect(figures.evaluationLevels.map((level) => level.key)).toEqual(['VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED']);
    expect(figures.goodReviewRate).toMatchObject({ value: 5 / 8, numerator: 5, denominator: 8 });
    expect(evaluationFigures({ VERY_SATISFIED: 0, SATISFIED: 0, BASICALLY_SATISFIED: 0, DISSATISFIED: 0, VERY_DISSATISFIED: 0 }).goodReviewRate.value).toBeNull();
  });
});
