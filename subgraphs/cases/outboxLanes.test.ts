import { describe, expect, it } from 'vitest';
import { RESULT_TOPIC } from './actions/commit.ts';
import { DELIVERY_TOPIC } from './datasources/departments.ts';
import { caseLane } from './outboxLanes.ts';
import { observationKey, SUPERVISION_TOPIC } from './supervision/observation.ts';

const CASE = '61072500000000001333910725000001';
const OTHER = '61072500000000001333910725000002';

describe('caseLane', () => {
  it('puts every observation of one case in one lane, whatever its version', () => {
    expect(caseLane({ topic: SUPERVISION_TOPIC, messageKey: observationKey(CASE, 1) })).toBe(caseLane({ topic: SUPERVISION_TOPIC, messageKey: observationKey(CASE, 12) }));
  });

  it('separates cases, and the receivers of one case', () => {
    const lanes = new Set([
      caseLane({ topic: SUPERVISION_TOPIC, messageKey: observationKey(CASE, 1) }),
      caseLane({ topic: SUPERVISION_TOPIC, messageKey: observationKey(OTHER, 1) }),
      caseLane({ topic: RESULT_TOPIC, messageKey: CASE }),
      caseLane({ topic: DELIVERY_TOPIC, messageKey: CASE }),
    ]);
    expect(lanes.size).toBe(4);
  });
});
