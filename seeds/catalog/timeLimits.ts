import type { ItemType } from '../../lib/codes/index.ts';
import type { TimeLimit } from '../../subgraphs/catalog/guide/content.ts';

interface TimeLimits {
  legal: TimeLimit | null;
  promised: TimeLimit | null;
}

const workingDays = (value: number): TimeLimit => ({ value, unit: 'WORKING_DAY' });

/**
 * Sample limits by item type. Licences follow 行政许可法 art. 42 (20 working days)
 * with the promise at half the legal limit, as seed 004 asks; disclosure follows
 * 政府信息公开条例 art. 24 (15 working days); other powers borrow the licence
 * limits. Levies, inspections and conveniences have no statutory processing
 * limit, only a promise; types absent from the 2011 catalog carry none.
 */
export const SAMPLE_TIME_LIMITS: Readonly<Record<ItemType, TimeLimits>> = {
  LICENSE: { legal: workingDays(20), promised: workingDays(10) },
  CONFIRMATION: { legal: workingDays(20), promised: workingDays(5) },
  PAYMENT: { legal: workingDays(30), promised: workingDays(15) },
  DISCLOSURE: { legal: workingDays(15), promised: workingDays(10) },
  LEVY: { legal: null, promised: workingDays(1) },
  INSPECTION: { legal: null, promised: workingDays(10) },
  CONVENIENCE: { legal: null, promised: workingDays(3) },
  OTHER_POWER: { legal: workingDays(20), promised: workingDays(10) },
  ENFORCEMENT: { legal: null, promised: null },
  PUNISHMENT: { legal: null, promised: null },
  REWARD: { legal: null, promised: null },
  ADJUDICATION: { legal: null, promised: null },
  PUBLIC_SERVICE: { legal: null, promised: null },
};
