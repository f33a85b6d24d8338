import { workingCalendar } from '../../../lib/calendar/workingDays.ts';
import type { GuideFigures } from '../datasources/catalog.ts';
import type { DeadlineFact } from '../observations/observation.ts';

/** The seeded police agency and its hotel license guide, as the figures' tests use them. */
export const POLICE = '11610725TB7250054A';
export const HOTEL = '610725000000TB7250054102';

/** A license guide of 20 working days legal, 10 promised, one visit, depth III, with overrides. */
export const guideFigures = (overrides: Partial<GuideFigures> = {}): GuideFigures => ({
  implementationCode: HOTEL,
  agency: POLICE,
  itemType: 'LICENSE',
  caseKind: 'PROMISED',
  legalLimit: { value: 20, unit: 'WORKING_DAY' },
  promisedLimit: { value: 10, unit: 'WORKING_DAY' },
  visits: 1,
  onlineDepth: 3,
  ...overrides,
});

/** A deadline of 10 working days from Mon 2026-03-02 on the bundled calendar, with overrides. */
export const deadlineFact = (overrides: Partial<DeadlineFact> = {}): DeadlineFact => ({
  limit: { value: 10, unit: 'WORKING_DAY' },
  startedOn: '2026-03-02',
  due: '2026-03-16',
  finishedOn: null,
  suspendedDays: 0,
  calendarVersion: workingCalendar.version,
  ...overrides,
});
